package exchange

import (
	"cmp"
	"slices"

	"verso/align"
)

// Importer plans the import of several files: each is merged into the
// state the ones before it left, so that two files of one locale compose.
// It writes nothing.
type Importer struct {
	load    func(locale string) map[string]*Current
	state   map[string]map[string]*Current // locale -> doc -> state
	changed map[[2]string]*Change          // {locale, doc}
}

// NewImporter returns an importer that asks load for the repository's
// state of a locale (every document's), once per locale.
func NewImporter(load func(locale string) map[string]*Current) *Importer {
	return &Importer{load: load, state: map[string]map[string]*Current{}, changed: map[[2]string]*Change{}}
}

// Change is a document of a locale whose translations or review state the
// imports change: the new lists, nil when unchanged.
type Change struct {
	Locale, Doc  string
	Translations []align.Translation
	Reviews      []align.Review
	Extras       []align.Extra // the new extra paragraphs when ExtrasChanged
	// ExtrasChanged says whether Extras is the new list (which may be
	// empty).
	ExtrasChanged bool
}

// Merge merges one file into the state.
func (im *Importer) Merge(f *File, prefer Prefer) *Result {
	cur := im.state[f.Locale]
	if cur == nil {
		cur = im.load(f.Locale)
		im.state[f.Locale] = cur
	}
	res := Merge(f, cur, prefer)
	mark := func(doc string) *Change {
		k := [2]string{f.Locale, doc}
		if im.changed[k] == nil {
			im.changed[k] = &Change{Locale: f.Locale, Doc: doc}
		}
		return im.changed[k]
	}
	for doc, trs := range res.Translations {
		cur[doc].Translations = trs
		mark(doc).Translations = trs
	}
	for doc, xs := range res.Extras {
		cur[doc].Extras = xs
		c := mark(doc)
		c.Extras, c.ExtrasChanged = xs, true
	}
	for doc, revs := range res.Reviews {
		cur[doc].Reviews = revs
		mark(doc).Reviews = revs
	}
	return res
}

// Changes returns what the merges change, by locale and document.
func (im *Importer) Changes() []Change {
	out := make([]Change, 0, len(im.changed))
	for _, c := range im.changed {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Change) int { return cmp.Or(cmp.Compare(a.Locale, b.Locale), cmp.Compare(a.Doc, b.Doc)) })
	return out
}
