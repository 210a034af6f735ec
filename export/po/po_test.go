package po_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"verso/align"
	"verso/export/exchange"
	"verso/export/po"
)

func sample(t testing.TB) []byte {
	t.Helper()
	doc, err := align.Parse("sources/a.txt", "zh-Hans", []byte("标题\n\n第一段 \"引号\" \\ 反斜杠。\n\n第二段。\n"))
	if err != nil {
		t.Fatal(err)
	}
	align.Sync(doc, nil)
	s := doc.Segments
	trs := []align.Translation{{ID: s[0].ID, Hash: s[0].Hash, Text: "Title"}, {ID: s[2].ID, Hash: "old", Text: "Old\nsecond line"}}
	xd := &exchange.Doc{Coverage: align.Assess(doc, "en", trs), Reviews: []align.Review{{ID: s[0].ID, Flag: align.NeedsReview, Note: "check\nthis"}},
		OldSource: map[string]string{s[2].ID: "第二段(旧)。"}}
	var buf bytes.Buffer
	if err := po.Write(&buf, po.Header{Locale: "en", SourceLang: "zh-Hans", Created: time.Unix(0, 0)}, []po.Doc{{Name: "a", Path: "sources/a.txt", Units: exchange.Units(xd, true)}}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseWritten(t *testing.T) {
	data := sample(t)
	es, err := po.Parse("en.po", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(es) != 4 {
		t.Fatalf("%d entries, want the header and 3:\n%s", len(es), data)
	}
	if e := es[1]; e.Str != "Title" || strings.Join(e.Translator, "|") != "check|this" || !e.Fuzzy() { // fuzzy: needs review
		t.Errorf("entry 1: %+v", e)
	}
	if e := es[2]; e.ID != `第一段 "引号" \ 反斜杠。` || e.Str != "" {
		t.Errorf("entry 2: %+v", e)
	}
	if e := es[3]; !e.Fuzzy() || e.Previous != "第二段(旧)。" || e.Str != "Old\nsecond line" || len(e.References) != 1 || e.References[0] != "sources/a.txt:5" {
		t.Errorf("entry 3: %+v", e)
	}
	f, err := po.Read("en.po", data)
	if err != nil {
		t.Fatal(err)
	}
	if f.Locale != "en" || len(f.Parts) != 1 || f.Parts[0].Doc != "a" || len(f.Parts[0].Entries) != 3 {
		t.Fatalf("file %+v", f)
	}
	// The fuzzy entry still holds the previous translation: no text.
	if e := f.Parts[0].Entries[2]; e.Text != "" || !e.HasBase || e.BaseErr != nil {
		t.Errorf("fuzzy entry %+v", e)
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]struct {
		src  string
		line int
	}{
		"unknown keyword": {"msgid \"\"\nmsgstr \"\"\n\nmsgctx \"a\"\n", 4},
		"unterminated":    {"msgid \"\"\nmsgstr \"\"\n\nmsgid \"abc\n", 4},
		"bad escape":      {"msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\\qb\"\nmsgstr \"\"\n", 4},
		"no msgstr":       {"msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\"\n", 4},
		"string outside":  {"\"floating\"\n", 1},
		"not UTF-8":       {"msgid \"\"\nmsgstr \"\"\n\nmsgid \"\xff\"\nmsgstr \"\"\n", 4},
		"comment inside":  {"msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\"\n# note\nmsgstr \"\"\n", 5},
		"unescaped quote": {"msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\"b\"\nmsgstr \"\"\n", 4},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			es, err := po.Parse("x.po", []byte(c.src))
			var pe *po.Error
			if err == nil || !errors.As(err, &pe) || es != nil {
				t.Fatalf("Parse = %v, %v; want a positioned error", es, err)
			}
			if pe.Line != c.line || !errors.Is(err, po.ErrSyntax) || !strings.HasPrefix(err.Error(), "x.po:") {
				t.Errorf("error %v at line %d, want line %d", err, pe.Line, c.line)
			}
		})
	}
	if _, err := po.Read("x.po", []byte("msgid \"a\"\nmsgstr \"b\"\n")); !errors.Is(err, po.ErrNotPO) {
		t.Errorf("no header: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample(f))
	f.Add([]byte("#~ msgid \"a\"\n#~ msgstr \"b\"\n#| msgid \"x\"\nmsgid \"\\101\\n\"\nmsgstr[0] \"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := po.Parse("f.po", data)
		if err != nil && es != nil {
			t.Error("entries with an error")
		}
		if _, err := po.Read("f.po", data); err == nil && !bytes.Contains(data, []byte("msgid")) {
			t.Error("read a file without msgid")
		}
	})
}

// TestFuzzyReviewFlag: a translation flagged needs-review is exported
// fuzzy; removing fuzzy clears the flag (the note stays), leaving it keeps
// the flag, whatever happens to msgstr; a stale entry's fuzzy confirms.
func TestFuzzyReviewFlag(t *testing.T) {
	src := []byte("标题\n\n第一段。\n\n第二段。\n\n第三段。\n")
	doc, err := align.Parse("sources/a.txt", "zh-Hans", src)
	if err != nil {
		t.Fatal(err)
	}
	align.Sync(doc, nil)
	s := doc.Segments
	trs := []align.Translation{{ID: s[0].ID, Hash: s[0].Hash, Text: "Title"}, {ID: s[1].ID, Hash: s[1].Hash, Text: "First."},
		{ID: s[2].ID, Hash: "old", Text: "Old second."}, {ID: s[3].ID, Hash: "old", Text: "Old third."}}
	revs := []align.Review{{ID: s[0].ID, Flag: align.NeedsReview, Note: "check"}, {ID: s[3].ID, Flag: align.NeedsReview}}
	xd := &exchange.Doc{Coverage: align.Assess(doc, "en", trs), Reviews: revs}
	var buf bytes.Buffer
	if err := po.Write(&buf, po.Header{Locale: "en", SourceLang: "zh-Hans", Created: time.Unix(0, 0)}, []po.Doc{{Name: "a", Path: "sources/a.txt", Units: exchange.Units(xd, true)}}); err != nil {
		t.Fatal(err)
	}
	exported := buf.String()
	// entry returns the text of the entry of a segment, up to its msgstr.
	entry := func(id string) string {
		i := strings.Index(exported, `msgctxt "`+id+`"`)
		start := strings.LastIndex(exported[:i], "\n\n") + 2
		end := strings.Index(exported[i:], "\n\n")
		if end < 0 {
			return exported[start:]
		}
		return exported[start : i+end]
	}
	for _, id := range []string{s[0].ID, s[2].ID, s[3].ID} {
		if !strings.Contains(entry(id), "#, fuzzy\n") {
			t.Fatalf("%s is not fuzzy:\n%s", id, entry(id))
		}
	}
	if strings.Contains(entry(s[1].ID), "fuzzy") {
		t.Fatalf("a translation without a flag is fuzzy:\n%s", entry(s[1].ID))
	}
	// The edits of an entry's text.
	unfuzzy := func(e string) string { return strings.Replace(e, "#, fuzzy\n", "", 1) }
	retext := func(from, to string) func(string) string {
		return func(e string) string { return strings.Replace(e, `msgstr "`+from+`"`, `msgstr "`+to+`"`, 1) }
	}
	both := func(a, b func(string) string) func(string) string { return func(e string) string { return b(a(e)) } }
	type want struct {
		text, hash string // the translation recorded ("": unchanged)
		review     *align.Review
	}
	for _, c := range []struct {
		name string
		edit func(string) string
		id   string
		want want
	}{
		{"untouched", func(e string) string { return e }, s[0].ID, want{}},
		{"fuzzy removed", unfuzzy, s[0].ID, want{review: &align.Review{ID: s[0].ID, Note: "check"}}},
		{"fuzzy removed, new text", both(unfuzzy, retext("Title", "Heading")), s[0].ID,
			want{text: "Heading", hash: s[0].Hash, review: &align.Review{ID: s[0].ID, Note: "check"}}},
		{"fuzzy kept, new text", retext("Title", "Heading"), s[0].ID, want{text: "Heading", hash: s[0].Hash}},
		{"stale: fuzzy removed confirms", unfuzzy, s[2].ID, want{text: "Old second.", hash: s[2].Hash}},
		{"stale, needs review: fuzzy removed confirms and clears", unfuzzy, s[3].ID,
			want{text: "Old third.", hash: s[3].Hash, review: &align.Review{ID: s[3].ID}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := po.Read("en.po", []byte(strings.Replace(exported, entry(c.id), c.edit(entry(c.id)), 1)))
			if err != nil {
				t.Fatal(err)
			}
			res := exchange.Merge(f, map[string]*exchange.Current{"a": {Doc: doc, Translations: trs, Reviews: revs}}, exchange.PreferNone)
			if len(res.Problems) > 0 {
				t.Fatalf("problems: %v", res.Problems)
			}
			var got want
			for _, tr := range res.Translations["a"] {
				if tr.ID == c.id && (tr.Text != textOf(trs, c.id) || tr.Hash != hashOf(trs, c.id)) {
					got.text, got.hash = tr.Text, tr.Hash
				}
			}
			if rs, ok := res.Reviews["a"]; ok {
				got.review = &align.Review{ID: c.id}
				for _, r := range rs {
					if r.ID == c.id {
						got.review = &r
					}
				}
			}
			if got.text != c.want.text || got.hash != c.want.hash || (got.review == nil) != (c.want.review == nil) ||
				got.review != nil && *got.review != *c.want.review {
				t.Errorf("recorded %q (%s), review %+v; want %q (%s), review %+v", got.text, got.hash, got.review, c.want.text, c.want.hash, c.want.review)
			}
		})
	}
}

func textOf(trs []align.Translation, id string) string {
	for _, t := range trs {
		if t.ID == id {
			return t.Text
		}
	}
	return ""
}

func hashOf(trs []align.Translation, id string) string {
	for _, t := range trs {
		if t.ID == id {
			return t.Hash
		}
	}
	return ""
}
