package exchange_test

import (
	"errors"
	"testing"

	"verso/align"
	"verso/export/exchange"
)

// TestDecide covers every case of the per-entry decision: the export (a
// translation "old" of source hash h1, or none), the file, and the
// repository now.
func TestDecide(t *testing.T) {
	const h0, h1 = "h0", "h1" // an older source hash and the exported one
	tr := func(hash, text string) *align.Translation { return &align.Translation{ID: "a", Hash: hash, Text: text} }
	base := func(t *align.Translation, flag, note string) exchange.Base {
		b := exchange.Base{SourceHash: h1, ReviewFP: exchange.ReviewFingerprint(flag, note)}
		if t != nil {
			b.TrFP = exchange.TrFingerprint(t.Hash, t.Text)
		}
		return b
	}
	md := &align.Document{Format: align.FormatMarkdown} // markup of Markdown segments
	type want struct {
		tr        string // the translation recorded, "" none
		hash      string // its hash
		confirmed bool
		review    *align.Review
		err       error // the finding, nil for none
		level     exchange.Level
		dropped   bool
	}
	cases := []struct {
		name string
		c    exchange.Case
		want want
	}{
		{"untouched", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "old", Repo: tr(h1, "old")}, want{}},
		{"untouched, spaces differ", exchange.Case{Base: base(tr(h1, "old  text"), "", ""), Text: "old text", Repo: tr(h1, "old  text")}, want{}},
		{"empty never deletes", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "", Repo: tr(h1, "old")}, want{}},
		{"new translation", exchange.Case{Base: base(nil, "", ""), Text: "new"}, want{tr: "new", hash: h1}},
		{"translator changed", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "new", Repo: tr(h1, "old")}, want{tr: "new", hash: h1}},
		{"repo changed, file untouched", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "old", Repo: tr(h1, "repo")}, want{}},
		{"both changed, equal", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "new", Repo: tr(h1, "new")}, want{}},
		{"both changed, different", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "new", Repo: tr(h1, "repo")},
			want{err: exchange.ErrConflict, level: exchange.LevelRejected, dropped: true}},
		{"both changed, --prefer file", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "new", Repo: tr(h1, "repo"), Prefer: exchange.PreferFile},
			want{tr: "new", hash: h1}},
		{"both changed, --prefer repo", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "new", Repo: tr(h1, "repo"), Prefer: exchange.PreferRepo},
			want{err: exchange.ErrKeptRepo, level: exchange.LevelWarning}},
		{"stale confirmed by approving", exchange.Case{Base: base(tr(h0, "old"), "", ""), Flag: align.Approved, Repo: tr(h0, "old")},
			want{tr: "old", hash: h1, confirmed: true, review: &align.Review{ID: "a", Flag: align.Approved}}},
		{"stale confirmed by copying", exchange.Case{Base: base(tr(h0, "old"), "", ""), Text: "old", Repo: tr(h0, "old")},
			want{tr: "old", hash: h1, confirmed: true}},
		{"stale revised", exchange.Case{Base: base(tr(h0, "old"), "", ""), Text: "revised", Repo: tr(h0, "old")}, want{tr: "revised", hash: h1}},
		{"stale left alone", exchange.Case{Base: base(tr(h0, "old"), "", ""), Repo: tr(h0, "old")}, want{}},
		{"approved without any translation", exchange.Case{Base: base(nil, "", ""), Flag: align.Approved},
			want{err: exchange.ErrStatus, level: exchange.LevelRejected, dropped: true}},
		{"approved accepts verso align's proposal", exchange.Case{Base: base(nil, align.NeedsReview, align.AlignNote("confidence 0.67 (1-1) from t.txt:5", "proposed text")),
			Flag: align.Approved, Note: align.AlignNote("confidence 0.67 (1-1) from t.txt:5", "proposed text"),
			Review: align.Review{ID: "a", Flag: align.NeedsReview, Note: align.AlignNote("confidence 0.67 (1-1) from t.txt:5", "proposed text")}},
			// align's note, which said what is now accepted, goes (as when
			// verso align writes a translation itself).
			want{tr: "proposed text", hash: h1, review: &align.Review{ID: "a", Flag: align.Approved}}},
		{"approved without a proposal in the repository's note", exchange.Case{Base: base(nil, align.NeedsReview, "check"), Flag: align.Approved, Note: "check",
			Review: align.Review{ID: "a", Flag: align.NeedsReview, Note: "check"}},
			want{err: exchange.ErrStatus, level: exchange.LevelRejected, dropped: true}},
		{"approved stale whose repo translation changed", exchange.Case{Base: base(tr(h0, "old"), "", ""), Flag: align.Approved, Repo: tr(h0, "repo")},
			want{err: exchange.ErrConflict, level: exchange.LevelRejected, dropped: true}},
		{"approved stale whose repo translation changed, --prefer repo", exchange.Case{Base: base(tr(h0, "old"), "", ""), Flag: align.Approved, Repo: tr(h0, "repo"), Prefer: exchange.PreferRepo},
			want{err: exchange.ErrKeptRepo, level: exchange.LevelWarning, dropped: true}},
		{"approved as exported stays", exchange.Case{Base: base(tr(h1, "old"), align.Approved, ""), Flag: align.Approved, Text: "old", Repo: tr(h1, "old"),
			Review: align.Review{ID: "a", Flag: align.Approved}}, want{}},
		{"status set", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "old", Flag: align.NeedsReview, Repo: tr(h1, "old")},
			want{review: &align.Review{ID: "a", Flag: align.NeedsReview}}},
		{"note changed", exchange.Case{Base: base(tr(h1, "old"), align.NeedsReview, "n"), Text: "old", Flag: align.NeedsReview, Note: "n2", Repo: tr(h1, "old"),
			Review: align.Review{ID: "a", Flag: align.NeedsReview, Note: "n"}}, want{review: &align.Review{ID: "a", Flag: align.NeedsReview, Note: "n2"}}},
		{"status cleared", exchange.Case{Base: base(tr(h1, "old"), align.NeedsReview, ""), Text: "old", Repo: tr(h1, "old"),
			Review: align.Review{ID: "a", Flag: align.NeedsReview}}, want{review: &align.Review{ID: "a"}}},
		{"review changed in both, equal", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "old", Flag: align.NeedsReview, Note: "x", Repo: tr(h1, "old"),
			Review: align.Review{ID: "a", Flag: align.NeedsReview, Note: "x"}}, want{}},
		{"review conflict", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "old", Flag: align.NeedsReview, Note: "x", Repo: tr(h1, "old"),
			Review: align.Review{ID: "a", Note: "y"}}, want{err: exchange.ErrConflict, level: exchange.LevelRejected, dropped: true}},
		{"review conflict, --prefer file", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "old", Flag: align.NeedsReview, Note: "x", Repo: tr(h1, "old"),
			Review: align.Review{ID: "a", Note: "y"}, Prefer: exchange.PreferFile}, want{review: &align.Review{ID: "a", Flag: align.NeedsReview, Note: "x"}}},
		{"review conflict, --prefer repo", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "old", Flag: align.NeedsReview, Note: "x", Repo: tr(h1, "old"),
			Review: align.Review{ID: "a", Note: "y"}, Prefer: exchange.PreferRepo}, want{err: exchange.ErrKeptRepo, level: exchange.LevelWarning}},
		{"markup kept", exchange.Case{Base: base(nil, "", ""), Text: "See [the link](https://example.org).", Source: "见[链接](https://example.org)。",
			MarkupDiff: md.MarkupDiff}, want{tr: "See [the link](https://example.org).", hash: h1}},
		{"markup dropped", exchange.Case{Base: base(nil, "", ""), Text: "See the link.", Source: "见[链接](https://example.org)。",
			MarkupDiff: md.MarkupDiff}, want{err: exchange.ErrMarkup, level: exchange.LevelRejected, dropped: true}},
		{"translation and review changed", exchange.Case{Base: base(tr(h1, "old"), "", ""), Text: "new", Flag: align.NeedsReview, Repo: tr(h1, "old")},
			want{tr: "new", hash: h1, review: &align.Review{ID: "a", Flag: align.NeedsReview}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.ID, c.TranslationPath, c.ReviewPath = "a", "t.toml", "t.review.tsv"
			c.Terms = exchange.Terms{Unit: "unit", Part: "file", Prefer: "file", Target: "the target"}
			got := exchange.Decide(c)
			w := tc.want
			switch {
			case w.tr == "" && got.Tr != nil:
				t.Errorf("recorded %+v, want no translation", *got.Tr)
			case w.tr != "" && (got.Tr == nil || got.Tr.Text != w.tr || got.Tr.Hash != w.hash):
				t.Errorf("recorded %+v, want %q for %s", got.Tr, w.tr, w.hash)
			}
			if got.Confirmed != w.confirmed {
				t.Errorf("confirmed %v, want %v", got.Confirmed, w.confirmed)
			}
			switch {
			case w.review == nil && got.Review != nil:
				t.Errorf("review %+v, want unchanged", *got.Review)
			case w.review != nil && (got.Review == nil || *got.Review != *w.review):
				t.Errorf("review %+v, want %+v", got.Review, *w.review)
			}
			if got.Dropped != w.dropped {
				t.Errorf("dropped %v, want %v", got.Dropped, w.dropped)
			}
			if w.err == nil {
				if len(got.Findings) > 0 {
					t.Errorf("findings %v, want none", got.Findings)
				}
				return
			}
			if len(got.Findings) != 1 || !errors.Is(got.Findings[0].Err, w.err) || got.Findings[0].Level != w.level {
				t.Fatalf("findings %v, want one %v at level %d", got.Findings, w.err, w.level)
			}
			if got.Findings[0].Level == exchange.LevelRejected && (got.Tr != nil || got.Review != nil) {
				t.Errorf("rejected, but changes %+v %+v", got.Tr, got.Review)
			}
			t.Log(got.Findings[0].Err)
		})
	}
}
