package exchange

import (
	"crypto/sha1"
	"encoding/hex"

	"verso/align"
)

// Doc is one document's state in one locale, as an export sees it.
type Doc struct {
	// Coverage is the document with its translations into the locale.
	Coverage *align.Coverage
	// Reviews is the review state of the document in the locale.
	Reviews []align.Review
	// OldSource maps the ID of a stale segment to the source text its
	// translation was made from, where it is known (the repository keeps
	// only current texts; the caller may find old ones in history).
	OldSource map[string]string
	// Extras are the paragraphs of a translation that face no segment
	// (verso align's), from the review file: codecs that show them put
	// each after the unit of the segment it follows, which Units then
	// includes.
	Extras []align.Extra
	// Suggestions maps the ID of a missing or stale segment to a
	// translation-memory suggestion as a codec shows it (score, origin and
	// text: verso suggest); it is never imported as a translation.
	Suggestions map[string]string
}

// Unit is one segment of a document in a locale, as exported: the segment
// (ID, kind, level and the rest of its structure, source text and hash),
// its state, translation and review state, and for a stale translation the
// source it was made from.
type Unit struct {
	Seg    *align.Segment
	State  align.State
	Tr     *align.Translation // nil when missing
	Review align.Review
	// OldSource is the source text a stale translation was made from;
	// OldKnown says whether it is known.
	OldSource string
	OldKnown  bool
	// Proposal is the translation verso align proposed for a missing
	// unit, below its confidence threshold (in the review note, flagged
	// needs-review): codecs show it as the target, marked as a draft, so
	// that approving it is one action (see Decide); "" for none.
	Proposal string
	// Suggestion is the translation-memory suggestion for the unit, or "".
	Suggestion string
}

// Text returns the translation of the current source: empty unless the
// unit is translated.
func (u *Unit) Text() string {
	if u.Tr != nil && u.State == align.Translated {
		return u.Tr.Text
	}
	return ""
}

// Previous returns the translation of an older source (a stale unit's),
// or "".
func (u *Unit) Previous() string {
	if u.Tr != nil && u.State != align.Translated {
		return u.Tr.Text
	}
	return ""
}

// Base returns the fingerprints of the unit as exported, which a codec
// writes into the file for Merge to read back.
func (u *Unit) Base() Base {
	b := Base{SourceHash: u.Seg.Hash, ReviewFP: ReviewFingerprint(u.Review.Flag, u.Review.Note)}
	if u.Tr != nil {
		b.TrFP = TrFingerprint(u.Tr.Hash, u.Tr.Text)
	}
	return b
}

// Base is what an export was made from, as fingerprints: the source hash,
// the repository's translation (empty for none) and review state.
type Base struct {
	SourceHash, TrFP, ReviewFP string
}

// Units returns every unit of a document in document order; with all
// false only those that need work (missing, stale, flagged needs-review)
// and, for context, the title and the heading of each section that has
// work.
func Units(d *Doc, all bool) []Unit {
	c := d.Coverage
	doc := c.Doc
	state := make([]align.State, len(doc.Segments))
	trs := make([]*align.Translation, len(doc.Segments))
	for _, it := range c.Items {
		if it.Index >= 0 {
			state[it.Index], trs[it.Index] = it.State, it.Tr
		}
	}
	reviews := make(map[string]align.Review, len(d.Reviews))
	for _, r := range d.Reviews {
		reviews[r.ID] = r
	}
	want := make([]bool, len(doc.Segments))
	work := false
	for i, st := range state {
		if all || st == align.Missing || st == align.Stale || reviews[doc.Segments[i].ID].Flag == align.NeedsReview {
			want[i] = true
			work = true
		}
	}
	if !all && len(d.Extras) > 0 && len(doc.Segments) > 0 {
		at := make(map[string]int, len(doc.Segments))
		for i, s := range doc.Segments {
			at[s.ID] = i
		}
		for _, x := range d.Extras {
			i, ok := at[x.After]
			if x.After == "" || !ok {
				i = 0
			}
			want[i], work = true, true
		}
	}
	if !all && work {
		for _, sec := range doc.Sections() {
			for i := sec.Start; i < sec.End; i++ {
				if want[i] && sec.Heading >= 0 {
					want[sec.Heading] = true
					break
				}
			}
		}
		for i, s := range doc.Segments {
			if s.Kind == align.KindTitle {
				want[i] = true
			}
		}
	}
	var out []Unit
	for i := range doc.Segments {
		if !want[i] {
			continue
		}
		s := &doc.Segments[i]
		u := Unit{Seg: s, State: state[i], Tr: trs[i], Review: reviews[s.ID], Suggestion: d.Suggestions[s.ID]}
		if u.Review.Flag == noFlag {
			u.Review.Flag = ""
		}
		if u.State == align.Stale {
			u.OldSource, u.OldKnown = d.OldSource[s.ID]
		}
		if u.State == align.Missing {
			u.Proposal = u.Review.Proposal()
		}
		out = append(out, u)
	}
	return out
}

// Counts is what an export holds: units in all, and by what they need.
type Counts struct {
	Units, Missing, Stale, Review int
}

// Count counts units: Review counts the translated units flagged
// needs-review.
func Count(us []Unit) Counts {
	c := Counts{Units: len(us)}
	for _, u := range us {
		switch u.State {
		case align.Missing:
			c.Missing++
		case align.Stale:
			c.Stale++
		case align.Translated:
			if u.Review.Flag == align.NeedsReview {
				c.Review++
			}
		}
	}
	return c
}

// noFlag is the review file's word for no flag; a status cell may hold it.
const noFlag = "-"

// Fingerprint returns the first 16 hex digits of the SHA-1 of the parts
// joined by NUL: codecs use it to check that what they trust was not
// edited.
func Fingerprint(parts ...string) string {
	var stack [512]byte
	buf := stack[:0]
	for i, p := range parts {
		if i > 0 {
			buf = append(buf, 0)
		}
		buf = append(buf, p...)
	}
	sum := sha1.Sum(buf)
	return hex.EncodeToString(sum[:8])
}

// TrFingerprint identifies a translation: empty for none or an empty one.
func TrFingerprint(hash, text string) string {
	n := align.Normalize(text)
	if n == "" {
		return ""
	}
	return Fingerprint(hash, n)
}

// ReviewFingerprint identifies a review state; no flag is "".
func ReviewFingerprint(flag, note string) string {
	if flag == noFlag {
		flag = ""
	}
	return Fingerprint(flag, align.Normalize(note))
}

// SizeHint estimates the bytes an exchange file of the units takes, given
// the bytes of markup and metadata a codec writes around each unit's
// texts, a little over, for a writer to allocate its buffer once instead
// of doubling it as it fills (which, for a file of 100 MB, holds up to
// three times that at once).
func SizeHint(units []Unit, markup int) int {
	n := 4096
	for i := range units {
		u := &units[i]
		n += markup + len(u.Seg.Text) + len(u.OldSource) + len(u.Review.Note) + len(u.Proposal) + len(u.Suggestion)
		if u.Tr != nil {
			n += len(u.Tr.Text)
		}
	}
	return n + n/16
}
