package align

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parse splits a source document into segments, choosing the format by the
// file extension: .txt and .text are plain text, .md and .markdown are
// Markdown. The path is slash-separated and relative to the repository root;
// it names the document in errors and in the result. IDs are not assigned.
func Parse(p, lang string, src []byte) (*Document, error) {
	text, err := decode(p, src)
	if err != nil {
		return nil, err
	}
	doc := &Document{Name: DocName(p), Path: p, Lang: lang}
	switch strings.ToLower(path.Ext(p)) {
	case ".txt", ".text":
		doc.Format = FormatText
		doc.Segments = segmentText(text)
	case ".md", ".markdown":
		doc.Format = FormatMarkdown
		doc.Segments, doc.Skipped, doc.Links = segmentMarkdown([]byte(text))
	default:
		return nil, Errorf(p, 0, "%w %q: use .txt or .md", ErrFormat, path.Ext(p))
	}
	var errs ErrorList
	for i := range doc.Segments {
		s := &doc.Segments[i]
		if n := len(s.Text); n > MaxSegmentBytes {
			errs.Add(Errorf(p, s.Line, "%w: %d bytes, more than verso's limit of %d (1 MiB) for one segment; split it into paragraphs with blank lines", ErrTooLong, n, MaxSegmentBytes))
			continue
		}
		if s.Hash == "" {
			s.Hash = Hash(s.Text)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return doc, nil
}

// MaxSegmentBytes is the largest segment, in bytes of UTF-8 text, that
// Parse accepts: far above any real paragraph (a page of Chinese is about
// 3 KB), and small enough that every command, typesetting included, works
// on it in bounded memory. A longer block is refused, naming its line.
const MaxSegmentBytes = 1 << 20

// IsSource reports whether a file name has an extension Parse accepts.
func IsSource(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text", ".md", ".markdown":
		return true
	}
	return false
}

// DocName returns the document name of a source path: its base name without
// the extension.
func DocName(p string) string {
	b := path.Base(p)
	return strings.TrimSuffix(b, path.Ext(b))
}

// decode checks that src is UTF-8, drops a byte-order mark and turns CRLF and
// CR line endings into LF.
func decode(p string, src []byte) (string, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if err := CheckUTF8(p, src); err != nil {
		return "", err
	}
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), nil
}

// CheckUTF8 returns nil when data is valid UTF-8, else a *PosError wrapping
// ErrNotUTF8 at the line and column of the first bad byte, saying how to
// convert the file.
func CheckUTF8(p string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return &PosError{Path: p, Line: line, Col: col, Err: errNotUTF8Hint}
}

var errNotUTF8Hint = wrapHint(ErrNotUTF8, "save the file as UTF-8 (for example: iconv -f GB18030 -t UTF-8 for Chinese, -f CP1251 for Russian)")

type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() + "; " + e.hint }
func (e *hintError) Unwrap() error { return e.err }

func wrapHint(err error, hint string) error { return &hintError{err, hint} }

// isBlank reports whether r is white space for segmentation purposes.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

func trim(s string) string { return strings.TrimFunc(s, isBlank) }

// segmentText splits plain text at blank lines and classifies the blocks.
func segmentText(text string) []Segment {
	type block struct {
		line  int
		lines []string
	}
	var blocks []block
	var cur *block
	for i, ln := range strings.Split(text, "\n") {
		if trim(ln) == "" {
			cur = nil
			continue
		}
		if cur == nil {
			blocks = append(blocks, block{line: i + 1})
			cur = &blocks[len(blocks)-1]
		}
		cur.lines = append(cur.lines, ln)
	}
	var segs []Segment
	for bi, b := range blocks {
		// Split the block at list-marker lines; what comes before the first
		// marker is classified as a block of its own.
		start := 0
		flush := func(end int, item bool) {
			if end <= start {
				return
			}
			t := trim(strings.Join(b.lines[start:end], "\n"))
			n := Normalize(t)
			k := KindItem
			if !item {
				k = classify(n, bi == 0 && len(blocks) > 1, end-start == 1)
			}
			s := Segment{Kind: k, Line: b.line + start, Text: t, Hash: hashNormalized(n)}
			if k == KindItem {
				s.Depth = 1
			}
			segs = append(segs, s)
			start = end
		}
		item := false
		for i, ln := range b.lines {
			if isItemLine(ln) {
				flush(i, item)
				item = true
			}
		}
		flush(len(b.lines), item)
	}
	setTextLevels(segs)
	return segs
}

var (
	itemRE = regexp.MustCompile(`^[\s\x{a0}\x{3000}]*(?:——|—|–|•|·|[-*+]\s|\d{1,3}[.)]\s|[(（]\d{1,3}[)）])`)
	dateRE = regexp.MustCompile(`^(?:` +
		`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日` +
		`|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日` +
		`|\d{1,2}\s+(?i:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}` +
		`|(?i:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}` +
		`|\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+\d{4}(?:\s*(?:года|г\.?))?` +
		`|\d{4}-\d{2}-\d{2}` +
		`)$`)
	noteRE = regexp.MustCompile(`^(?:\([^()]*\)|（[^（）]*）)$`)
)

// isItemLine reports whether a line starts with a list marker.
func isItemLine(ln string) bool {
	t := strings.TrimLeftFunc(ln, isBlank)
	r, _ := utf8.DecodeRuneInString(t)
	if !strings.ContainsRune("—–•·-*+(（0123456789", r) {
		return false
	}
	return itemRE.MatchString(ln)
}

// isDate reports whether normalized text is a date.
func isDate(n string) bool { return len(n) <= 48 && dateRE.MatchString(n) }

// isNote reports whether normalized text is a parenthesized note.
func isNote(n string) bool {
	return (strings.HasPrefix(n, "(") || strings.HasPrefix(n, "（")) && noteRE.MatchString(n)
}

// classify returns the kind of a normalized block that is not a list item.
func classify(n string, first, oneLine bool) Kind {
	switch {
	case isDate(n):
		return KindDate
	case isNote(n):
		return KindNote
	case !oneLine || endsSentence(n) || severalSentences(n):
		return KindParagraph
	case first:
		return KindTitle
	case utf8.RuneCountInString(n) <= 120:
		return KindHeading
	}
	return KindParagraph
}
