package xliff_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"verso/align"
	"verso/export/exchange"
	"verso/export/internal/xmlsafe"
	"verso/export/xliff"
)

// sample exports every state: translated, translated and flagged,
// approved, stale with its old source, missing.
func sample(t testing.TB, version string) ([]byte, []align.Segment) {
	t.Helper()
	doc, err := align.Parse("sources/a.txt", "zh-Hans", []byte("标题\n\n第一段 <b>&amp;</b>。\n\n第二段。\n\n第三段。\n\n第四段。\n"))
	if err != nil {
		t.Fatal(err)
	}
	align.Sync(doc, nil)
	s := doc.Segments
	trs := []align.Translation{{ID: s[0].ID, Hash: s[0].Hash, Text: "Title"}, {ID: s[1].ID, Hash: s[1].Hash, Text: "First <b>&amp;</b>."},
		{ID: s[2].ID, Hash: s[2].Hash, Text: "Second."}, {ID: s[3].ID, Hash: "old", Text: "Old third."}}
	revs := []align.Review{{ID: s[1].ID, Flag: align.NeedsReview, Note: "a note"}, {ID: s[2].ID, Flag: align.Approved}}
	xd := &exchange.Doc{Coverage: align.Assess(doc, "ru", trs), Reviews: revs, OldSource: map[string]string{s[3].ID: "第三段(旧)。"}}
	var buf bytes.Buffer
	if err := xliff.Write(&buf, xliff.Header{Version: version, SourceLang: "zh-Hans", Locale: "ru"}, []xliff.Doc{{Name: "a", Path: "sources/a.txt", Units: exchange.Units(xd, true)}}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), s
}

// TestStatesBothWays reads back what was written: texts, statuses and
// notes as exported, so that an untouched file merges as no change.
func TestStatesBothWays(t *testing.T) {
	for _, v := range []string{xliff.V21, xliff.V12} {
		data, segs := sample(t, v)
		f, err := xliff.Read("ru.xlf", data)
		if err != nil {
			t.Fatalf("%s: %v\n%s", v, err, data)
		}
		if f.Locale != "ru" || len(f.Parts) != 1 || f.Parts[0].Doc != "a" || len(f.Parts[0].Entries) != 5 {
			t.Fatalf("%s: %+v", v, f)
		}
		want := []struct{ text, status, note string }{
			{"Title", "", ""}, {"First <b>&amp;</b>.", align.NeedsReview, "a note"}, {"Second.", align.Approved, ""}, {"", "", ""}, {"", "", ""},
		}
		for i, e := range f.Parts[0].Entries {
			if e.ID != segs[i].ID || e.Source != segs[i].Text || e.Text != want[i].text || e.Status != want[i].status || e.Note != want[i].note || !e.HasBase || e.BaseErr != nil {
				t.Errorf("%s: entry %d = %+v, want %+v", v, i, e, want[i])
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	data, _ := sample(t, xliff.V21)
	for name, c := range map[string]struct {
		data string
		err  error
	}{
		"not xliff":  {`<?xml version="1.0"?><tmx/>`, xliff.ErrNotXLIFF},
		"namespace":  {`<xliff xmlns="urn:other" version="2.1"/>`, xliff.ErrNotXLIFF},
		"no locale":  {`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"></xliff>`, xliff.ErrNotXLIFF},
		"truncated":  {string(data[:len(data)/2]), xmlsafe.ErrSyntax},
		"empty":      {"", xliff.ErrNotXLIFF},
		"entity":     {strings.Replace(string(data), "<source>", "<source>&lol;", 1), xmlsafe.ErrSyntax},
		"two locale": {strings.Replace(strings.Replace(string(data), "version=\"2.1\"", "version=\"1.2\"", 1), "<file ", `<file target-language="fr" `, 1), xliff.ErrNotXLIFF},
	} {
		t.Run(name, func(t *testing.T) {
			f, err := xliff.Read("ru.xlf", []byte(c.data))
			if !errors.Is(err, c.err) || f != nil {
				t.Fatalf("Read = %v; want %v", err, c.err)
			}
			if !strings.HasPrefix(err.Error(), "ru.xlf") {
				t.Errorf("%v does not name the file", err)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, v := range []string{xliff.V21, xliff.V12} {
		data, _ := sample(f, v)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := xliff.Read("f.xlf", data)
		if err != nil && x != nil {
			t.Error("a file with an error")
		}
	})
}

// TestReviewFlagCleared: a translation flagged needs-review loses the
// flag when the translator's tool marks it translated (2.1: the verso
// subState removed; 1.2: state translated), and is approved when marked
// reviewed, final or approved; untouched, nothing changes.
func TestReviewFlagCleared(t *testing.T) {
	doc, err := align.Parse("sources/a.txt", "zh-Hans", []byte("标题\n\n第一段。\n"))
	if err != nil {
		t.Fatal(err)
	}
	align.Sync(doc, nil)
	s := doc.Segments
	trs := []align.Translation{{ID: s[0].ID, Hash: s[0].Hash, Text: "Title"}, {ID: s[1].ID, Hash: s[1].Hash, Text: "First."}}
	revs := []align.Review{{ID: s[0].ID, Flag: align.NeedsReview, Note: "check"}}
	units := exchange.Units(&exchange.Doc{Coverage: align.Assess(doc, "ru", trs), Reviews: revs}, true)
	cleared := &align.Review{ID: s[0].ID, Note: "check"}
	approved := &align.Review{ID: s[0].ID, Flag: align.Approved, Note: "check"}
	for _, c := range []struct {
		version, name, from, to string
		want                    *align.Review // nil: unchanged
	}{
		{xliff.V21, "untouched", "", "", nil},
		{xliff.V21, "translated", ` subState="verso:needs-review"`, "", cleared},
		{xliff.V21, "reviewed", `state="translated" subState="verso:needs-review"`, `state="reviewed"`, approved},
		{xliff.V21, "final, subState kept", `state="translated"`, `state="final"`, approved},
		{xliff.V12, "untouched", "", "", nil},
		{xliff.V12, "translated", `state="needs-review-translation"`, `state="translated"`, cleared},
		{xliff.V12, "final", `state="needs-review-translation"`, `state="final"`, approved},
		{xliff.V12, "approved", `<trans-unit id="` + s[0].ID + `"`, `<trans-unit approved="yes" id="` + s[0].ID + `"`, approved},
	} {
		t.Run(c.version+" "+c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := xliff.Write(&buf, xliff.Header{Version: c.version, SourceLang: "zh-Hans", Locale: "ru"}, []xliff.Doc{{Name: "a", Path: "sources/a.txt", Units: units}}); err != nil {
				t.Fatal(err)
			}
			data := buf.String()
			if c.from != "" {
				if !strings.Contains(data, c.from) {
					t.Fatalf("no %s in\n%s", c.from, data)
				}
				data = strings.Replace(data, c.from, c.to, 1)
			}
			f, err := xliff.Read("ru.xlf", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			res := exchange.Merge(f, map[string]*exchange.Current{"a": {Doc: doc, Translations: trs, Reviews: revs}}, exchange.PreferNone)
			if len(res.Problems) > 0 || len(res.Translations) > 0 {
				t.Fatalf("problems %v, translations %v", res.Problems, res.Translations)
			}
			var got *align.Review
			if rs, ok := res.Reviews["a"]; ok {
				got = &align.Review{ID: s[0].ID}
				for _, r := range rs {
					if r.ID == s[0].ID {
						got = &r
					}
				}
			}
			if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
				t.Errorf("review %+v, want %+v", got, c.want)
			}
		})
	}
}
