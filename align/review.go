package align

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
