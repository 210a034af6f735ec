package po

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"verso/align"
)

// Errors wrapped by [Error].
var (
	ErrSyntax = errors.New("PO syntax error")
	ErrNotPO  = errors.New("not a verso PO file")
)

// Error is a problem at a line of a PO file.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Where returns the error's place, for diagnostics.
func (e *Error) Where() (file string, line, col int, cell string) { return e.File, e.Line, 0, "" }

// Code names the kind of error, for diagnostics.
func (e *Error) Code() string { return "syntax" }

// Entry is one message of a PO file, as read.
type Entry struct {
	Line       int      // line of msgid (msgctxt when present)
	Translator []string // "# " comments
	Extracted  []string // "#." comments
	References []string // "#:" references
	Flags      []string // "#," flags
	Previous   string   // "#| msgid"
	Context    string
	HasContext bool
	ID         string
	Str        string
	Plural     bool // msgid_plural: verso writes none
	Obsolete   bool // "#~" entries
}

// Fuzzy reports whether the entry has the fuzzy flag.
func (e *Entry) Fuzzy() bool {
	for _, f := range e.Flags {
		if f == "fuzzy" {
			return true
		}
	}
	return false
}

// Parse reads every entry of a PO file; the header (msgid "") is the
// first entry. Errors are positioned; all syntax errors are returned at
// once (an errors.Join of *Error), with no entries.
func Parse(name string, data []byte) ([]Entry, error) {
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, &Error{name, line, fmt.Errorf("%w: not valid UTF-8; save the file as UTF-8", ErrSyntax)}
	}
	return parse(name, string(data))
}

// parse is Parse of valid UTF-8.
func parse(name, text string) ([]Entry, error) {
	p := parser{name: name}
	if strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	for n := 1; ; n++ {
		ln, rest, more := strings.Cut(text, "\n")
		p.line(n, strings.TrimSpace(ln))
		if !more {
			break
		}
		text = rest
	}
	p.flush()
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return p.entries, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

type parser struct {
	name    string
	entries []Entry
	cur     Entry
	started bool   // cur has a keyword
	target  string // the keyword continuation strings add to
	hasID   bool   // cur has its msgid
	errs    []error
}

func (p *parser) errorf(line int, format string, args ...any) {
	if len(p.errs) < 20 {
		p.errs = append(p.errs, &Error{p.name, line, fmt.Errorf("%w: "+format, append([]any{ErrSyntax}, args...)...)})
	}
}

func (p *parser) flush() {
	if p.started {
		if p.target == "msgid" || p.target == "msgctxt" {
			p.errorf(p.cur.Line, "the entry has no msgstr (the file is truncated?)")
		}
		p.entries = append(p.entries, p.cur)
	}
	p.cur, p.started, p.target, p.hasID = Entry{}, false, "", false
}

func (p *parser) line(n int, ln string) {
	if ln == "" {
		return
	}
	obsolete := false
	if strings.HasPrefix(ln, "#~") {
		obsolete = true
		ln = strings.TrimSpace(ln[2:])
		if strings.HasPrefix(ln, "|") { // #~| previous of an obsolete entry
			return
		}
	}
	if strings.HasPrefix(ln, "#") && !obsolete {
		if p.started && p.target != "" && !strings.HasPrefix(p.target, "msgid") && p.target != "msgctxt" {
			p.flush() // a comment after msgstr starts the next entry
		}
		p.comment(n, ln)
		return
	}
	if strings.HasPrefix(ln, `"`) {
		s, err := unquote(ln)
		if err != nil {
			p.errorf(n, "%v", err)
			return
		}
		if !p.started || p.target == "" {
			p.errorf(n, "a string outside an entry")
			return
		}
		p.add(p.target, s)
		return
	}
	kw, rest, _ := strings.Cut(ln, " ")
	rest = strings.TrimSpace(rest)
	switch {
	case kw == "msgctxt", kw == "msgid", kw == "msgid_plural", kw == "msgstr", strings.HasPrefix(kw, "msgstr["):
	default:
		p.errorf(n, "unknown keyword %q", kw)
		return
	}
	if (kw == "msgctxt" || kw == "msgid") && p.started && (p.target == "msgstr" || strings.HasPrefix(p.target, "msgstr[")) {
		p.flush()
	}
	if (kw == "msgstr" || strings.HasPrefix(kw, "msgstr[") || kw == "msgid_plural") && !p.hasID {
		p.errorf(n, "%s without msgid", kw)
		return
	}
	if !p.started {
		p.started = true
		p.cur.Line = n
	}
	if kw == "msgid" {
		p.hasID = true
	}
	p.cur.Obsolete = p.cur.Obsolete || obsolete
	s, err := unquote(rest)
	if err != nil {
		p.errorf(n, "%s: %v", kw, err)
		return
	}
	switch kw {
	case "msgctxt":
		p.cur.HasContext = true
	case "msgid_plural":
		p.cur.Plural = true
	}
	p.target = kw
	p.add(kw, s)
}

func (p *parser) add(kw, s string) {
	switch {
	case kw == "msgctxt":
		p.cur.Context += s
	case kw == "msgid":
		p.cur.ID += s
	case kw == "msgstr", kw == "msgstr[0]":
		p.cur.Str += s
	case kw == "#|msgid":
		p.cur.Previous += s
	}
}

func (p *parser) comment(n int, ln string) {
	if p.started && (p.target == "msgctxt" || strings.HasPrefix(p.target, "msgid")) {
		p.errorf(n, "a comment inside an entry, before its msgstr")
		return
	}
	switch {
	case strings.HasPrefix(ln, "#."):
		p.cur.Extracted = append(p.cur.Extracted, strings.TrimSpace(ln[2:]))
	case strings.HasPrefix(ln, "#:"):
		p.cur.References = append(p.cur.References, strings.Fields(ln[2:])...)
	case strings.HasPrefix(ln, "#,"):
		for _, f := range strings.Split(ln[2:], ",") {
			if f = strings.TrimSpace(f); f != "" {
				p.cur.Flags = append(p.cur.Flags, f)
			}
		}
	case strings.HasPrefix(ln, "#|"):
		rest := strings.TrimSpace(ln[2:])
		kw, s, _ := strings.Cut(rest, " ")
		if strings.HasPrefix(rest, `"`) {
			kw, s = "", rest
		}
		v, err := unquote(strings.TrimSpace(s))
		if err != nil {
			p.errorf(n, "#|: %v", err)
			return
		}
		if kw == "msgid" || kw == "" && p.target == "#|msgid" {
			p.cur.Previous += v
			p.target = "#|msgid"
		} else {
			p.target = "#|" + kw
		}
	default:
		c := strings.TrimPrefix(ln, "#")
		p.cur.Translator = append(p.cur.Translator, strings.TrimPrefix(c, " "))
	}
}

// unquote reads a C string literal as PO files have it.
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("want a string in double quotes, got %q", align.Excerpt(s, 30))
	}
	s = s[1 : len(s)-1]
	if !strings.Contains(s, `\`) {
		if strings.Contains(s, `"`) {
			return "", fmt.Errorf("an unescaped double quote")
		}
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			return "", fmt.Errorf("an unescaped double quote")
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(s) {
			return "", fmt.Errorf("a backslash at the end of the string")
		}
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '\\', '"', '\'', '?':
			b.WriteByte(s[i])
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 8)
			b.WriteByte(byte(v))
			i = j - 1
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return b.String(), nil
}
