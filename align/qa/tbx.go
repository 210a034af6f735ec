package qa

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"verso/align"
)

// TBXResult is what ParseTBX found.
type TBXResult struct {
	Glossary *Glossary
	Entries  int // concept entries read
	Skipped  int // entries without a term in both languages
}

// ParseTBX reads a TermBase eXchange file (TBX 2, <martif>, and TBX 3,
// <tbx>, in the Basic and Core dialects) and returns the glossary of one
// target locale: for every concept entry with terms in the source language
// and in the locale, each source term that is not deprecated becomes a
// term whose required renderings are the locale's preferred and admitted
// terms and whose forbidden renderings are its deprecated, superseded and
// not recommended ones (administrativeStatus or normativeAuthorization).
// Languages match by their primary subtag and region or script when both
// give one: zh matches zh-Hans and zh-CN, en-GB does not match en-US.
//
// The XML is read without a DTD: entities other than the five predefined
// ones are an error, so that no external entity is fetched and no entity
// is expanded.
func ParseTBX(path string, data []byte, srcLang, locale string) (*TBXResult, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	type term struct {
		lang, text, status string
	}
	var (
		res     = &TBXResult{Glossary: &Glossary{}}
		lang    string
		terms   []term
		cur     *term
		inTerm  bool
		inNote  bool
		noteTyp string
		note    string
		sawRoot bool
	)
	pos := func() int { l, _ := dec.InputPos(); return l }
	flush := func() {
		if cur != nil {
			cur.text = strings.Join(strings.Fields(cur.text), " ")
			if cur.text != "" {
				terms = append(terms, *cur)
			}
			cur = nil
		}
	}
	endEntry := func() {
		flush()
		res.Entries++
		var srcs []string
		var req, forb []string
		for _, t := range terms {
			bad := deprecated(t.status)
			switch {
			case align.SameLanguage(t.lang, srcLang) && !bad:
				srcs = append(srcs, t.text)
			case align.SameLanguage(t.lang, locale) && bad:
				forb = append(forb, t.text)
			case align.SameLanguage(t.lang, locale):
				req = append(req, t.text)
			}
		}
		if len(srcs) == 0 || len(req)+len(forb) == 0 {
			res.Skipped++
		}
		for _, s := range srcs {
			if len(req)+len(forb) == 0 {
				break
			}
			res.Glossary.Merge(&Glossary{Terms: []Term{{Source: s, Required: req, Forbidden: forb, Note: note}}})
		}
		terms, note = nil, ""
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, align.Errorf(path, se.Line, "not a readable TBX file: %s", se.Msg)
			}
			return nil, align.Errorf(path, pos(), "not a readable TBX file: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if !sawRoot {
				if name != "martif" && name != "tbx" {
					return nil, align.Errorf(path, pos(), "root element <%s>: a TBX file starts with <martif> or <tbx>", name)
				}
				sawRoot = true
			}
			switch name {
			case "termEntry", "conceptEntry":
				terms, lang, note = nil, "", ""
			case "langSet", "langSec":
				flush()
				lang = xmlLang(t)
			case "tig", "ntig", "termSec":
				flush()
				cur = &term{lang: lang}
			case "term":
				if cur == nil {
					cur = &term{lang: lang}
				}
				inTerm = true
			case "termNote", "descrip", "note":
				inNote, noteTyp = true, attr(t, "type")
				if name == "note" {
					noteTyp = "note"
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "termEntry", "conceptEntry":
				endEntry()
			case "langSet", "langSec", "tig", "ntig", "termSec":
				flush()
			case "term":
				inTerm = false
			case "termNote", "descrip", "note":
				inNote = false
			}
		case xml.CharData:
			switch {
			case inTerm && cur != nil:
				cur.text += string(t)
			case inNote && cur != nil && (noteTyp == "administrativeStatus" || noteTyp == "normativeAuthorization"):
				cur.status += strings.TrimSpace(string(t))
			case inNote && (noteTyp == "definition" || noteTyp == "note") && note == "" && align.SameLanguage(lang, locale):
				note = strings.Join(strings.Fields(string(t)), " ")
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return nil, align.Errorf(path, pos(), "the TBX file declares entities; verso reads TBX without a DTD and expands no entity")
			}
		}
	}
	if !sawRoot {
		return nil, align.Errorf(path, 1, "empty file: a TBX file starts with <martif> or <tbx>")
	}
	return res, nil
}

// deprecated reports whether a term status forbids the term.
func deprecated(status string) bool {
	s := strings.ToLower(status)
	return strings.Contains(s, "deprecated") || strings.Contains(s, "superseded") || strings.Contains(s, "notrecommended") ||
		strings.Contains(s, "not recommended") || strings.Contains(s, "obsolete")
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// xmlLang returns the xml:lang attribute (lang in TBX files that leave out
// the namespace).
func xmlLang(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "lang" {
			return a.Value
		}
	}
	return ""
}

// String describes the import.
func (r *TBXResult) String() string {
	return fmt.Sprintf("%d concept entries, %s, %d skipped (no term in both languages)", r.Entries, plural(len(r.Glossary.Terms), "term"), r.Skipped)
}
