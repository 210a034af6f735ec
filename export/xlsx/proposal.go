package xlsx

import (
	"github.com/xuri/excelize/v2"

	"verso/align"
)

// proposalFormat is the conditional format that marks a proposal of verso
// align in the Translation column: a missing row whose translation cell
// holds a text while its status is still needs-review, that is the draft
// the export pre-filled (an exchange.Unit's Proposal) and nothing the
// translator decided yet. Italic blue on lavender, like the needs-review
// status beside it; setting the status to approved (which accepts the
// proposal on import) or clearing it removes the mark.
func proposalFormat(f *excelize.File) (excelize.ConditionalFormatOptions, error) {
	st, err := f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Italic: true, Color: "1F4E79"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E4DFEC"}}})
	if err != nil {
		return excelize.ConditionalFormatOptions{}, err
	}
	return excelize.ConditionalFormatOptions{Type: "formula", StopIfTrue: true, Format: &st,
		Criteria: `AND($C2="` + string(align.Missing) + `",LEN(TRIM($F2))>0,TRIM($H2)="` + align.NeedsReview + `")`}, nil
}
