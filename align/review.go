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
// note (see [AlignNote]), or "": what setting the status to approved
// accepts.
func (r Review) Proposal() string {
	rest, ok := strings.CutPrefix(r.Note, AlignNotePrefix)
	if !ok {
		return ""
	}
	_, p, _ := strings.Cut(rest, proposalMark)
	return strings.TrimSpace(p)
}
