// Package tmx writes and reads translation memories in TMX 1.4b (the
// LISA/GALA Translation Memory eXchange format): one <tu> per translated
// segment, tuid "<doc>/<id>", a <tuv> in the source language and one in
// the target's. verso tmx export writes every translated pair of every
// document and locale; verso tmx import stores a memory that
// translation-memory suggestions read with [Read].
//
// Inline markup travels as the segment's text (the Markdown inline syntax
// the translations carry too); on reading, native codes (<bpt>, <ept>,
// <ph>, <it>, <ut>) are left out and the text of <hi> and <sub> is kept.
package tmx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"verso/align"
	"verso/export/exchange"
	"verso/export/internal/xmlsafe"
)

// Version is the TMX version written.
const Version = "1.4"

// ErrNotTMX is wrapped by the error of a file that is XML but no TMX.
var ErrNotTMX = errors.New("not a TMX file")

// Unit is one translation unit of a memory.
type Unit struct {
	ID  string // tuid, "<doc>/<segment id>" for verso's own; may be empty
	Doc string // the document (verso's x-doc property), if known
	// Source is the variant in the memory's source language (the
	// header's srclang), Targets the others, in file order.
	Source  Variant
	Targets []Variant
	Line    int // line of the <tu>, for reports
}

// Variant is a text in one language.
type Variant struct {
	Lang string
	Text string
}

// Target returns the text of the first target variant of a language (by
// BCP 47 prefix: "en" matches "en-GB"), or "".
func (u *Unit) Target(lang string) string {
	for _, v := range u.Targets {
		if strings.EqualFold(v.Lang, lang) || strings.HasPrefix(strings.ToLower(v.Lang), strings.ToLower(lang)+"-") {
			return v.Text
		}
	}
	return ""
}

// TU is one segment to export with its translations: one variant per
// locale in which it is translated from its current text.
type TU struct {
	Doc     string
	Seg     *align.Segment
	Targets []Variant
}

// Translated returns the TUs of documents' units in several locales:
// each segment once, with the locales in which it is translated, in
// document order; segments translated in no locale are left out.
// units[i] are the units of locales[i], of one document each, all in
// the same segment order.
func Translated(doc string, locales []string, units [][]exchange.Unit) []TU {
	if len(units) == 0 {
		return nil
	}
	var out []TU
	for j := range units[0] {
		tu := TU{Doc: doc, Seg: units[0][j].Seg}
		for i, l := range locales {
			if u := &units[i][j]; u.State == align.Translated && u.Tr != nil {
				tu.Targets = append(tu.Targets, Variant{Lang: l, Text: u.Tr.Text})
			}
		}
		if len(tu.Targets) > 0 {
			out = append(out, tu)
		}
	}
	return out
}

// Header describes the memory written.
type Header struct {
	SourceLang string // BCP 47
}

// Write writes a TMX 1.4b memory of the TUs, in the order given. The same
// input gives the same bytes.
func Write(w io.Writer, h Header, tus []TU) error {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<tmx version="1.4">` + "\n")
	fmt.Fprintf(&b, `  <header creationtool="verso" creationtoolversion="1" datatype="plaintext" segtype="paragraph" adminlang="en" srclang="%s" o-tmf="verso"/>`+"\n", xmlsafe.Escape(h.SourceLang))
	b.WriteString("  <body>\n")
	for _, tu := range tus {
		fmt.Fprintf(&b, `    <tu tuid="%s">`+"\n", xmlsafe.Escape(tu.Doc+"/"+tu.Seg.ID))
		fmt.Fprintf(&b, `      <prop type="x-doc">%s</prop>`+"\n", xmlsafe.Escape(tu.Doc))
		fmt.Fprintf(&b, `      <prop type="x-kind">%s</prop>`+"\n", xmlsafe.Escape(string(tu.Seg.Kind)))
		fmt.Fprintf(&b, `      <tuv xml:lang="%s"><seg>%s</seg></tuv>`+"\n", xmlsafe.Escape(h.SourceLang), xmlsafe.Escape(tu.Seg.Text))
		for _, v := range tu.Targets {
			fmt.Fprintf(&b, `      <tuv xml:lang="%s"><seg>%s</seg></tuv>`+"\n", xmlsafe.Escape(v.Lang), xmlsafe.Escape(v.Text))
		}
		b.WriteString("    </tu>\n")
		if b.Len() > 1<<20 {
			if _, err := w.Write(b.Bytes()); err != nil {
				return err
			}
			b.Reset()
		}
	}
	b.WriteString("  </body>\n</tmx>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// Read reads a TMX memory (1.1 to 1.4b) from r: every <tu> with its
// variants. name is the file's display name for errors, which are
// positioned (*xmlsafe.Error: file:line). A DOCTYPE, malformed or
// truncated XML, or a file that is no TMX is an error, and nothing of it
// is returned.
func Read(r io.Reader) ([]Unit, error) { return ReadFile("memory.tmx", r) }

// ReadFile is Read with the file's display name for errors.
// The memory is read as it goes, never held whole.
func ReadFile(name string, r io.Reader) ([]Unit, error) {
	return read(name, xmlsafe.NewReader(name, r))
}

// ReadBytes is ReadFile for a memory already in memory (one the caller
// keeps, to store it): the tokens are cut from data, not copied.
func ReadBytes(name string, data []byte) ([]Unit, error) {
	return read(name, xmlsafe.NewDecoder(name, data))
}

func read(name string, d *xmlsafe.Decoder) ([]Unit, error) {
	var units []Unit
	srcLang := ""
	seenRoot := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "tmx":
			seenRoot = true
		case "header":
			srcLang = xmlsafe.Attr(se, "", "srclang")
		case "tu":
			if !seenRoot {
				return nil, d.Errorf("%w: <tu> outside <tmx>", ErrNotTMX)
			}
			u, err := readTU(d, se)
			if err != nil {
				return nil, err
			}
			units = append(units, split(u, srcLang))
		default:
			if !seenRoot {
				return nil, d.Errorf("%w: the root element is <%s>, not <tmx>", ErrNotTMX, se.Name.Local)
			}
		}
	}
	if !seenRoot {
		return nil, &xmlsafe.Error{File: name, Err: fmt.Errorf("%w: no <tmx> element", ErrNotTMX)}
	}
	return units, nil
}

// tuRead is a <tu> as read: its variants in order.
type tuRead struct {
	Unit
	variants []Variant
}

func readTU(d *xmlsafe.Decoder, se xml.StartElement) (tuRead, error) {
	u := tuRead{Unit: Unit{ID: xmlsafe.Attr(se, "", "tuid"), Line: d.Line()}}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return u, d.Errorf("%w: unexpected end of file inside <tu> (the file is truncated)", xmlsafe.ErrSyntax)
		}
		if err != nil {
			return u, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "tu" {
				return u, nil
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "prop":
				typ := xmlsafe.Attr(t, "", "type")
				text, err := readText(d, "prop")
				if err != nil {
					return u, err
				}
				if typ == "x-doc" {
					u.Doc = text
				}
			case "tuv":
				lang := xmlsafe.Attr(t, "xml", "lang")
				if lang == "" {
					lang = xmlsafe.Attr(t, "", "lang") // TMX 1.1
				}
				v, err := readTUV(d, lang)
				if err != nil {
					return u, err
				}
				u.variants = append(u.variants, v)
			default:
				if err := d.Skip(); err != nil {
					return u, err
				}
			}
		}
	}
}

func readTUV(d *xmlsafe.Decoder, lang string) (Variant, error) {
	v := Variant{Lang: lang}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return v, d.Errorf("%w: unexpected end of file inside <tuv> (the file is truncated)", xmlsafe.ErrSyntax)
		}
		if err != nil {
			return v, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "tuv" {
				return v, nil
			}
		case xml.StartElement:
			if t.Name.Local == "seg" {
				if v.Text, err = readText(d, "seg"); err != nil {
					return v, err
				}
			} else if err := d.Skip(); err != nil {
				return v, err
			}
		}
	}
}

// readText returns the text of an element up to its end: character data
// and the text of <hi> and <sub>; native codes are left out.
func readText(d *xmlsafe.Decoder, end string) (string, error) {
	var b strings.Builder
	depth := 0
	skip := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", d.Errorf("%w: unexpected end of file inside <%s> (the file is truncated)", xmlsafe.ErrSyntax, end)
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if skip == 0 {
				b.Write(t)
			}
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "bpt", "ept", "ph", "it", "ut":
				skip++
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
			switch t.Name.Local {
			case "bpt", "ept", "ph", "it", "ut":
				skip--
			}
		}
	}
}

// split takes the source variant out: the header's source language, else
// the first variant.
func split(t tuRead, srcLang string) Unit {
	u := t.Unit
	si := 0
	for i, v := range t.variants {
		if srcLang != "" && !strings.EqualFold(srcLang, "*all*") && strings.EqualFold(v.Lang, srcLang) {
			si = i
			break
		}
	}
	for i, v := range t.variants {
		if i == si {
			u.Source = v
		} else {
			u.Targets = append(u.Targets, v)
		}
	}
	return u
}

// Markup is about the bytes Write writes around a unit's texts, for
// exchange.SizeHint.
const Markup = 240
