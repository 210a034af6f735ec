package xliff

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"verso/align"
	"verso/export/exchange"
	"verso/export/internal/xmlsafe"
)

// Errors wrapped by read errors.
var (
	ErrNotXLIFF = errors.New("not a verso XLIFF file")
)

// unitRead is a unit as read, in either version.
type unitRead struct {
	id, source, target string
	hasTarget          bool
	state, subState    string // 2.1 segment state; 1.2 target state
	approved           bool   // 1.2 approved="yes"
	notes              []string
	meta               exchange.Meta // verso metadata
	line               int
}

// fileRead is a <file> as read.
type fileRead struct {
	doc, original string
	units         []unitRead
	line          int
}

// Read reads an XLIFF file (2.0, 2.1 or 1.2) written by Write and edited
// by a translator or a CAT tool, as an exchange file. Unusable input
// (malformed or truncated XML, a DOCTYPE, not XLIFF, no target language)
// is a positioned error (file:line), and nothing of it may be imported.
func Read(name string, data []byte) (*exchange.File, error) {
	return read(xmlsafe.NewDecoder(name, data))
}

// ReadFrom is Read of what r reads, as it reads it: the file is never
// held whole.
func ReadFrom(name string, r io.Reader) (*exchange.File, error) {
	return read(xmlsafe.NewReader(name, r))
}

func read(d *xmlsafe.Decoder) (*exchange.File, error) {
	name := d.File
	var files []fileRead
	version, locale := "", ""
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
		switch {
		case se.Name.Local == "xliff" && version == "":
			version = xmlsafe.Attr(se, "", "version")
			locale = xmlsafe.Attr(se, "", "trgLang")
			if ns := xmlsafe.Attr(se, "", "xmlns"); ns != ns20 && ns != ns12 {
				return nil, d.Errorf("%w: namespace %q; export the file again with verso xliff export", ErrNotXLIFF, ns)
			}
		case version == "":
			return nil, d.Errorf("%w: the root element is <%s>, not <xliff>", ErrNotXLIFF, se.Name.Local)
		case se.Name.Local == "file":
			f := fileRead{original: xmlsafe.Attr(se, "", "original"), doc: xmlsafe.Attr(se, "", "category"), line: d.Line()}
			if l := xmlsafe.Attr(se, "", "target-language"); l != "" {
				if locale != "" && l != locale {
					return nil, d.Errorf("%w: the files are of two locales, %s and %s; import one locale's file at a time", ErrNotXLIFF, locale, l)
				}
				locale = l
			}
			if err := readFile(d, &f); err != nil {
				return nil, err
			}
			files = append(files, f)
		}
	}
	if version == "" {
		return nil, &xmlsafe.Error{File: name, Err: fmt.Errorf("%w: no <xliff> element (an empty or truncated file?)", ErrNotXLIFF)}
	}
	if locale == "" {
		return nil, &xmlsafe.Error{File: name, Line: 1, Err: fmt.Errorf("%w: no target language (trgLang, target-language)", ErrNotXLIFF)}
	}
	return exchangeFile(name, locale, files), nil
}

// readFile reads a <file> up to its end.
func readFile(d *xmlsafe.Decoder, f *fileRead) error {
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return d.Errorf("%w: unexpected end of file inside <file> (the file is truncated)", xmlsafe.ErrSyntax)
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		case xml.StartElement:
			switch t.Name.Local {
			case "meta":
				v, err := text(d)
				if err != nil {
					return err
				}
				if xmlsafe.Attr(t, "", "type") == "doc" && f.doc == "" {
					f.doc = v
				}
			case "unit", "trans-unit":
				u := unitRead{id: xmlsafe.Attr(t, "", "id"), line: d.Line()}
				if t.Name.Local == "trans-unit" {
					u.approved = xmlsafe.Attr(t, "", "approved") == "yes"
					u.meta.Parse(xmlsafe.Attr(t, "", "extradata"))
				}
				if err := readUnit(d, &u, t.Name.Local); err != nil {
					return err
				}
				f.units = append(f.units, u)
			default:
				depth++
			}
		}
	}
}

// readUnit reads a <unit> (2.x) or <trans-unit> (1.2) up to its end.
func readUnit(d *xmlsafe.Decoder, u *unitRead, end string) error {
	segments := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return d.Errorf("%w: unexpected end of file inside <%s> (the file is truncated)", xmlsafe.ErrSyntax, end)
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == end {
				if segments > 1 {
					return d.Errorf("%w: unit %s has %d segments; verso's units have one (a tool split it?)", ErrNotXLIFF, u.id, segments)
				}
				return nil
			}
		case xml.StartElement:
			var v string
			switch t.Name.Local {
			case "segment":
				segments++
				u.state, u.subState = xmlsafe.Attr(t, "", "state"), xmlsafe.Attr(t, "", "subState")
				continue
			case "source":
				v, err = text(d)
				u.source += v
			case "target":
				if s := xmlsafe.Attr(t, "", "state"); s != "" {
					u.state = s
				}
				v, err = text(d)
				u.target += v
				u.hasTarget = true
			case "meta":
				if xmlsafe.Attr(t, "", "type") != "verso" {
					err = d.Skip()
					break
				}
				v, err = text(d)
				u.meta.Parse(v)
			case "note":
				cat := xmlsafe.Attr(t, "", "category") + xmlsafe.Attr(t, "", "from")
				v, err = text(d)
				if cat != "previous-source" {
					u.notes = append(u.notes, v)
				}
			case "context":
				err = d.Skip()
			case "metadata", "metaGroup", "notes", "context-group", "ignorable":
				continue
			default:
				err = d.Skip()
			}
			if err != nil {
				return err
			}
		}
	}
}

// exchangeFile turns what was read into an exchange file.
func exchangeFile(name, locale string, files []fileRead) *exchange.File {
	f := &exchange.File{Name: name, Locale: locale,
		Terms: exchange.Terms{Unit: "unit", Part: "file", Prefer: "file", Target: "the target"},
		Locate: func(part, pos int, fl exchange.Field) exchange.Place {
			return exchange.Place{Line: pos, Order: [3]int{pos}}
		}}
	for _, fr := range files {
		doc := fr.doc
		if doc == "" {
			doc = align.DocName(fr.original)
		}
		p := exchange.Part{Doc: doc, Label: fmt.Sprintf("the <file> of %s", doc), Entries: make([]exchange.Entry, len(fr.units))}
		for i := range fr.units {
			p.Entries[i] = entry(doc, &fr.units[i])
			fr.units[i] = unitRead{} // its texts are the entry's now
		}
		f.Parts = append(f.Parts, p)
	}
	return f
}

// entry maps a unit's state back to a text and a status.
func entry(doc string, u *unitRead) exchange.Entry {
	x := exchange.Entry{ID: u.id, Source: u.source, Text: u.target, Note: strings.Join(u.notes, "\n"), Pos: u.line}
	m := u.meta
	draft := false // the state says the target is not yet a translation
	switch u.state {
	case "final", "reviewed", "signed-off":
		x.Status = align.Approved
	case "needs-review-translation", "needs-review-l10n", "needs-review-adaptation":
		x.Status = align.NeedsReview
	case "translated":
		if u.subState == "verso:needs-review" {
			x.Status = align.NeedsReview
		}
	default: // initial, new, needs-translation, needs-l10n, needs-adaptation, none
		draft = true
	}
	// A draft target that is the source copied is no translation: OmegaT
	// translates the <target> of a unit and skips a unit without one, so a
	// file is prepared for it with the source copied into every empty
	// target, and the units it did not translate come back as such copies.
	copied := draft && u.target == u.source
	if u.approved {
		x.Status = align.Approved
	}
	if m.Check == "" {
		// A tool dropped verso's metadata: merged as if exported from the
		// repository as it is now; a draft target is no translation.
		if draft {
			x.Text = ""
		}
		return x
	}
	b := base{state: m.State, flag: m.Flag, trHash: m.TrHash,
		b: exchange.Base{SourceHash: m.Hash, TrFP: exchange.Undash(m.Tr), ReviewFP: m.Review}}
	x.HasBase, x.Base = true, b.b
	if b.check(doc, u.id) != m.Check {
		x.BaseErr = fmt.Errorf("%w: the verso metadata of this unit does not match the export; undo the edit, or export a new file (the unit was not imported)", ErrNotXLIFF)
	}
	if draft {
		x.Status = exchange.Undash(b.flag)
		if b.trHash != "-" && exchange.TrFingerprint(b.trHash, u.target) == b.b.TrFP || copied || !align.HasText(u.target) {
			x.Text = "" // still the exported draft: nothing to do
		} else {
			x.Status = align.NeedsReview // a new text the translator left a draft
		}
	}
	return x
}
