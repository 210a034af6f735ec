package po

import (
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"verso/align"
	"verso/export/exchange"
)

// Read reads a PO file written by Write (and edited by a translator or a
// tool) as an exchange file. An unusable file (not UTF-8, a syntax error,
// truncated, no Language header) is an error, positioned, and nothing of
// it may be imported; entries that cannot be imported (no msgctxt,
// plurals, edited verso comments) are rejected in the file's problems.
func Read(name string, data []byte) (*exchange.File, error) {
	entries, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	return file(name, entries)
}

// ReadFrom is Read of what r reads, which it holds once, as text (a file
// is read in one piece of its size).
func ReadFrom(name string, r io.Reader) (*exchange.File, error) {
	var b strings.Builder
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			b.Grow(int(fi.Size()) + 1)
		}
	}
	if _, err := io.Copy(&b, r); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	text := b.String()
	if !utf8.ValidString(text) {
		return Read(name, []byte(text)) // the error, positioned
	}
	entries, err := parse(name, text)
	if err != nil {
		return nil, err
	}
	return file(name, entries)
}

// file turns the entries of a PO file into an exchange file.
func file(name string, entries []Entry) (*exchange.File, error) {
	if len(entries) == 0 || entries[0].ID != "" || entries[0].HasContext {
		return nil, &Error{name, 1, fmt.Errorf("%w: no header entry (msgid \"\"); export the file again with verso po export", ErrNotPO)}
	}
	head := header(entries[0].Str)
	f := &exchange.File{Name: name, Locale: head["Language"],
		Terms: exchange.Terms{Unit: "entry", Part: "document", Prefer: "file", Target: "msgstr"},
		Locate: func(part, pos int, fl exchange.Field) exchange.Place {
			return exchange.Place{Line: pos, Order: [3]int{pos}}
		}}
	if f.Locale == "" {
		return nil, &Error{name, entries[0].Line, fmt.Errorf("%w: the header has no Language; export the file again with verso po export", ErrNotPO)}
	}
	parts := map[string]int{}
	reject := func(e *Entry, format string, args ...any) {
		f.Problems = append(f.Problems, &exchange.Problem{File: name, Place: f.Locate(0, e.Line, exchange.FieldNone), Level: exchange.LevelRejected,
			Err: fmt.Errorf(format, args...)})
	}
	for i := range entries[1:] {
		e := &entries[i+1]
		if e.Obsolete {
			continue
		}
		x, doc := entry(e)
		switch {
		case x.ID == "":
			reject(e, "%w: the entry has no msgctxt: verso keys every entry by its segment ID there; restore it (the entry was not imported)", exchange.ErrNoID)
			x.Bad = true
		case e.Plural:
			reject(e, "%w: plural forms: verso segments have none (the entry was not imported)", ErrSyntax)
			x.Bad = true
		}
		pi, ok := parts[doc]
		if !ok {
			pi = len(f.Parts)
			parts[doc] = pi
			f.Parts = append(f.Parts, exchange.Part{Doc: doc, Label: "document " + doc})
		}
		f.Parts[pi].Entries = append(f.Parts[pi].Entries, x)
	}
	return f, nil
}

// header reads the header entry's fields.
func header(s string) map[string]string {
	out := map[string]string{}
	for _, ln := range strings.Split(s, "\n") {
		if k, v, ok := strings.Cut(ln, ":"); ok {
			out[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return out
}

// entry turns a PO entry into an exchange entry of a document.
func entry(e *Entry) (exchange.Entry, string) {
	x := exchange.Entry{ID: e.Context, Source: e.ID, Text: e.Str, Note: strings.Join(e.Translator, "\n"), Pos: e.Line}
	m := verso(e)
	doc := ""
	if m != nil {
		doc = m.Doc
	}
	if doc == "" && len(e.References) > 0 {
		path, _, _ := strings.Cut(e.References[0], ":")
		doc = align.DocName(path)
	}
	if m == nil {
		// A tool dropped the verso comment: a fuzzy entry is no
		// translation; the rest merges as if exported from the repository
		// as it is now.
		if e.Fuzzy() {
			x.Text = ""
		}
		return x, doc
	}
	x.HasBase = true
	x.Base = exchange.Base{SourceHash: m.Hash, TrFP: exchange.Undash(m.Tr), ReviewFP: m.Review}
	if check(doc, m.ID, m.State, m.Flag, m.TrHash, x.Base) != m.Check {
		x.BaseErr = fmt.Errorf("%w: the verso comment of this entry does not match the export; undo the edit, or export a new file (the entry was not imported)", ErrNotPO)
	} else if !e.HasContext || !align.ValidID(e.Context) {
		x.ID = m.ID // a tool dropped msgctxt, or put a reference there (xliff2po)
	} else if e.Context != m.ID {
		x.BaseErr = fmt.Errorf("%w: msgctxt %s is not the ID %s of the verso comment; undo the edit (the entry was not imported)", ErrNotPO, e.Context, m.ID)
	}
	flag := exchange.Undash(m.Flag)
	x.Status = flag
	if m.Draft == "proposal" && !e.Fuzzy() {
		x.Status = "" // the translator removed fuzzy from verso align's proposal: accepted (exchange.Decide)
	}
	if m.Fuzzy == "review" && flag == align.NeedsReview && !e.Fuzzy() {
		x.Status = "" // the translator removed the fuzzy of the needs-review flag: reviewed
	}
	if e.Fuzzy() {
		if m.TrHash != "-" && exchange.TrFingerprint(m.TrHash, e.Str) == x.Base.TrFP {
			x.Text = "" // still the previous translation, still fuzzy: nothing to do
		} else if align.HasText(e.Str) {
			x.Status = align.NeedsReview // a new text the translator left fuzzy
		}
	}
	return x, doc
}

// verso returns the fields of the verso comment, or nil.
func verso(e *Entry) *exchange.Meta {
	for _, c := range e.Extracted {
		if rest, ok := strings.CutPrefix(c, "verso:"); ok {
			m := &exchange.Meta{}
			m.Parse(rest)
			return m
		}
	}
	return nil
}
