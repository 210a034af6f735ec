package msgfile

import (
	"fmt"
	"slices"
	"strings"

	"verso/align"
)

// ReviewExt is the extension of review files. A review file keeps what
// go-i18n message files cannot hold (go-i18n rejects unknown keys in a
// message): the review flag and the translator's note of each segment. It
// lives beside the message file as <doc>.<locale>.review.tsv, which go-i18n
// never loads (it is not .toml).
//
// The format is UTF-8 text, one segment per line, sorted by ID:
//
//	# comment lines and blank lines are ignored
//	<id> TAB <flag> TAB <note>
//	<id> TAB extra TAB <text>
//
// flag is one of [ReviewFlags]; note is free text on one line (tabs and
// line breaks are written as \t and \n, a backslash as \\).
//
// A line whose flag is extra ([ExtraFlag]) is not a segment's review state
// but a paragraph of a translation that faces no source segment
// ([align.Extra], found by verso align): its ID is that of the segment it
// follows, or "-" when it comes before the first one, and its text is
// escaped as a note is. An ID may have one review line and any number of
// extra lines, which follow it in the order of the translation. A file
// without extra lines is the same as before they existed, so older files
// read unchanged.
const ReviewExt = ".review.tsv"

// Review flags as written in the file: the model's ([align.NeedsReview],
// [align.Approved]) and NoFlag for a segment with only a note.
const (
	NeedsReview = align.NeedsReview
	Approved    = align.Approved
	NoFlag      = "-"
)

// ReviewFlags lists the valid flags.
var ReviewFlags = []string{NeedsReview, Approved, NoFlag}

// ExtraFlag marks an extra paragraph's line; StartID is its ID when the
// paragraph comes before the first segment.
const (
	ExtraFlag = "extra"
	StartID   = "-"
)

// ReviewName returns the review file name of doc in locale.
func ReviewName(doc, locale string) string { return doc + "." + locale + ReviewExt }

// Review is the review state of one segment: the model's type, which
// this file format stores.
type Review = align.Review

// ParseReview reads a review file's review state; see ParseReviewFile for
// its extra paragraphs too.
func ParseReview(p string, data []byte) ([]Review, error) {
	rs, _, err := ParseReviewFile(p, data)
	return rs, err
}

// ParseReviewFile reads a review file: the review state of its segments
// and its extra paragraphs, in file order.
func ParseReviewFile(p string, data []byte) ([]Review, []align.Extra, error) {
	if err := align.CheckUTF8(p, data); err != nil {
		return nil, nil, err
	}
	var errs align.ErrorList
	var out []Review
	var extras []align.Extra
	seen := map[string]int{}
	for i, ln := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line := i + 1
		if ln == "" || ln[0] == '#' {
			continue
		}
		f := strings.SplitN(ln, "\t", 3)
		if len(f) != 3 {
			errs.Add(align.Errorf(p, line, "want ID, tab, flag, tab, note"))
			continue
		}
		if f[1] == ExtraFlag {
			switch text := unescapeNote(f[2]); {
			case f[0] != StartID && !align.ValidID(f[0]):
				errs.Add(align.Errorf(p, line, "%q is not a segment ID (or %s for the start of the document)", f[0], StartID))
			case !align.HasText(text):
				errs.Add(align.Errorf(p, line, "an extra paragraph without text; delete the line"))
			default:
				after := f[0]
				if after == StartID {
					after = ""
				}
				extras = append(extras, align.Extra{After: after, Text: text, Line: line})
			}
			continue
		}
		switch {
		case !align.ValidID(f[0]):
			errs.Add(align.Errorf(p, line, "%q is not a segment ID", f[0]))
		case !slices.Contains(ReviewFlags, f[1]):
			errs.Add(align.Errorf(p, line, "flag %q: use one of %s (or %s for an extra paragraph)", f[1], strings.Join(ReviewFlags, ", "), ExtraFlag))
		case seen[f[0]] > 0:
			errs.Add(align.Errorf(p, line, "%w %s (first on line %d)", align.ErrDuplicateID, f[0], seen[f[0]]))
		default:
			seen[f[0]] = line
			flag := f[1]
			if flag == NoFlag {
				flag = ""
			}
			out = append(out, Review{ID: f[0], Flag: flag, Note: unescapeNote(f[2]), Line: line})
		}
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	return out, extras, nil
}

// MarshalReview returns a review file's bytes, entries sorted by ID.
// Entries with no flag and no note are left out.
func MarshalReview(rs []Review) []byte { return MarshalReviewFile(rs, nil) }

// MarshalReviewFile returns a review file's bytes: the review entries and
// the extra paragraphs sorted by ID, each ID's review line first, then its
// extras in the order given (the translation's).
func MarshalReviewFile(rs []Review, extras []align.Extra) []byte {
	type line struct {
		id, flag, text string
		extra          int // 0 for a review line, else 1 + the extra's index
	}
	lines := make([]line, 0, len(rs)+len(extras))
	for _, r := range rs {
		flag := r.Flag
		if flag == "" {
			flag = NoFlag
		}
		if flag == NoFlag && r.Note == "" {
			continue
		}
		lines = append(lines, line{r.ID, flag, r.Note, 0})
	}
	for i, x := range extras {
		id := x.After
		if id == "" {
			id = StartID
		}
		lines = append(lines, line{id, ExtraFlag, x.Text, i + 1})
	}
	slices.SortStableFunc(lines, func(a, b line) int {
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		return a.extra - b.extra
	})
	var b strings.Builder
	b.WriteString("# verso review state: ID, flag (needs-review, approved or -), translator note.\n")
	if len(extras) > 0 {
		b.WriteString("# extra: a paragraph of the translation after segment ID (- for the start) that faces no source segment.\n")
	}
	for _, l := range lines {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", l.id, l.flag, escapeNote(l.text))
	}
	return []byte(b.String())
}

var noteEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

func escapeNote(s string) string { return noteEscaper.Replace(s) }

func unescapeNote(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
