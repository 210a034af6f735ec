package bitext

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"verso/align"
)

// The edits of the English translation in bootstrapPair: the paragraph of
// segment dropped is gone, an extra paragraph follows that of extraAfter,
// and those of merged and merged+1 are one paragraph.
const (
	dropped    = 20
	extraAfter = 40
	merged     = 60
)

// bootstrapPair returns the seed document, with its IDs, and its English
// translation (the committed one, a paragraph per segment) with the three
// edits, and the translations of the segments.
func bootstrapPair(t *testing.T) (doc, tgt *align.Document, trs []string) {
	t.Helper()
	doc, trs = loadEval(t, "en")
	align.Sync(doc, nil)
	var paras []string
	for i, tr := range trs {
		switch i {
		case dropped, merged + 1:
		case extraAfter:
			paras = append(paras, tr, extra["en"][0])
		case merged:
			paras = append(paras, tr+" "+trs[merged+1])
		default:
			paras = append(paras, tr)
		}
	}
	tgt, err := align.Parse("seed.en.txt", "en", []byte(strings.Join(paras, "\n\n")+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's premise: the aligner finds the three edits, and every
	// other bead is a confident 1-1.
	a := Align(doc.Segments, tgt.Segments, Options{})
	for _, b := range a.Beads {
		ok := b.Confidence >= DefaultMinConfidence
		switch {
		case b.Src.Len() == 0:
			ok = ok && b.Src.Start == extraAfter+1 && b.Tgt.Len() == 1
		case b.Tgt.Len() == 0:
			ok = ok && b.Src.Start == dropped && b.Src.Len() == 1
		case b.Src.Len() == 2:
			ok = ok && b.Src.Start == merged && b.Tgt.Len() == 1
		default:
			ok = ok && b.Src.Len() == 1 && b.Tgt.Len() == 1
		}
		if !ok {
			t.Fatalf("the aligner no longer sees the fixture's edits: bead %s %v %v, confidence %.3f", b.Shape(), b.Src, b.Tgt, b.Confidence)
		}
	}
	return doc, tgt, trs
}

// TestBootstrap plans a locale from the translation with the existing
// translations, review notes and extra paragraphs of each case, and checks
// the status of every segment and bead, the counts, and what the plan
// writes.
func TestBootstrap(t *testing.T) {
	doc, tgt, trs := bootstrapPair(t)
	seg := func(i int) align.Segment { return doc.Segments[i] }
	// tr is an existing translation of segment i.
	tr := func(i int, text, hash string) align.Translation {
		return align.Translation{ID: seg(i).ID, Hash: hash, Text: text}
	}
	proposal := func(i int) string { return align.Normalize(trs[i]) }
	const older = "An older translation of this paragraph."
	existing := []align.Translation{
		tr(1, proposal(1), seg(1).Hash),                                       // the aligned text: same
		tr(2, older, seg(2).Hash),                                             // another text: kept, or replaced
		tr(3, proposal(3), "sha1-0000"),                                       // the aligned text for another source text: not the same
		tr(4, " \n", seg(4).Hash),                                             // blank: no translation
		tr(dropped, "The translation of the dropped one.", seg(dropped).Hash), // no paragraph: missing, kept
		tr(merged+1, older, seg(merged+1).Hash),                               // shares its paragraph with a new one
		{ID: "zz9zz9", Hash: "sha1-1111", Text: "An orphan."},                 // of a retired segment: kept
	}
	translator := align.Review{ID: seg(5).ID, Flag: align.NeedsReview, Note: "is the term right?"}
	approved := align.Review{ID: seg(2).ID, Flag: align.Approved, Note: "checked"}
	earlier := align.Review{ID: seg(6).ID, Flag: align.NeedsReview, Note: align.AlignNote("confidence 0.50 (1-1) from old.txt:7", "An earlier proposal.")}
	newExtra := align.Extra{After: seg(extraAfter).ID, Text: extra["en"][0]}
	oldExtra := align.Extra{After: seg(10).ID, Text: "A paragraph an earlier run found.", Line: 4}

	// The status of each segment; the others are rest, the dropped one
	// missing.
	type want map[int]Status
	cases := []struct {
		name     string
		existing []align.Translation
		reviews  []align.Review
		extras   []align.Extra
		opts     BootstrapOptions
		rest     Status
		want     want
		check    func(t *testing.T, p *Plan)
	}{
		{name: "no translations yet", rest: New, check: func(t *testing.T, p *Plan) {
			if len(p.Translations) != len(doc.Segments)-1 || len(p.Reviews) != 0 || !slices.Equal(p.Extras, []align.Extra{newExtra}) {
				t.Errorf("%d translations, reviews %v, extras %v", len(p.Translations), p.Reviews, p.Extras)
			}
			for _, x := range p.Translations {
				if i := index(doc, x.ID); x.Hash != seg(i).Hash || i != merged && i != merged+1 && x.Text != proposal(i) {
					t.Errorf("translation %+v of segment %d", x, i)
				}
			}
		}},
		{name: "existing translations kept", existing: existing, rest: New,
			want: want{1: Same, 2: Kept, 3: Kept, 4: New, merged + 1: Kept},
			check: func(t *testing.T, p *Plan) {
				for _, i := range []int{1, 2, 3, dropped, merged + 1} {
					if got := find(p.Translations, seg(i).ID); got != existing[slices.IndexFunc(existing, func(x align.Translation) bool { return x.ID == seg(i).ID })] {
						t.Errorf("segment %d: %+v, want it as it was", i, got)
					}
				}
				if got := find(p.Translations, seg(4).ID); got.Text != proposal(4) || got.Hash != seg(4).Hash {
					t.Errorf("blank translation not filled: %+v", got)
				}
				if last := p.Translations[len(p.Translations)-1]; last.ID != "zz9zz9" {
					t.Errorf("the orphan is not kept at the end: %+v", last)
				}
			}},
		{name: "Force replaces", existing: existing, opts: BootstrapOptions{Force: true}, rest: New,
			want: want{1: Same, 2: Replaced, 3: Replaced, 4: New, merged + 1: Replaced},
			check: func(t *testing.T, p *Plan) {
				for _, i := range []int{2, 3} {
					if got := find(p.Translations, seg(i).ID); got.Text != proposal(i) || got.Hash != seg(i).Hash {
						t.Errorf("segment %d not replaced: %+v", i, got)
					}
				}
				if got := find(p.Translations, seg(dropped).ID); got.Text != "The translation of the dropped one." {
					t.Errorf("the missing segment's translation changed: %+v", got)
				}
			}},
		{name: "below MinConfidence, review before Replaced", existing: existing, opts: BootstrapOptions{MinConfidence: 1.01, Force: true}, rest: Review,
			want: want{1: Same},
			check: func(t *testing.T, p *Plan) {
				if !slices.Equal(p.Translations, existing) {
					t.Errorf("translations written below MinConfidence:\n%v", p.Translations)
				}
				if len(p.Reviews) != len(doc.Segments)-2 {
					t.Errorf("%d reviews, want one per segment for review", len(p.Reviews))
				}
				for _, r := range p.Reviews {
					i := index(doc, r.ID)
					if r.Flag != align.NeedsReview || !strings.HasPrefix(r.Note, align.AlignNotePrefix+"confidence ") || !strings.Contains(r.Note, "from seed.en.txt:") {
						t.Errorf("review of segment %d: %+v", i, r)
					}
					if i != merged && i != merged+1 && r.Proposal() != proposal(i) {
						t.Errorf("segment %d proposes %q, want %q", i, r.Proposal(), proposal(i))
					}
				}
			}},
		{name: "review notes", existing: existing, reviews: []align.Review{translator, approved, earlier}, rest: New,
			want: want{1: Same, 2: Kept, 3: Kept, merged + 1: Kept},
			check: func(t *testing.T, p *Plan) {
				// The earlier run's note on a segment now written goes;
				// the translators' stay.
				if want := []align.Review{translator, approved}; !sameReviews(p.Reviews, want) {
					t.Errorf("reviews %v, want %v", p.Reviews, want)
				}
			}},
		{name: "earlier review note replaced", reviews: []align.Review{earlier}, opts: BootstrapOptions{MinConfidence: 1.01}, rest: Review,
			check: func(t *testing.T, p *Plan) {
				r := p.Reviews[slices.IndexFunc(p.Reviews, func(r align.Review) bool { return r.ID == earlier.ID })]
				if r.Proposal() != proposal(6) || strings.Contains(r.Note, "An earlier proposal") {
					t.Errorf("review of segment 6: %+v", r)
				}
			}},
		{name: "translator's note kept in review", reviews: []align.Review{translator, earlier}, opts: BootstrapOptions{MinConfidence: 1.01}, rest: Review,
			check: func(t *testing.T, p *Plan) {
				// A segment sent to review keeps its translator's note (the
				// proposal is only in the report); one with verso align's
				// own note gets the new proposal.
				r := p.Reviews[slices.IndexFunc(p.Reviews, func(r align.Review) bool { return r.ID == translator.ID })]
				if r != translator {
					t.Errorf("review of segment 5: %+v, want %+v", r, translator)
				}
				if !slices.Equal(p.NotesKept, []string{translator.ID}) {
					t.Errorf("NotesKept %v, want [%s]", p.NotesKept, translator.ID)
				}
				if l := p.Lines[slices.IndexFunc(p.Beads, func(b Bead) bool { return b.Src.Start == 5 })]; l.Text != proposal(5) {
					t.Errorf("segment 5's line proposes %q, want %q", l.Text, proposal(5))
				}
			}},
		{name: "extras not duplicated", extras: []align.Extra{oldExtra, newExtra}, rest: New,
			check: func(t *testing.T, p *Plan) {
				if want := []align.Extra{oldExtra, newExtra}; !slices.Equal(p.Extras, want) {
					t.Errorf("extras %v, want %v", p.Extras, want)
				}
			}},
		{name: "extra already in a translation", rest: New, want: want{extraAfter: Kept},
			existing: []align.Translation{tr(extraAfter, proposal(extraAfter)+" "+extra["en"][0], seg(extraAfter).Hash)},
			check: func(t *testing.T, p *Plan) {
				if len(p.Extras) != 0 {
					t.Errorf("extras %v, want none: the translation before holds it", p.Extras)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := c.opts
			if opts.MinConfidence == 0 {
				opts.MinConfidence = DefaultMinConfidence
			}
			p := Bootstrap(doc, tgt, slices.Clone(c.existing), slices.Clone(c.reviews), slices.Clone(c.extras), opts)
			status := func(i int) Status {
				if i == dropped {
					return Missing
				}
				if s, ok := c.want[i]; ok {
					return s
				}
				return c.rest
			}
			counts := map[Status]int{Extra: 1}
			for i := range doc.Segments {
				counts[status(i)]++
			}
			if !maps.Equal(p.Counts, counts) {
				t.Errorf("counts %v, want %v", p.Counts, counts)
			}
			for k, b := range p.Beads {
				want := Extra
				for i := b.Src.Start; i < b.Src.End; i++ {
					// A bead shows the gravest status of its segments.
					if s := status(i); i == b.Src.Start || s > want {
						want = s
					}
				}
				if got := p.Lines[k].Status; got != want {
					t.Errorf("bead %d (%s, source %v): %s, want %s", k, b.Shape(), b.Src, got, want)
				}
			}
			if !slices.IsSortedFunc(p.Reviews, func(a, b align.Review) int { return cmp.Compare(a.ID, b.ID) }) {
				t.Error("reviews not in order of ID")
			}
			c.check(t, p)
		})
	}
}

// TestBootstrapAgain: bootstrapping again from what the first run planned
// changes nothing: every segment is the same but the missing one, the
// review notes and the extra paragraph stay as they were.
func TestBootstrapAgain(t *testing.T) {
	doc, tgt, _ := bootstrapPair(t)
	for _, min := range []float64{DefaultMinConfidence, 1.01} {
		t.Run(fmt.Sprint(min), func(t *testing.T) {
			o := BootstrapOptions{MinConfidence: min}
			first := Bootstrap(doc, tgt, nil, nil, nil, o)
			again := Bootstrap(doc, tgt, first.Translations, first.Reviews, first.Extras, o)
			if !slices.Equal(again.Translations, first.Translations) || !slices.Equal(again.Reviews, first.Reviews) || !slices.Equal(again.Extras, first.Extras) {
				t.Errorf("the second run plans other files:\n%v\n%v\n%v", again.Translations, again.Reviews, again.Extras)
			}
			if min > 1 {
				return // nothing was written: all are for review again
			}
			want := map[Status]int{Same: len(doc.Segments) - 1, Missing: 1, Extra: 1}
			if !maps.Equal(again.Counts, want) {
				t.Errorf("counts %v, want %v", again.Counts, want)
			}
		})
	}
}

// TestStatusNames: the statuses print as verso align's report and help
// name them, in the order of precedence.
func TestStatusNames(t *testing.T) {
	var got []string
	for s := New; s <= Extra; s++ {
		got = append(got, s.String())
	}
	if strings.Join(got, " ") != "new same replaced kept review missing extra" || Status(99).String() != "Status(99)" {
		t.Errorf("statuses %v, %s", got, Status(99))
	}
}

func index(doc *align.Document, id string) int {
	return slices.IndexFunc(doc.Segments, func(s align.Segment) bool { return s.ID == id })
}

func find(trs []align.Translation, id string) align.Translation {
	if i := slices.IndexFunc(trs, func(t align.Translation) bool { return t.ID == id }); i >= 0 {
		return trs[i]
	}
	return align.Translation{}
}

// sameReviews reports whether two lists hold the same reviews, in any
// order.
func sameReviews(a, b []align.Review) bool {
	key := func(r align.Review) string { return r.ID + "\t" + r.Flag + "\t" + r.Note }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i] = key(a[i])
	}
	for i := range b {
		kb[i] = key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}
