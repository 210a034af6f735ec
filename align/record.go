package align

import (
	"bytes"
	"fmt"
	"path"
	"strings"
)

// Record is the committed list of a document's segment IDs, kept beside the
// source as <name>.ids. It is the memory that lets [Sync] carry IDs across
// edits, and its diffs show reviewers what an edit did.
//
// The file is UTF-8 text, one entry per line:
//
//	# comment lines and blank lines are ignored
//	<id> TAB <normalized segment text>     one line per segment, in document order
//	retired TAB <id> [TAB <normalized text>]
//	                                       a retired ID and the last text it had
//
// A retired ID is never handed out to another text; [Sync] gives it back to
// a segment whose text is its last text, or similar to it (see [Sync]).
// Records written before retired lines carried the text have none; such an
// ID is never handed out again at all.
type Record struct {
	Entries []Entry
	// Retired are the retired IDs in the order they were retired (in
	// document order within one sync), so that restoring a document gives
	// repeated texts their IDs back in order. Text is "" when the record did
	// not keep it.
	Retired []Entry
}

// Entry is one segment of a record: its ID and its normalized text.
type Entry struct {
	ID   string
	Text string
}

// RecordPath returns the path of the ID record of a source path.
func RecordPath(source string) string {
	return strings.TrimSuffix(source, path.Ext(source)) + ".ids"
}

// ValidID reports whether s has the syntax of a segment ID: a lowercase
// letter followed by five characters of [IDAlphabet].
func ValidID(s string) bool {
	if len(s) != 6 || !strings.ContainsRune(idLetters, rune(s[0])) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !strings.ContainsRune(IDAlphabet, rune(s[i])) {
			return false
		}
	}
	return true
}

// IDAlphabet is Crockford's base-32 alphabet in lowercase.
const IDAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

const idLetters = "abcdefghjkmnpqrstvwxyz"

// ParseRecord reads a record file. Every malformed line is reported, with its
// line number, in an [ErrorList].
func ParseRecord(path string, data []byte) (*Record, error) {
	var errs ErrorList
	if err := CheckUTF8(path, data); err != nil {
		return nil, err
	}
	r := &Record{}
	seen := map[string]int{}
	use := func(id string, line int) bool {
		if !ValidID(id) {
			errs.Add(Errorf(path, line, "%w: %q is not a segment ID; restore the file from version control and run verso sync", ErrRecord, id))
			return false
		}
		if prev, ok := seen[id]; ok {
			errs.Add(Errorf(path, line, "%w %s (first on line %d); restore the file from version control and run verso sync", ErrDuplicateID, id, prev))
			return false
		}
		seen[id] = line
		return true
	}
	for i, ln := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line := i + 1
		if ln == "" || ln[0] == '#' {
			continue
		}
		if strings.HasPrefix(ln, "<<<<<<<") || strings.HasPrefix(ln, "=======") || strings.HasPrefix(ln, ">>>>>>>") {
			errs.Add(Errorf(path, line, "%w: unresolved merge conflict; keep either side (or both) without the markers and run verso sync", ErrRecord))
			continue
		}
		id, text, ok := strings.Cut(ln, "\t")
		if !ok {
			errs.Add(Errorf(path, line, "%w: want an ID, a tab and the segment text", ErrRecord))
			continue
		}
		if id == "retired" {
			rid, last, _ := strings.Cut(text, "\t")
			if last != "" && Normalize(last) != last {
				errs.Add(Errorf(path, line, "%w: the last text of retired %s is not normalized; run verso sync to rewrite the record", ErrRecord, rid))
				continue
			}
			if use(rid, line) {
				r.Retired = append(r.Retired, Entry{ID: rid, Text: last})
			}
			continue
		}
		if Normalize(text) != text || text == "" {
			errs.Add(Errorf(path, line, "%w: the text of %s is not normalized; run verso sync to rewrite the record", ErrRecord, id))
			continue
		}
		if use(id, line) {
			r.Entries = append(r.Entries, Entry{ID: id, Text: text})
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// Marshal returns the record file's bytes. source names the document in the
// header comment.
func (r *Record) Marshal(source string) []byte {
	var b bytes.Buffer
	size := 256
	for _, e := range r.Entries {
		size += len(e.ID) + len(e.Text) + 2
	}
	for _, e := range r.Retired {
		size += 16 + len(e.Text)
	}
	b.Grow(size)
	fmt.Fprintf(&b, "# verso segment IDs of %s, maintained by `verso sync`: review, do not edit.\n", source)
	b.WriteString("# One segment per line in document order: ID, tab, normalized text. Retired IDs are never reused.\n")
	for _, e := range r.Entries {
		b.WriteString(e.ID)
		b.WriteByte('\t')
		b.WriteString(e.Text)
		b.WriteByte('\n')
	}
	for _, e := range r.Retired {
		b.WriteString("retired\t")
		b.WriteString(e.ID)
		if e.Text != "" {
			b.WriteByte('\t')
			b.WriteString(e.Text)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}
