package align

import "strings"

// Review is the review state of one segment in one locale: what a message
// file cannot hold. The repository keeps it in a review file beside the
// message file (package msgfile reads and writes it); exchange formats
// carry it as a status (a workbook's status column, XLIFF states, PO's
// fuzzy flag).
type Review struct {
	ID   string
	Flag string // NeedsReview, Approved, or empty (msgfile writes "-" for none)
	Note string // the translator's note
	Line int    // line in the review file, for reports; 0 when not read from one
}

// The review flags.
const (
	// NeedsReview marks a translation that exists but must be checked by a
	// person: a low-confidence alignment, or a translator's doubt.
	NeedsReview = "needs-review"
	// Approved marks a translation a reviewer accepted.
	Approved = "approved"
)

// AlignNotePrefix starts every review note verso align writes, so that a
// later run can tell its own notes from a translator's.
const AlignNotePrefix = "verso align: "

// proposalMark separates verso align's explanation from the translation
// it proposes, in a review note.
const proposalMark = "; proposed: "

// AlignNote is the review note of a translation verso align proposes but
// is not confident enough to write: the explanation, then the proposal.
func AlignNote(explanation, proposal string) string {
	return AlignNotePrefix + explanation + proposalMark + proposal
}

// Proposal returns the translation verso align proposed in the review
// note (see [AlignNote]) of a segment still flagged needs-review, or "":
// what setting the status to approved accepts.
func (r Review) Proposal() string {
	rest, ok := strings.CutPrefix(r.Note, AlignNotePrefix)
	if !ok || r.Flag != NeedsReview {
		return ""
	}
	_, p, _ := strings.Cut(rest, proposalMark)
	return strings.TrimSpace(p)
}

// Extra is a paragraph of a translation that faces no source segment: an
// enacting formula ("Now, therefore,"), a subject line ("The General
// Assembly,"), a translator's note. verso align finds them; they are kept
// in the review file, anchored after the segment they follow, until a
// translator moves their text into a translation or drops them.
type Extra struct {
	// After is the ID of the segment the paragraph follows; empty when it
	// comes before the first segment.
	After string
	Text  string
	Line  int // line in the review file, for reports; 0 when not read from one
}

// Placed reports whether the extra paragraph's text has found its place:
// it appears (white space folded) in the translation of the segment it
// follows or of the next one, where a translator moves it. text returns a
// segment's translation, "" for none.
func (x Extra) Placed(doc *Document, text func(id string) string) bool {
	want := Normalize(x.Text)
	if want == "" {
		return true
	}
	next := 0
	if x.After != "" {
		next = -1
		for i := range doc.Segments {
			if doc.Segments[i].ID == x.After {
				if strings.Contains(Normalize(text(x.After)), want) {
					return true
				}
				next = i + 1
				break
			}
		}
	}
	return next >= 0 && next < len(doc.Segments) && strings.Contains(Normalize(text(doc.Segments[next].ID)), want)
}
