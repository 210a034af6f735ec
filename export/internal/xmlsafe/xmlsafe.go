// Package xmlsafe reads the XML exchange formats (XLIFF, TMX) the way an
// import must: strictly, positioned, and without document type
// declarations. Its tokenizer accepts exactly what encoding/xml's RawToken
// accepts in strict mode, with the same tokens and lines (a fuzz test
// holds it to that), but reads a file of 100 MB several times faster, from
// memory or as it goes from a reader. Neither fetches external entities
// nor expands entities declared in a DTD (a reference to any entity but
// XML's five is a syntax error); a DOCTYPE with an internal subset (where
// entities are declared) is refused outright, so that an external entity
// or an entity-expansion bomb ("billion laughs") is reported as what it
// is, with its line, before anything is read. A DOCTYPE that only names an
// external DTD, as TMX writers put it (<!DOCTYPE tmx SYSTEM "tmx14.dtd">),
// is read past: the DTD is never fetched. A file cut short is an error
// naming the element left open.
package xmlsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Errors wrapped by [Error].
var (
	ErrSyntax  = errors.New("malformed XML")
	ErrDoctype = errors.New("document type declaration")
	ErrFormat  = errors.New("unexpected XML")
)

// Error is a problem at a line of an XML file.
type Error struct {
	File      string
	Line, Col int
	Err       error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Where returns the error's place, for diagnostics.
func (e *Error) Where() (file string, line, col int, cell string) { return e.File, e.Line, e.Col, "" }

// Code names the kind of error, for diagnostics.
func (e *Error) Code() string { return "syntax" }

// Decoder reads tokens of one file, keeping its position for errors. It
// reads raw tokens (no namespace translation: element and attribute names
// keep their prefixes, and xmlns attributes are attributes) and checks
// their nesting itself. Its tokenizer accepts what encoding/xml's
// RawToken accepts, with Strict set and no entities but XML's own, and
// gives the same tokens, without copying the input byte by byte.
type Decoder struct {
	File  string
	s     scanner
	stack []xml.Name
}

// NewDecoder returns a strict decoder of data, which it keeps: data must
// not change while the decoder is in use.
func NewDecoder(file string, data []byte) *Decoder {
	return &Decoder{File: file, s: scanner{data: data, line: 1, winLine: 1, atEOF: true, names: new([1024]string)}}
}

// NewReader returns a strict decoder of what r reads, which it reads as
// it goes, holding no more of it than the token it is at needs.
func NewReader(file string, r io.Reader) *Decoder {
	return &Decoder{File: file, s: scanner{data: make([]byte, 0, 64<<10), r: r, line: 1, winLine: 1, names: new([1024]string)}}
}

// Errorf returns an error at the decoder's current line.
func (d *Decoder) Errorf(format string, args ...any) *Error {
	line, col := d.s.inputPos()
	return &Error{File: d.File, Line: line, Col: col, Err: fmt.Errorf(format, args...)}
}

// Token returns the next token; io.EOF at the end. Character data, and
// the attributes of a start element, are valid until the next call (copy
// what is kept). A DOCTYPE, malformed XML or a truncated file is an
// *Error.
func (d *Decoder) Token() (xml.Token, error) {
	line := d.s.lineOf(d.s.pos)
	tok, err := d.s.rawToken()
	if err == io.EOF {
		if len(d.stack) > 0 {
			return nil, &Error{File: d.File, Line: line, Err: fmt.Errorf("%w: unexpected EOF: <%s> is not closed (the file is truncated); export the file again, or repair it", ErrSyntax, qname(d.stack[len(d.stack)-1]))}
		}
		return nil, err
	}
	if err != nil {
		if re, ok := err.(*readError); ok {
			return nil, &Error{File: d.File, Err: re.err}
		}
		msg := err.Error()
		var se *syntaxError
		if errors.As(err, &se) {
			msg, line = se.msg, se.line
			if strings.Contains(msg, "unexpected EOF") {
				msg += " (the file is truncated)"
			}
		}
		return nil, &Error{File: d.File, Line: line, Err: fmt.Errorf("%w: %s; export the file again, or repair it", ErrSyntax, msg)}
	}
	switch t := tok.(type) {
	case xml.StartElement:
		d.stack = append(d.stack, t.Name)
	case xml.EndElement:
		if len(d.stack) == 0 || d.stack[len(d.stack)-1] != t.Name {
			open := "nothing"
			if len(d.stack) > 0 {
				open = "<" + qname(d.stack[len(d.stack)-1]) + ">"
			}
			return nil, &Error{File: d.File, Line: line, Err: fmt.Errorf("%w: element %s closed by </%s>; export the file again, or repair it", ErrSyntax, open, qname(t.Name))}
		}
		d.stack = d.stack[:len(d.stack)-1]
	case xml.Directive:
		if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) && bytes.ContainsAny(t, "[<") {
			col := d.s.tokStart - bytes.LastIndexByte(d.s.data[:d.s.tokStart], '\n')
			return nil, &Error{File: d.File, Line: line, Col: col, Err: fmt.Errorf("%w with declarations: verso does not read DTDs, external entities or entity declarations; remove the [...] part of the <!DOCTYPE …>", ErrDoctype)}
		}
	}
	return tok, nil
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// Line returns the current line.
func (d *Decoder) Line() int { return d.s.lineOf(d.s.pos) }

// Skip skips the rest of the current element.
func (d *Decoder) Skip() error {
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err == io.EOF {
			return d.Errorf("%w: unexpected end of file (the file is truncated)", ErrSyntax)
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// Attr returns the value of an attribute by local name (and prefix, when
// space is not empty: names are raw, "xml" for xml:lang).
func Attr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && (space == "" || a.Name.Space == space) {
			return a.Value
		}
	}
	return ""
}

// Escape returns s escaped for XML character data and attribute values:
// &, <, >, " and ' as references, tabs, line breaks and carriage returns
// as character references (so that attribute values keep them), and
// characters XML cannot hold as U+FFFD.
func Escape(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case !escapeLook[c]:
		case c == 0xEF: // U+FFFE and U+FFFF are EF BF BE and EF BF BF
			if i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
				clean = false
			}
		default:
			clean = false
		}
		if !clean {
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// escapeLook marks the bytes Escape looks at: controls, the five
// characters XML escapes, and the first byte of U+FFFE and U+FFFF.
var escapeLook = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range []byte("&<>\"'\xEF") {
		t[c] = true
	}
	return t
}()
