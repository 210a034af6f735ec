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
//
// flag is one of [ReviewFlags]; note is free text on one line (tabs and
// line breaks are written as \t and \n, a backslash as \\).
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

// ReviewName returns the review file name of doc in locale.
func ReviewName(doc, locale string) string { return doc + "." + locale + ReviewExt }

// Review is the review state of one segment: the model's type, which
// this file format stores.
type Review = align.Review

// ParseReview reads a review file.
func ParseReview(p string, data []byte) ([]Review, error) {
	if err := align.CheckUTF8(p, data); err != nil {
		return nil, err
	}
	var errs align.ErrorList
	var out []Review
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
		switch {
		case !align.ValidID(f[0]):
			errs.Add(align.Errorf(p, line, "%q is not a segment ID", f[0]))
		case !slices.Contains(ReviewFlags, f[1]):
			errs.Add(align.Errorf(p, line, "flag %q: use one of %s", f[1], strings.Join(ReviewFlags, ", ")))
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
	return out, errs.Err()
}

// MarshalReview returns a review file's bytes, entries sorted by ID.
// Entries with no flag and no note are left out.
func MarshalReview(rs []Review) []byte {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b Review) int { return strings.Compare(a.ID, b.ID) })
	var b strings.Builder
	b.WriteString("# verso review state: ID, flag (needs-review, approved or -), translator note.\n")
	for _, r := range rs {
		flag := r.Flag
		if flag == "" {
			flag = NoFlag
		}
		if flag == NoFlag && r.Note == "" {
			continue
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", r.ID, flag, escapeNote(r.Note))
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
