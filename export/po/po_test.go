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
	if e := es[1]; e.Str != "Title" || strings.Join(e.Translator, "|") != "check|this" || e.Fuzzy() {
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
