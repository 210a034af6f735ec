package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"verso/align"
	"verso/align/bitext"
	"verso/internal/project"
)

func init() {
	register(command{"align", "bootstrap a locale from an existing translation with its own paragraphs", runAlign})
}

// alignOptions are the flags of verso align.
type alignOptions struct {
	doc, locale   string
	file          string // the translated document, relative to the repository root
	dryRun, force bool
	minConfidence float64
}

const alignSummary = `Aligns FILE, a translation of document DOC into LOCALE (plain text or Markdown, segmented
like the sources), with the source segments, although its paragraphs may be split, merged,
missing or extra. Writes each segment whose alignment has at least --min-confidence into
translations/DOC.LOCALE.toml with the hash of its source text, and prints one line per bead:

  CONFIDENCE  SHAPE  STATUS  SOURCE:LINE ID[+ID]  <-  FILE:LINE[-LINE]  TEXT  [NOTES]

SHAPE is source segments-target paragraphs (1-1, 1-2, 2-1, 1-0, 0-1). STATUS is one of
  new       written: the segment had no translation
  same      the translation file already holds this text
  kept      the segment has another translation, left as it is (use --force to replace it)
  replaced  the other translation was replaced (--force)
  review    confidence below --min-confidence: not written to the translation file; the
            proposal goes to translations/DOC.LOCALE.review.tsv as needs-review, with the
            proposed text in the note; the review spreadsheet (and XLIFF, PO) shows it as a
            draft translation, which approved accepts
  missing   no paragraph of FILE translates the segment
  extra     a paragraph of FILE translates no segment: it goes to the review file as an
            extra paragraph after the segment it follows, where verso status counts it,
            verso check warns about it and the review spreadsheet shows it
A segment that shares a paragraph with another (2-1) gets the part of the paragraph cut at
the sentence boundary that fits best; the cut's probability lowers its confidence.
Confidence is the estimated probability that the bead is right: at the default threshold,
beads were right more than 99% of the time on verso's evaluation data.

Exit status 1 means some segments kept an existing, different translation (see --force).`

func runAlign(e *env, args []string) int {
	fs := newFlags(e, "align", "--doc DOC --locale LOCALE [--dry-run] [--force] [--min-confidence X] FILE", alignSummary)
	var o alignOptions
	fs.StringVar(&o.doc, "doc", "", "the source document FILE translates (required)")
	fs.StringVar(&o.locale, "locale", "", "the locale of FILE (required)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the report; write nothing")
	fs.BoolVar(&o.force, "force", false, "replace existing translations that differ from the aligned text")
	fs.Float64Var(&o.minConfidence, "min-confidence", bitext.DefaultMinConfidence, "write beads with at least this confidence (0 to 1); send the rest to review")
	pos, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	switch {
	case len(pos) != 1:
		fmt.Fprintln(e.stderr, "verso align: want one FILE, the translated document; run verso align --help")
		return ExitUsage
	case o.doc == "" || o.locale == "":
		fmt.Fprintln(e.stderr, "verso align: --doc and --locale are required; run verso align --help")
		return ExitUsage
	case o.minConfidence < 0 || o.minConfidence > 1:
		fmt.Fprintf(e.stderr, "verso align: --min-confidence %g: want a number from 0 to 1\n", o.minConfidence)
		return ExitUsage
	}
	o.file = pos[0]
	p, code := e.loadScoped("align")
	if p == nil {
		return code
	}
	if code, ok := e.need("align", p, []string{o.locale}); !ok {
		return code
	}
	return alignRun(e, p, o)
}

// alignRun aligns and, unless it is a dry run, writes the translation and
// review files.
func alignRun(e *env, p *project.Project, o alignOptions) int {
	docs, err := selectDocs(p, []string{o.doc})
	if err != nil {
		return e.fail("align", err)
	}
	d := docs[0]
	if err := knownLocale(p, o.locale); err != nil {
		return e.fail("align", err)
	}
	if o.locale == d.Lang {
		return e.fail("align", fmt.Errorf("locale %q is the source language of %s", o.locale, d.Path))
	}
	src := o.file
	if !filepath.IsAbs(src) {
		src = filepath.Join(e.dir, src)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return e.fail("align", err)
	}
	tgt, err := align.Parse(filepath.ToSlash(o.file), o.locale, data)
	if err != nil {
		return e.fail("align", err)
	}
	if got, want := align.ScriptMismatch(o.locale, tgt.Segments); got != "" {
		return e.fail("align", fmt.Errorf("%s is written in the %s script, but %s is written in %s: is --locale right, or is it the wrong file?", o.file, got, o.locale, want))
	}
	tr := p.TranslationsOf(d, o.locale)
	plan := planAlign(d.Document, tgt, tr.Items, tr.Reviews, o)
	plan.extras = planExtras(d.Document, tgt, plan, tr.Extras)
	plan.print(e.stdout, d.Document, tgt)

	var writes []project.File
	if f, ok := tr.Plan(plan.translations); ok {
		writes = append(writes, f)
	}
	if f, ok := tr.PlanReviewFile(plan.reviews, plan.extras); ok {
		writes = append(writes, f)
	}
	c := plan.counts
	fmt.Fprintf(e.stderr, "verso align: %s: %s: %d new, %d same, %d kept, %d replaced, %d for review, %d missing; %s in %s\n",
		d.Name, plural(len(d.Segments), "segment"), c["new"], c["same"], c["kept"], c["replaced"], c["review"], c["missing"], plural(c["extra"], "extra paragraph"), o.file)
	if o.dryRun {
		for _, w := range writes {
			fmt.Fprintf(e.stderr, "would write %s\n", w.Path)
		}
		fmt.Fprintln(e.stderr, "verso align: dry run; nothing was written")
	} else {
		if err := project.WriteFiles(p.Root, writes); err != nil {
			return e.fail("align", err)
		}
		for _, w := range writes {
			fmt.Fprintf(e.stderr, "wrote %s\n", w.Path)
		}
	}
	if c["extra"] > 0 && !o.dryRun {
		verb, it := "face", "them"
		if c["extra"] == 1 {
			verb, it = "faces", "it"
		}
		fmt.Fprintf(e.stderr, "verso align: %s: %s %s no segment: kept in %s as extra, after the segment before; move %s into a translation (verso sheet export shows %s) or delete the line\n",
			o.file, plural(c["extra"], "paragraph"), verb, tr.ReviewPath, it, it)
	}
	if c["kept"] > 0 {
		fmt.Fprintf(e.stderr, "verso align: %d segments kept a different existing translation; check them and rerun with --force to replace them\n", c["kept"])
		return ExitProblems
	}
	return ExitOK
}

// alignPlan is what an alignment does to the translation and review files.
type alignPlan struct {
	beads        []bitext.Bead
	lines        []alignLine // one per bead, in bead order
	translations []align.Translation
	reviews      []align.Review
	extras       []align.Extra // the review file's extra paragraphs, old and new
	counts       map[string]int
}

type alignLine struct {
	conf   float64
	status string
	text   string // the proposed translation, or the extra text
}

// reviewNotePrefix starts every review note verso align writes, so that a
// later run can replace its own notes and leave the translators' alone.
const reviewNotePrefix = align.AlignNotePrefix

// planAlign aligns tgt with doc and plans the new translations and review
// entries. It is pure: the files are written by the caller.
func planAlign(doc *align.Document, tgt *align.Document, existing []align.Translation, reviews []align.Review, o alignOptions) *alignPlan {
	a := bitext.Align(doc.Segments, tgt.Segments, bitext.Options{})
	props := a.Translations(doc.Segments, tgt.Segments, bitext.Options{})
	byID := map[string]align.Translation{}
	set := map[string]align.Translation{} // new and replaced translations
	for _, t := range existing {
		byID[t.ID] = t
	}
	revByID := map[string]align.Review{}
	for _, r := range reviews {
		revByID[r.ID] = r
	}
	plan := &alignPlan{beads: a.Beads, lines: make([]alignLine, len(a.Beads)), counts: map[string]int{}}
	for i, b := range a.Beads {
		plan.lines[i] = alignLine{conf: b.Confidence}
		if b.Src.Len() == 0 {
			parts := make([]string, 0, b.Tgt.Len())
			for j := b.Tgt.Start; j < b.Tgt.End; j++ {
				parts = append(parts, tgt.Segments[j].Text)
			}
			plan.lines[i].text = strings.Join(parts, " ")
		}
		switch {
		case b.Src.Len() == 0:
			plan.lines[i].status = "extra"
			plan.counts["extra"] += b.Tgt.Len()
		case b.Tgt.Len() == 0:
			plan.lines[i].status = "missing"
			plan.counts["missing"]++
		}
	}
	rank := map[string]int{"new": 0, "same": 1, "replaced": 2, "kept": 3, "review": 4}
	for _, pr := range props {
		seg := doc.Segments[pr.Seg]
		old, has := byID[seg.ID]
		has = has && align.Normalize(old.Text) != ""
		var status string
		switch {
		case has && old.Text == pr.Text && old.Hash == seg.Hash:
			status = "same"
		case has && !o.force:
			status = "kept"
		case pr.Shared || pr.Confidence < o.minConfidence:
			status = "review"
		case has:
			status = "replaced"
		default:
			status = "new"
		}
		plan.counts[status]++
		switch status {
		case "new", "replaced":
			set[seg.ID] = align.Translation{ID: seg.ID, Hash: seg.Hash, Text: pr.Text}
			if r, ok := revByID[seg.ID]; ok && strings.HasPrefix(r.Note, reviewNotePrefix) {
				delete(revByID, seg.ID)
			}
		case "review":
			b := a.Beads[pr.Bead]
			note := align.AlignNote(fmt.Sprintf("confidence %.2f (%s%s) from %s", pr.Confidence,
				b.Shape(), noteSuffix(b.Notes), lineRange(tgt, b.Tgt)), pr.Text)
			if pr.Shared {
				note = fmt.Sprintf("%sshares %s with another segment and could not be cut at a sentence: %s",
					reviewNotePrefix, lineRange(tgt, b.Tgt), pr.Text)
			}
			revByID[seg.ID] = align.Review{ID: seg.ID, Flag: align.NeedsReview, Note: note}
		}
		l := &plan.lines[pr.Bead]
		if l.status == "" || rank[status] > rank[l.status] {
			l.status = status
		}
		if pr.Confidence < l.conf {
			l.conf = pr.Confidence
		}
		if l.text == "" {
			l.text = pr.Text
		}
	}
	plan.translations = align.ApplyTranslations(doc, existing, set)
	for _, r := range revByID {
		plan.reviews = append(plan.reviews, r)
	}
	return plan
}

// planExtras returns the review file's extra paragraphs after the
// alignment: the old ones, then each paragraph of tgt that faces no source
// segment, anchored after the last segment before it, unless the file has
// it there already or its text is already in the translation of the
// segment before or after it.
func planExtras(doc, tgt *align.Document, plan *alignPlan, old []align.Extra) []align.Extra {
	out := slices.Clone(old)
	have := map[[2]string]bool{}
	for _, x := range old {
		have[[2]string{x.After, align.Normalize(x.Text)}] = true
	}
	trs := map[string]string{}
	for _, t := range plan.translations {
		trs[t.ID] = t.Text
	}
	text := func(id string) string { return trs[id] }
	after := ""
	for _, b := range plan.beads {
		if b.Src.Len() > 0 {
			after = doc.Segments[b.Src.End-1].ID
			continue
		}
		for j := b.Tgt.Start; j < b.Tgt.End; j++ {
			x := align.Extra{After: after, Text: tgt.Segments[j].Text}
			k := [2]string{after, align.Normalize(x.Text)}
			if have[k] || x.Placed(doc, text) {
				continue
			}
			have[k] = true
			out = append(out, x)
		}
	}
	return out
}

// print writes the report: one line per bead.
func (plan *alignPlan) print(w io.Writer, doc, tgt *align.Document) {
	for i, b := range plan.beads {
		l := plan.lines[i]
		srcRef := "-"
		if b.Src.Len() > 0 {
			ids := make([]string, 0, b.Src.Len())
			for s := b.Src.Start; s < b.Src.End; s++ {
				ids = append(ids, doc.Segments[s].ID)
			}
			srcRef = fmt.Sprintf("%s:%d %s", doc.Path, doc.Segments[b.Src.Start].Line, strings.Join(ids, "+"))
		}
		tgtRef := "-"
		if b.Tgt.Len() > 0 {
			tgtRef = lineRange(tgt, b.Tgt)
		}
		text := excerpt(l.text, 50)
		if len(b.Notes) > 0 {
			text += "  [" + strings.Join(b.Notes, "; ") + "]"
		}
		fmt.Fprintf(w, "%.3f  %s  %-8s  %s  <-  %s  %s\n", l.conf, b.Shape(), l.status, srcRef, tgtRef, strings.TrimSpace(text))
	}
}

// lineRange names the target paragraphs of a span by file and lines.
func lineRange(tgt *align.Document, s bitext.Span) string {
	first, last := tgt.Segments[s.Start].Line, tgt.Segments[s.End-1].Line
	if first == last {
		return fmt.Sprintf("%s:%d", tgt.Path, first)
	}
	return fmt.Sprintf("%s:%d-%d", tgt.Path, first, last)
}

func noteSuffix(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return "; " + strings.Join(notes, "; ")
}
