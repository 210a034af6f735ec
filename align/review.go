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

// ProposalPrefix starts the review note of a segment verso align could not
// align with enough confidence; the proposed translation follows
// ProposalMark at the end of the note.
const (
	ProposalPrefix = "verso align: "
	ProposalMark   = "; proposed: "
)

// Proposal returns the translation a review entry proposes: the text after
// ProposalMark in a needs-review note written by verso align, or "" when
// the entry proposes none (another flag, a translator's own note).
func (r Review) Proposal() string {
	if r.Flag != NeedsReview || !strings.HasPrefix(r.Note, ProposalPrefix) {
		return ""
	}
	_, p, ok := strings.Cut(r.Note, ProposalMark)
	if !ok {
		return ""
	}
	return strings.TrimSpace(p)
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
