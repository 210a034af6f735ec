// Package xliff writes and reads XLIFF, the OASIS XML Localisation
// Interchange File Format that CAT tools (OmegaT, Trados, memoQ, Weblate,
// Okapi) exchange: version 2.1 (OASIS XLIFF 2.1 core with the metadata
// module) and 1.2 (what most tools read). One <file> per document, one unit
// per segment with the segment ID as its id; states both ways:
//
//	verso                     2.1                           1.2
//	missing                   initial, no target            no target
//	stale                     initial, subState verso:stale needs-translation, previous translation as target
//	translated                translated                    translated
//	translated, needs-review  translated, verso:needs-review needs-review-translation
//	approved                  final                         final, approved="yes"
//
// On import, a target in a draft state (initial, new, needs-translation)
// that is its source copied is no translation: OmegaT translates targets
// and skips units without one, so files are prepared for it that way.
//
// Kind, level and context travel as metadata (2.1 mda:meta, 1.2
// context-group), translator notes as notes, the previous source of a
// stale unit as a note of category "previous-source" (1.2: from
// "previous-source"), and the export's fingerprints (see package exchange)
// as verso metadata (2.1: mda:meta type="verso"; 1.2: the extradata
// attribute), so that an import is a
// three-way merge.
//
// Inline markup of Markdown documents goes out as inline codes that CAT
// tools protect: 2.1 <pc> (strong xlf:b, emphasis xlf:i, strike
// verso:strike, code verso:code, links type="link" with verso:href) and
// <ph> (hard break xlf:lb, footnote reference verso:fnref with
// verso:label); 1.2 <g ctype="bold|italic|x-strike|x-code|link"> (a link's
// target in equiv-text) and <x ctype="lb|x-fnref">. A target code takes the
// id of the source code it matches. On import the codes become Markdown
// again. A text is written with codes only when its markup written back as
// Markdown gives it byte for byte (exchange.Markdown); any other text goes
// out as it is, its Markdown syntax included, so that an untouched file
// always imports as no change.
package xliff

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"verso/align"
	"verso/export/exchange"
	"verso/export/internal/xmlsafe"
)

// The versions written.
const (
	V21 = "2.1"
	V12 = "1.2"
)

// Namespaces.
const (
	ns20  = "urn:oasis:names:tc:xliff:document:2.0"
	nsMDA = "urn:oasis:names:tc:xliff:metadata:2.0"
	ns12  = "urn:oasis:names:tc:xliff:document:1.2"
)

// Doc is one document's units to write.
type Doc struct {
	Name  string
	Path  string // the source's path: the file's original
	Units []exchange.Unit
	// Doc is the document, for its inline markup (Markdown); nil writes
	// every text as it is.
	Doc *align.Document
}

// Header describes the file written.
type Header struct {
	Version            string // V21 (default) or V12
	SourceLang, Locale string
}

// Write writes an XLIFF file of the documents' units. The same input gives
// the same bytes.
func Write(w io.Writer, h Header, docs []Doc) error {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	v12 := h.Version == V12
	if v12 {
		b.WriteString(`<xliff xmlns="` + ns12 + `" version="1.2">` + "\n")
	} else {
		fmt.Fprintf(&b, `<xliff xmlns="%s" xmlns:mda="%s" xmlns:verso="%s" version="2.1" srcLang="%s" trgLang="%s">`+"\n", ns20, nsMDA, nsVerso, esc(h.SourceLang), esc(h.Locale))
	}
	flush := func() error {
		if b.Len() > 1<<20 {
			if _, err := w.Write(b.Bytes()); err != nil {
				return err
			}
			b.Reset()
		}
		return nil
	}
	for i, d := range docs {
		if v12 {
			fmt.Fprintf(&b, `  <file original="%s" source-language="%s" target-language="%s" datatype="plaintext" product-name="verso" category="%s">`+"\n",
				esc(d.Path), esc(h.SourceLang), esc(h.Locale), esc(d.Name))
			b.WriteString("    <body>\n")
		} else {
			fmt.Fprintf(&b, `  <file id="f%d" original="%s">`+"\n", i+1, esc(d.Path))
			fmt.Fprintf(&b, `    <mda:metadata><mda:metaGroup category="verso"><mda:meta type="doc">%s</mda:meta></mda:metaGroup></mda:metadata>`+"\n", esc(d.Name))
		}
		for j := range d.Units {
			if v12 {
				unit12(&b, &d, &d.Units[j])
			} else {
				unit21(&b, &d, &d.Units[j])
			}
			if err := flush(); err != nil {
				return err
			}
		}
		if v12 {
			b.WriteString("    </body>\n")
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func esc(s string) string { return xmlsafe.Escape(s) }

// base is what the import needs back, with a check over it.
type base struct {
	state, flag, trHash string
	b                   exchange.Base
}

func baseOf(doc string, u *exchange.Unit) base {
	x := base{state: string(u.State), flag: u.Review.Flag, trHash: "-", b: u.Base()}
	if x.flag == "" {
		x.flag = "-"
	}
	if u.Tr != nil {
		x.trHash = u.Tr.Hash
	}
	return x
}

func (x base) check(doc, id string) string {
	return exchange.Fingerprint("xliff", doc, id, x.state, x.flag, x.trHash, x.b.SourceHash, x.b.TrFP, x.b.ReviewFP)
}

// attr is the verso metadata as one value: key=value fields separated
// by spaces (2.1: the verso mda:meta; 1.2: the extradata attribute).
func (x base) attr(doc, id string) string {
	tr := x.b.TrFP
	if tr == "" {
		tr = "-"
	}
	return "state=" + x.state + " flag=" + x.flag + " hash=" + x.b.SourceHash + " trhash=" + x.trHash +
		" tr=" + tr + " review=" + x.b.ReviewFP + " check=" + x.check(doc, id)
}

// target is the unit's target: its translation, a stale unit's previous
// one, or a missing unit's proposal from verso align (a draft flagged
// needs-review: approving it accepts it).
func target(u *exchange.Unit) (string, bool) {
	if u.State == align.Missing && u.Proposal != "" {
		return u.Proposal, true
	}
	if u.Tr == nil || u.State == align.Missing {
		return "", false
	}
	return u.Tr.Text, true
}

func unit21(b *bytes.Buffer, d *Doc, u *exchange.Unit) {
	s, doc := u.Seg, d.Name
	fmt.Fprintf(b, `    <unit id="%s">`+"\n", esc(s.ID))
	b.WriteString(`      <mda:metadata><mda:metaGroup category="verso">`)
	for _, m := range [][2]string{{"kind", string(s.Kind)}, {"level", strconv.Itoa(s.Level)}, {"context", s.Context()}} {
		b.WriteString(`<mda:meta type="` + m[0] + `">` + esc(m[1]) + `</mda:meta>`)
	}
	b.WriteString(`<mda:meta type="verso">` + esc(baseOf(doc, u).attr(doc, s.ID)) + `</mda:meta>`)
	b.WriteString("</mda:metaGroup></mda:metadata>\n")
	if u.Review.Note != "" || u.State == align.Stale && u.OldKnown {
		b.WriteString("      <notes>")
		if u.Review.Note != "" {
			fmt.Fprintf(b, `<note category="translator">%s</note>`, esc(u.Review.Note))
		}
		if u.State == align.Stale && u.OldKnown {
			fmt.Fprintf(b, `<note category="previous-source">%s</note>`, esc(u.OldSource))
		}
		b.WriteString("</notes>\n")
	}
	state, sub := "initial", ""
	switch {
	case u.State == align.Stale:
		sub = "verso:stale"
	case u.State == align.Translated && u.Review.Flag == align.Approved:
		state = "final"
	case u.State == align.Translated && u.Review.Flag == align.NeedsReview, u.State == align.Missing && u.Proposal != "":
		state, sub = "translated", "verso:needs-review"
	case u.State == align.Translated:
		state = "translated"
	}
	fmt.Fprintf(b, `      <segment id="%s" state="%s"`, esc(s.ID), state)
	if sub != "" {
		fmt.Fprintf(b, ` subState="%s"`, sub)
	}
	var ids codeIDs
	b.WriteString("><source>")
	writeText(b, d.Doc, s.Text, false, &ids, false)
	b.WriteString("</source>")
	if t, ok := target(u); ok {
		b.WriteString("<target>")
		writeText(b, d.Doc, t, false, &ids, true)
		b.WriteString("</target>")
	}
	b.WriteString("</segment>\n    </unit>\n")
}

func unit12(b *bytes.Buffer, d *Doc, u *exchange.Unit) {
	s, doc := u.Seg, d.Name
	x := baseOf(doc, u)
	approved := ""
	if u.State == align.Translated && u.Review.Flag == align.Approved {
		approved = ` approved="yes"`
	}
	fmt.Fprintf(b, `      <trans-unit id="%s" resname="%s"%s extradata="%s" xml:space="preserve">`+"\n", esc(s.ID), esc(s.ID), approved, esc(x.attr(doc, s.ID)))
	var ids codeIDs
	b.WriteString("        <source>")
	writeText(b, d.Doc, s.Text, true, &ids, false)
	b.WriteString("</source>\n")
	if t, ok := target(u); ok {
		state := "translated"
		switch {
		case u.State == align.Stale:
			state = "needs-translation"
		case u.Review.Flag == align.Approved:
			state = "final"
		case u.Review.Flag == align.NeedsReview:
			state = "needs-review-translation"
		}
		fmt.Fprintf(b, `        <target state="%s">`, state)
		writeText(b, d.Doc, t, true, &ids, true)
		b.WriteString("</target>\n")
	}
	fmt.Fprintf(b, `        <context-group purpose="information"><context context-type="x-verso-kind">%s</context><context context-type="x-verso-level">%d</context><context context-type="x-verso-context">%s</context><context context-type="linenumber">%d</context></context-group>`+"\n",
		esc(string(s.Kind)), s.Level, esc(s.Context()), s.Line)
	if u.Review.Note != "" {
		fmt.Fprintf(b, `        <note from="translator">%s</note>`+"\n", esc(u.Review.Note))
	}
	if u.State == align.Stale && u.OldKnown {
		fmt.Fprintf(b, `        <note from="previous-source" annotates="source">%s</note>`+"\n", esc(u.OldSource))
	}
	b.WriteString("      </trans-unit>\n")
}

// Markup returns about the bytes Write writes around a unit's texts (its
// elements and verso's metadata) in a version, for exchange.SizeHint.
func Markup(version string) int {
	if version == V12 {
		return 700
	}
	return 620
}
