package exchange_test

import (
	"errors"
	"testing"

	"verso/align"
	"verso/export/exchange"
)

// TestMergeExtras covers the extra paragraphs of a part: untouched, moved
// into a translation by this import, emptied, edited, and gone from the
// repository since the export.
func TestMergeExtras(t *testing.T) {
	doc, _ := testDoc(t, "x", "标题\n\n第一段。\n\n第二段。\n", nil)
	s := doc.Segments
	extra := align.Extra{After: s[1].ID, Text: "Now, therefore,"}
	fp := exchange.ExtraFingerprint(extra.After, extra.Text)
	cases := []struct {
		name      string
		entryText string // the extra's cell
		trText    string // the translation the file gives s[2] (the next segment), "" none
		repo      []align.Extra
		want      []align.Extra // nil: unchanged
		counts    [3]int        // placed, dropped, edited
		warn      error
	}{
		{name: "untouched", entryText: extra.Text, repo: []align.Extra{extra}},
		{name: "moved into the next translation", entryText: extra.Text, trText: "Now, therefore, the Parties agree.", repo: []align.Extra{extra},
			want: []align.Extra{}, counts: [3]int{1, 0, 0}},
		{name: "emptied", entryText: " ", repo: []align.Extra{extra}, want: []align.Extra{}, counts: [3]int{0, 1, 0}},
		{name: "edited", entryText: "Now, therefore, be it resolved", repo: []align.Extra{extra},
			want: []align.Extra{{After: extra.After, Text: "Now, therefore, be it resolved"}}, counts: [3]int{0, 0, 1}},
		{name: "gone from the repository, untouched", entryText: extra.Text},
		{name: "gone from the repository, edited", entryText: "else", warn: exchange.ErrKeptRepo},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs := map[string]*exchange.Current{"x": {Doc: doc, Extras: tc.repo, TranslationPath: "x.en.toml", ReviewPath: "x.en.review.tsv"}}
			f := exportFile(docs, "x")
			if tc.trText != "" {
				for i := range f.Parts[0].Entries {
					if f.Parts[0].Entries[i].ID == s[2].ID {
						f.Parts[0].Entries[i].Text = tc.trText
					}
				}
			}
			f.Parts[0].Extras = []exchange.ExtraEntry{{After: extra.After, Base: fp, Text: tc.entryText, Pos: 99}}
			res := exchange.Merge(f, docs, exchange.PreferNone)
			if tc.warn != nil {
				if len(res.Problems) != 1 || !errors.Is(res.Problems[0], tc.warn) || res.Problems[0].Level != exchange.LevelWarning {
					t.Fatalf("problems %v, want a warning %v", res.Problems, tc.warn)
				}
			} else if len(res.Problems) > 0 {
				t.Fatalf("problems: %v", res.Problems)
			}
			got, changed := res.Extras["x"]
			switch {
			case tc.want == nil && changed:
				t.Errorf("extras %v, want unchanged", got)
			case tc.want != nil && (!changed || len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0]):
				t.Errorf("extras %v (changed %v), want %v", got, changed, tc.want)
			}
			if c := [3]int{res.ExtrasPlaced, res.ExtrasDropped, res.ExtrasEdited}; c != tc.counts {
				t.Errorf("placed, dropped, edited = %v, want %v", c, tc.counts)
			}
		})
	}
}

// TestExtraPlaced: an extra paragraph has found its place when its text is
// in the translation of the segment it follows or of the next one.
func TestExtraPlaced(t *testing.T) {
	doc, _ := testDoc(t, "x", "标题\n\n第一段。\n\n第二段。\n", nil)
	s := doc.Segments
	trs := map[string]string{s[0].ID: "Title", s[1].ID: "First.", s[2].ID: "The  General Assembly,\nproclaims."}
	text := func(id string) string { return trs[id] }
	for _, tc := range []struct {
		x    align.Extra
		want bool
	}{
		{align.Extra{After: s[1].ID, Text: "The General Assembly,"}, true}, // in the next one, spaces folded
		{align.Extra{After: s[0].ID, Text: "The General Assembly,"}, false},
		{align.Extra{After: s[0].ID, Text: "First."}, true},
		{align.Extra{After: "", Text: "Title"}, true}, // at the start: the first segment
		{align.Extra{After: s[2].ID, Text: "Annex"}, false},
	} {
		if got := tc.x.Placed(doc, text); got != tc.want {
			t.Errorf("%+v: Placed = %v, want %v", tc.x, got, tc.want)
		}
	}
}
