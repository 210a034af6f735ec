package cli

import (
	"verso/export/exchange"
	"verso/internal/project"
)

// importPlan is what importing exchange files would do.
type importPlan struct {
	results []*exchange.Result // one per file, in order
	writes  []project.File     // the translation and review files whose bytes change
}

// planImport merges each file into the state left by the ones before it
// and plans the writes; it writes nothing. The import commands apply the
// plan; the export commands ask it whether a file they would overwrite
// holds edits not yet imported.
func planImport(p *project.Project, files []*exchange.File, prefer exchange.Prefer) *importPlan {
	im := exchange.NewImporter(func(locale string) map[string]*exchange.Current {
		s := map[string]*exchange.Current{}
		for _, d := range p.Docs {
			t := p.TranslationsOf(d, locale)
			s[d.Name] = &exchange.Current{Doc: d.Document, Translations: t.Items, Reviews: t.Reviews, Extras: t.Extras,
				TranslationPath: t.Path, ReviewPath: t.ReviewPath}
		}
		return s
	})
	plan := &importPlan{}
	for _, f := range files {
		plan.results = append(plan.results, im.Merge(f, prefer))
	}
	// Only files whose bytes change.
	for _, c := range im.Changes() {
		t := p.TranslationsOf(p.Doc(c.Doc), c.Locale)
		if c.Translations != nil {
			if f, ok := t.Plan(c.Translations); ok {
				plan.writes = append(plan.writes, f)
			}
		}
		if c.Reviews != nil || c.ExtrasChanged {
			rs, xs := c.Reviews, c.Extras
			if c.Reviews == nil {
				rs = t.Reviews
			}
			if !c.ExtrasChanged {
				xs = t.Extras
			}
			if f, ok := t.PlanReviewFile(rs, xs); ok {
				plan.writes = append(plan.writes, f)
			}
		}
	}
	return plan
}
