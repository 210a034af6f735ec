package exchange_test

import (
	"errors"
	"testing"

	"verso/align"
	"verso/export/exchange"
)

// TestDecideProposal covers a missing entry exported with verso align's
// proposal as its draft: approving it (or clearing needs-review) accepts
// it, leaving it changes nothing, editing it records the edit.
func TestDecideProposal(t *testing.T) {
	const h1 = "h1"
	note := "verso align: confidence 0.73 (2-1) from memo.en.md:9; proposed: The Parties agree."
	rev := align.Review{ID: "a", Flag: align.NeedsReview, Note: note}
	prop := rev.Proposal()
	if prop != "The Parties agree." {
		t.Fatalf("Proposal() = %q", prop)
	}
	base := exchange.Base{SourceHash: h1, ReviewFP: exchange.ReviewFingerprint(rev.Flag, rev.Note)}
	c := func(text, flag, fnote string) exchange.Case {
		return exchange.Case{ID: "a", Base: base, Text: text, Flag: flag, Note: fnote, Review: rev}
	}
	type want struct {
		tr       string
		accepted bool
		review   *align.Review // nil: unchanged
		err      error
	}
	cases := []struct {
		name string
		c    exchange.Case
		want want
	}{
		{"untouched draft", c(prop, align.NeedsReview, note), want{}},
		{"untouched, spaces differ", c(" The  Parties agree. ", align.NeedsReview, note), want{}},
		{"draft cleared, still needs-review", c("", align.NeedsReview, note), want{}},
		{"approved", c(prop, align.Approved, note), want{tr: prop, accepted: true, review: &align.Review{ID: "a", Flag: align.Approved}}},
		{"approved, empty cell (older workbook)", c("", align.Approved, note), want{tr: prop, accepted: true, review: &align.Review{ID: "a", Flag: align.Approved}}},
		{"status cleared (PO fuzzy removed)", c(prop, "", note), want{tr: prop, accepted: true, review: &align.Review{ID: "a"}}},
		{"approved with the translator's note", c(prop, align.Approved, "checked"), want{tr: prop, accepted: true, review: &align.Review{ID: "a", Flag: align.Approved, Note: "checked"}}},
		{"edited and approved", c("The Parties have agreed.", align.Approved, note), want{tr: "The Parties have agreed.", review: &align.Review{ID: "a", Flag: align.Approved, Note: note}}},
		{"edited, still needs-review", c("The Parties have agreed.", align.NeedsReview, note), want{tr: "The Parties have agreed."}},
		{"repository translated it since", func() exchange.Case {
			x := c(prop, align.Approved, note)
			x.Repo = &align.Translation{ID: "a", Hash: h1, Text: "Other."}
			return x
		}(), want{err: exchange.ErrConflict}},
		{"review note changed since", func() exchange.Case {
			x := c(prop, align.Approved, note)
			x.Review.Note = "verso align: confidence 0.5 (1-1) from x:1; proposed: Else."
			return x
		}(), want{err: exchange.ErrConflict}},
		{"markup differs", func() exchange.Case {
			x := c(prop, align.Approved, note)
			x.Source = "[链接](https://example.org)"
			x.MarkupDiff = (&align.Document{Format: align.FormatMarkdown}).MarkupDiff
			return x
		}(), want{err: exchange.ErrMarkup}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := exchange.Decide(tc.c)
			if tc.want.err != nil {
				if len(out.Findings) == 0 || !errors.Is(out.Findings[0].Err, tc.want.err) || !out.Dropped {
					t.Fatalf("findings %v (dropped %v), want %v", out.Findings, out.Dropped, tc.want.err)
				}
				return
			}
			if len(out.Findings) > 0 {
				t.Fatalf("findings: %v", out.Findings)
			}
			got := ""
			if out.Tr != nil {
				got = out.Tr.Text
				if out.Tr.Hash != h1 {
					t.Errorf("hash %q, want %q", out.Tr.Hash, h1)
				}
			}
			if got != tc.want.tr || out.Accepted != tc.want.accepted {
				t.Errorf("translation %q accepted %v, want %q %v", got, out.Accepted, tc.want.tr, tc.want.accepted)
			}
			switch {
			case tc.want.review == nil && out.Review != nil:
				t.Errorf("review %+v, want unchanged", *out.Review)
			case tc.want.review != nil && (out.Review == nil || *out.Review != *tc.want.review):
				t.Errorf("review %+v, want %+v", out.Review, *tc.want.review)
			}
		})
	}
}

// TestUnitsProposal: a missing unit carries the proposal of its review
// note; a translated one, or a translator's own note, does not.
func TestUnitsProposal(t *testing.T) {
	doc, _ := testDoc(t, "p", "第一段。\n\n第二段。\n\n第三段。\n", nil)
	s := doc.Segments
	d := &exchange.Doc{Coverage: align.Assess(doc, "en", []align.Translation{{ID: s[1].ID, Hash: s[1].Hash, Text: "Second."}}),
		Reviews: []align.Review{
			{ID: s[0].ID, Flag: align.NeedsReview, Note: "verso align: confidence 0.5 (1-1) from f:1; proposed: First."},
			{ID: s[1].ID, Flag: align.NeedsReview, Note: "verso align: confidence 0.5 (1-1) from f:3; proposed: Second!"},
			{ID: s[2].ID, Flag: align.NeedsReview, Note: "my doubt; proposed: Third."},
		}}
	var got []string
	for _, u := range exchange.Units(d, true) {
		got = append(got, u.Proposal)
	}
	if want := []string{"First.", "", ""}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("proposals %q, want %q", got, want)
	}
}
