package exchange

import (
	"fmt"
	"strings"

	"verso/align"
)

// proposal returns the translation verso align proposed for the entry, if
// the entry still stands where the export left it: the repository has no
// translation, and its review state, a needs-review note with the
// proposal, is the one exported. "" otherwise.
func (c *Case) proposal() string {
	if c.Repo != nil && align.HasText(c.Repo.Text) {
		return ""
	}
	r := c.Review
	r.Flag = c.repoFlag()
	if ReviewFingerprint(r.Flag, r.Note) != c.Base.ReviewFP {
		return ""
	}
	return r.Proposal()
}

// decideProposal decides an entry whose unit was exported with a proposal
// of verso align as its draft target (a missing segment flagged
// needs-review, the proposal in the note). ok is false when the entry is
// no such case, or when the translator wrote another text: Decide's rules
// then apply (a new text is recorded like any translation); a text that is
// still the proposal is then cleared from c, so that it is not recorded.
//
//   - the proposal (or no text), still needs-review: nothing to do, it is
//     still a proposal;
//   - the proposal with the status approved, or with the status cleared
//     (a PO entry whose fuzzy flag was removed), or no text with the
//     status approved: the proposal is accepted, recorded with the source
//     hash of the export; the review entry keeps the new status, and
//     verso align's note goes unless the translator edited it.
func decideProposal(c *Case) (Outcome, bool) {
	prop := c.proposal()
	if prop == "" {
		return Outcome{}, false
	}
	text := c.Text
	same := align.Normalize(text) == align.Normalize(prop)
	switch {
	case text != "" && !same:
		return Outcome{}, false
	case c.Flag == align.NeedsReview, text == "" && c.Flag != align.Approved:
		c.Text = "" // still a proposal; the review state is decided as usual
		return Outcome{}, false
	}
	if c.MarkupDiff != nil {
		if diff := c.MarkupDiff(c.Source, prop); diff != nil {
			return reject(FieldTranslation, fmt.Errorf("%w: the proposal %s; correct it in %s, keeping the source's links, code and footnote references (the %s was not imported)", ErrMarkup, strings.Join(diff, "; "), c.Terms.Target, c.Terms.Unit)), true
		}
	}
	note := c.Note
	if align.Normalize(note) == align.Normalize(c.Review.Note) {
		note = "" // verso align's note, which said what is now accepted
	}
	return Outcome{
		Tr:       &align.Translation{ID: c.ID, Hash: c.Base.SourceHash, Text: prop},
		Accepted: true,
		Review:   &align.Review{ID: c.ID, Flag: c.Flag, Note: note},
	}, true
}
