package exchange_test

import (
	"errors"
	"testing"

	"verso/align"
	"verso/export/exchange"
)

func testDoc(t *testing.T, name, src string, old *align.Record) (*align.Document, *align.Record) {
	t.Helper()
	doc, err := align.Parse("sources/"+name+".txt", "zh-Hans", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := align.Sync(doc, old)
	return doc, rec
}

// exportFile turns every unit of the documents into the entries of a file
// as an untouched export reads back.
func exportFile(docs map[string]*exchange.Current, names ...string) *exchange.File {
	f := &exchange.File{Name: "ru.x", Locale: "ru", Terms: exchange.Terms{Unit: "unit", Part: "file", Prefer: "file", Target: "the target"},
		Locate: func(part, pos int, fl exchange.Field) exchange.Place {
			return exchange.Place{Line: pos, Order: [3]int{pos}}
		}}
	line := 1
	for _, name := range names {
		c := docs[name]
		p := exchange.Part{Doc: name, Label: "file " + name}
		for _, u := range exchange.Units(&exchange.Doc{Coverage: align.Assess(c.Doc, "ru", c.Translations), Reviews: c.Reviews}, true) {
			p.Entries = append(p.Entries, exchange.Entry{ID: u.Seg.ID, Source: u.Seg.Text, Base: u.Base(), HasBase: true,
				Text: u.Text(), Status: u.Review.Flag, Note: u.Review.Note, Pos: line})
			line++
		}
		f.Parts = append(f.Parts, p)
	}
	return f
}

func TestMerge(t *testing.T) {
	var recA *align.Record
	setup := func() map[string]*exchange.Current {
		var a, b *align.Document
		a, recA = testDoc(t, "a", "标题\n\n第一段。\n\n第二段落的内容比较长,包含很多文字,用于测试。\n", nil)
		b, _ = testDoc(t, "b", "附件第一段。\n", nil)
		return map[string]*exchange.Current{
			"a": {Doc: a, Translations: []align.Translation{{ID: a.Segments[1].ID, Hash: a.Segments[1].Hash, Text: "First."}}, TranslationPath: "a.ru.toml"},
			"b": {Doc: b, TranslationPath: "b.ru.toml"},
		}
	}
	cases := []struct {
		name   string
		edit   func(f *exchange.File, docs map[string]*exchange.Current)
		err    error
		level  exchange.Level
		change bool
	}{
		{"untouched", func(*exchange.File, map[string]*exchange.Current) {}, nil, 0, false},
		{"translated", func(f *exchange.File, _ map[string]*exchange.Current) { f.Parts[0].Entries[2].Text = "Second." }, nil, 0, true},
		{"unknown ID", func(f *exchange.File, _ map[string]*exchange.Current) { f.Parts[0].Entries[2].ID = "zzzzzz" }, exchange.ErrUnknownID, exchange.LevelRejected, false},
		{"duplicate ID", func(f *exchange.File, _ map[string]*exchange.Current) {
			f.Parts[0].Entries[2].ID = f.Parts[0].Entries[1].ID
		}, exchange.ErrDuplicateID, exchange.LevelRejected, false},
		{"moved", func(f *exchange.File, _ map[string]*exchange.Current) {
			f.Parts[1].Entries = append(f.Parts[1].Entries, f.Parts[0].Entries[2])
			f.Parts[0].Entries = f.Parts[0].Entries[:2]
		}, exchange.ErrMovedRow, exchange.LevelRejected, false},
		{"source edited", func(f *exchange.File, _ map[string]*exchange.Current) { f.Parts[0].Entries[2].Source = "改了" }, exchange.ErrSourceEdited, exchange.LevelRejected, false},
		{"bad status", func(f *exchange.File, _ map[string]*exchange.Current) { f.Parts[0].Entries[1].Status = "done" }, exchange.ErrStatus, exchange.LevelRejected, false},
		{"source changed since the export", func(f *exchange.File, docs map[string]*exchange.Current) {
			f.Parts[0].Entries[2].Text = "Second."
			docs["a"].Doc, _ = testDoc(t, "a", "标题\n\n第一段。\n\n第二段落的内容比较长,包含许多文字,用于测试。\n", recA)
		}, exchange.ErrSourceChanged, exchange.LevelWarning, true},
		{"document gone", func(f *exchange.File, docs map[string]*exchange.Current) { delete(docs, "b") }, exchange.ErrUnknownID, exchange.LevelRejected, false},
		{"no document named", func(f *exchange.File, docs map[string]*exchange.Current) { f.Parts[1].Doc = "" }, exchange.ErrUnknownID, exchange.LevelRejected, false},
		{"no fingerprints, untouched", func(f *exchange.File, _ map[string]*exchange.Current) {
			for i := range f.Parts[0].Entries {
				f.Parts[0].Entries[i].HasBase = false
			}
		}, nil, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs := setup()
			f := exportFile(docs, "a", "b")
			tc.edit(f, docs)
			res := exchange.Merge(f, docs, exchange.PreferNone)
			if tc.err == nil && len(res.Problems) > 0 {
				t.Fatalf("problems: %v", res.Problems)
			}
			if tc.err != nil {
				if len(res.Problems) == 0 || !errors.Is(res.Problems[0], tc.err) || res.Problems[0].Level != tc.level {
					t.Fatalf("problems %v, want %v at level %d", res.Problems, tc.err, tc.level)
				}
				t.Log(res.Problems[0])
			}
			if got := len(res.Translations)+len(res.Reviews) > 0; got != tc.change {
				t.Errorf("changes %v %v, want changes: %v", res.Translations, res.Reviews, tc.change)
			}
		})
	}
}
