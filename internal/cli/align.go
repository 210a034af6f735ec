package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"verso/align"
	"verso/align/bitext"
	"verso/internal/project"
)

func init() {
	register(define(command{name: "align", synopsis: "--doc DOC --locale LOCALE [--dry-run] [--force] [--min-confidence X] FILE",
		summary: "bootstrap a locale from an existing translation with its own paragraphs",
		help:    alignSummary, access: writes},
		func(o *alignOptions, fs *flag.FlagSet) {
			fs.StringVar(&o.doc, "doc", "", "the source document FILE translates (required)")
			fs.StringVar(&o.locale, "locale", "", "the locale of FILE (required)")
			fs.BoolVar(&o.dryRun, "dry-run", false, "print the report; write nothing")
			fs.BoolVar(&o.Force, "force", false, "replace existing translations that differ from the aligned text")
			fs.Float64Var(&o.MinConfidence, "min-confidence", bitext.DefaultMinConfidence, "write beads with at least this confidence (0 to 1); send the rest to review")
		}, runAlign))
}

// alignOptions are the flags and arguments of verso align.
type alignOptions struct {
	operands    // FILE, the translated document
	doc, locale string
	dryRun      bool
	bitext.BootstrapOptions
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

func runAlign(ctx context.Context, e *env, o *alignOptions) error {
	switch {
	case len(o.args) != 1:
		return usagef("want one FILE, the translated document; run verso align --help")
	case o.doc == "" || o.locale == "":
		return usagef("--doc and --locale are required; run verso align --help")
	case o.MinConfidence < 0 || o.MinConfidence > 1:
		return usagef("--min-confidence %g: want a number from 0 to 1", o.MinConfidence)
	}
	file := o.args[0]
	p, err := e.open(openOptions{})
	if err != nil {
		return err
	}
	if err := p.Err([]string{o.locale}); err != nil {
		return err
	}
	docs, err := selectDocs(p, []string{o.doc})
	if err != nil {
		return err
	}
	d := docs[0]
	tgt, err := readTranslated(e, p, d, o.locale, file)
	if err != nil {
		return err
	}
	tr := p.TranslationsOf(d, o.locale)
	plan := bitext.Bootstrap(d.Document, tgt, tr.Items, tr.Reviews, tr.Extras, o.BootstrapOptions)
	printAlignment(e.stdout, plan, d.Document, tgt)

	var files []project.File
	if f, ok := tr.Plan(plan.Translations); ok {
		files = append(files, f)
	}
	if f, ok := tr.PlanReviewFile(plan.Reviews, plan.Extras); ok {
		files = append(files, f)
	}
	c := plan.Counts
	e.notef("%s: %s: %d new, %d same, %d kept, %d replaced, %d for review, %d missing; %s in %s",
		d.Name, plural(len(d.Segments), "segment"), c[bitext.New], c[bitext.Same], c[bitext.Kept], c[bitext.Replaced],
		c[bitext.Review], c[bitext.Missing], plural(c[bitext.Extra], "extra paragraph"), file)
	if n := len(plan.NotesKept); n > 0 {
		e.notef("%s: %s for review kept a translator's note in %s, so the proposal is only in the report above: %s",
			d.Name, plural(n, "segment"), tr.ReviewPath, strings.Join(plan.NotesKept, ", "))
	}
	if err := e.apply(p.Root, files, o.dryRun); err != nil {
		return err
	}
	if n := c[bitext.Extra]; n > 0 && !o.dryRun {
		verb, it := "face", "them"
		if n == 1 {
			verb, it = "faces", "it"
		}
		e.notef("%s: %s %s no segment: kept in %s as extra, after the segment before; move %s into a translation (verso sheet export shows %s) or delete the line",
			file, plural(n, "paragraph"), verb, tr.ReviewPath, it, it)
	}
	if n := c[bitext.Kept]; n > 0 {
		return problemsf("%d segments kept a different existing translation; check them and rerun with --force to replace them", n)
	}
	return nil
}

// readTranslated reads and segments the translated document of a locale
// that verso align aligns with d, refusing it when the locale is not
// configured, is d's own language, or is written in another script.
func readTranslated(e *env, p *project.Project, d *project.Doc, locale, file string) (*align.Document, error) {
	if err := knownLocale(p, locale); err != nil {
		return nil, err
	}
	if locale == d.Lang {
		return nil, fmt.Errorf("locale %q is the source language of %s", locale, d.Path)
	}
	data, err := os.ReadFile(e.path(file))
	if err != nil {
		return nil, err
	}
	tgt, err := align.Parse(filepath.ToSlash(file), locale, data)
	if err != nil {
		return nil, err
	}
	plain := make([]align.Segment, len(tgt.Segments))
	for i, s := range tgt.Segments {
		plain[i].Text = align.ParseInline(tgt.Format, s.Text).Plain // URLs and code are no evidence
	}
	if got, want := align.ScriptMismatch(locale, plain); got != "" {
		return nil, fmt.Errorf("%s is written in the %s script, but %s is written in %s: is --locale right, or is it the wrong file?", file, got, locale, want)
	}
	return tgt, nil
}

// printAlignment writes the report: one line per bead.
func printAlignment(w io.Writer, plan *bitext.Plan, doc, tgt *align.Document) {
	for i, b := range plan.Beads {
		l := plan.Lines[i]
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
			tgtRef = bitext.LineRange(tgt, b.Tgt)
		}
		text := align.Excerpt(l.Text, 50)
		if len(b.Notes) > 0 {
			text += "  [" + strings.Join(b.Notes, "; ") + "]"
		}
		fmt.Fprintf(w, "%.3f  %s  %-8s  %s  <-  %s  %s\n", l.Confidence, b.Shape(), l.Status, srcRef, tgtRef, strings.TrimSpace(text))
	}
}
