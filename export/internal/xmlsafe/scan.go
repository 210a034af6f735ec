package xmlsafe

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The scanner reads raw tokens from a file in memory or from a window
// over a reader, as
// encoding/xml's RawToken does with Strict set and no Entity map: it
// accepts exactly the input RawToken accepts, returns the same tokens and
// stops at the same line (FuzzScanner checks all three against
// encoding/xml), but slices the input instead of copying it byte by byte.
// Character data without references or carriage returns is the input
// itself; names are interned. Reading from a reader, a token cut by the
// end of the window is read again once the window holds more (errShort).

// syntaxError is a scanner error at a line.
type syntaxError struct {
	msg  string
	line int
}

func (e *syntaxError) Error() string { return e.msg }

// errShort is a token cut by the end of the window, not of the file.
var errShort = errors.New("short window")

// readError is an error of the reader.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// scanner is the tokenizer state of a Decoder.
type scanner struct {
	data []byte // the file, or the window over r
	pos  int
	// line is the line at lineAt (1-based): lines are counted lazily;
	// winLine is the line at data[0].
	line, lineAt, winLine int
	r                     io.Reader // nil: data is the whole file
	atEOF                 bool      // data ends where the file does
	tokStart              int       // where the last token began
	err                   error     // sticky
	needClose             bool      // a self-closing element's end is next
	toClose               xml.Name
	buf                   []byte // decoded text
	attrs                 []xml.Attr
	names                 *[1024]string // interned names and short values, by hash
}

// lineOf returns the line of an offset of the window.
func (s *scanner) lineOf(off int) int {
	if off < s.lineAt {
		return s.winLine + bytes.Count(s.data[:off], []byte{'\n'})
	}
	s.line += bytes.Count(s.data[s.lineAt:off], []byte{'\n'})
	s.lineAt = off
	return s.line
}

// inputPos returns the current line and column, as encoding/xml's InputPos.
func (s *scanner) inputPos() (line, col int) {
	line = s.lineOf(s.pos)
	start := bytes.LastIndexByte(s.data[:s.pos], '\n') + 1
	return line, s.pos - start + 1
}

func (s *scanner) fail(msg string) error {
	s.err = &syntaxError{msg: msg, line: s.lineOf(s.pos)}
	return s.err
}

// eof fails with an unexpected end of the file, or at the end of the
// window with errShort.
func (s *scanner) eof() error {
	if !s.atEOF {
		return errShort
	}
	s.pos = len(s.data)
	return s.fail("unexpected EOF")
}

// intern returns b as a string, the same string as the last time when
// b has not been pushed out of the table since.
func (s *scanner) intern(b []byte) string {
	h := uint32(len(b))
	for _, c := range b {
		h = h*31 + uint32(c)
	}
	e := &s.names[h%uint32(len(s.names))]
	if *e != string(b) {
		*e = string(b)
	}
	return *e
}

// rawToken returns the next token, as encoding/xml's RawToken.
func (s *scanner) rawToken() (xml.Token, error) {
	for {
		if s.err != nil {
			return nil, s.err
		}
		if s.needClose {
			s.needClose = false
			return xml.EndElement{Name: s.toClose}, nil
		}
		start := s.pos
		if s.pos >= len(s.data) && !s.atEOF {
			if err := s.fill(); err != nil {
				return nil, err
			}
			continue
		}
		s.tokStart = start
		tok, err := s.token()
		if err != errShort {
			return tok, err
		}
		s.pos = start
		if err := s.fill(); err != nil {
			return nil, err
		}
	}
}

// fill moves the rest of the window, from the current token on, to its
// start and reads more of the file after it, growing the window when the
// token fills it.
func (s *scanner) fill() error {
	s.line = s.lineOf(s.pos)
	n := copy(s.data, s.data[s.pos:])
	s.data = s.data[:n]
	s.pos, s.lineAt, s.winLine, s.tokStart = 0, 0, s.line, 0
	if n == cap(s.data) {
		s.data = append(make([]byte, 0, 2*cap(s.data)), s.data...)
	}
	for len(s.data) < cap(s.data) {
		m, err := s.r.Read(s.data[len(s.data):cap(s.data)])
		s.data = s.data[:len(s.data)+m]
		if err == io.EOF {
			s.atEOF = true
			return nil
		}
		if err != nil {
			s.err = &readError{err}
			return s.err
		}
		if m > 0 { // some more: the token is tried again
			return nil
		}
	}
	return nil
}

// token reads the next token from the window.
func (s *scanner) token() (xml.Token, error) {
	if s.pos >= len(s.data) {
		s.err = io.EOF
		return nil, s.err
	}
	if s.data[s.pos] != '<' {
		data, err := s.text(-1)
		if err != nil {
			return nil, err
		}
		return xml.CharData(data), nil
	}
	s.pos++
	if s.pos >= len(s.data) {
		return nil, s.eof()
	}
	switch s.data[s.pos] {
	case '/':
		s.pos++
		name, ok, err := s.nsname()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, s.fail("expected element name after </")
		}
		s.space()
		if s.pos >= len(s.data) {
			return nil, s.eof()
		}
		if s.data[s.pos] != '>' {
			s.pos++
			return nil, s.fail("invalid characters between </" + name.Local + " and >")
		}
		s.pos++
		return xml.EndElement{Name: name}, nil
	case '?':
		return s.procInst()
	case '!':
		s.pos++
		if s.pos >= len(s.data) {
			return nil, s.eof()
		}
		switch s.data[s.pos] {
		case '-':
			return s.comment()
		case '[':
			s.pos++
			for i := 0; i < 6; i++ {
				if s.pos >= len(s.data) {
					return nil, s.eof()
				}
				s.pos++
				if s.data[s.pos-1] != "CDATA["[i] {
					return nil, s.fail("invalid <![ sequence")
				}
			}
			end := bytes.Index(s.data[s.pos:], []byte("]]>"))
			if end < 0 {
				if !s.atEOF {
					return nil, errShort
				}
				s.pos = len(s.data)
				return nil, s.fail("unexpected EOF in CDATA section")
			}
			raw := s.data[s.pos : s.pos+end]
			s.pos += end + 3
			data := raw
			if bytes.IndexByte(raw, '\r') >= 0 {
				data = s.buf[:0]
				var prev byte
				for _, b := range raw {
					data = appendNewline(data, prev, b)
					prev = b
				}
				s.buf = data
			}
			if err := s.check(data); err != nil {
				return nil, err
			}
			return xml.CharData(data), nil
		}
		return s.directive()
	}
	return s.startElement()
}

// appendNewline appends b, after prev, as character data has it: a
// carriage return is a line feed, and a line feed after one is dropped.
func appendNewline(data []byte, prev, b byte) []byte {
	switch {
	case b == '\r':
		return append(data, '\n')
	case b == '\n' && prev == '\r':
		return data
	}
	return append(data, b)
}

func (s *scanner) procInst() (xml.Token, error) {
	s.pos++
	target, ok, err := s.name()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.fail("expected target name after <?")
	}
	s.space()
	end := bytes.Index(s.data[s.pos:], []byte("?>"))
	if end < 0 {
		return nil, s.eof()
	}
	inst := s.data[s.pos : s.pos+end]
	s.pos += end + 2
	if target == "xml" {
		content := string(inst)
		if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
			s.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
			return nil, s.err
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			s.err = fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)
			return nil, s.err
		}
	}
	return xml.ProcInst{Target: target, Inst: inst}, nil
}

// procInstParam is encoding/xml's reading of a parameter of the XML
// declaration.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// comment reads a comment, at the first '-' of <!--.
func (s *scanner) comment() (xml.Token, error) {
	s.pos++
	if s.pos >= len(s.data) {
		return nil, s.eof()
	}
	s.pos++
	if s.data[s.pos-1] != '-' {
		return nil, s.fail("invalid sequence <!- not part of <!--")
	}
	end := bytes.Index(s.data[s.pos:], []byte("--"))
	if end < 0 || s.pos+end+2 >= len(s.data) {
		return nil, s.eof()
	}
	data := s.data[s.pos : s.pos+end]
	s.pos += end + 3
	if s.data[s.pos-1] != '>' {
		return nil, s.fail(`invalid sequence "--" not allowed in comments`)
	}
	return xml.Comment(data), nil
}

// directive reads <!…> other than a comment or CDATA, at the byte after
// <!, as encoding/xml does: quoted angle brackets do not count for
// nesting, and comments inside are a space.
func (s *scanner) directive() (xml.Token, error) {
	buf := []byte{s.data[s.pos]}
	s.pos++
	var inquote byte
	depth := 0
	next := func() (byte, bool) {
		if s.pos >= len(s.data) {
			return 0, false
		}
		s.pos++
		return s.data[s.pos-1], true
	}
	for {
		b, ok := next()
		if !ok {
			return nil, s.eof()
		}
		if inquote == 0 && b == '>' && depth == 0 {
			break
		}
	handle:
		buf = append(buf, b)
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			const open = "!--"
			for i := 0; i < len(open); i++ {
				if b, ok = next(); !ok {
					return nil, s.eof()
				}
				if b != open[i] {
					buf = append(buf, open[:i]...)
					depth++
					goto handle
				}
			}
			buf = buf[:len(buf)-1]
			end := bytes.Index(s.data[s.pos:], []byte("-->"))
			if end < 0 {
				return nil, s.eof()
			}
			s.pos += end + 3
			buf = append(buf, ' ')
		}
	}
	return xml.Directive(buf), nil
}

func (s *scanner) startElement() (xml.Token, error) {
	name, ok, err := s.nsname()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.fail("expected element name after <")
	}
	attrs := s.attrs[:0]
	for {
		s.space()
		if s.pos >= len(s.data) {
			return nil, s.eof()
		}
		b := s.data[s.pos]
		if b == '/' {
			s.pos++
			if s.pos >= len(s.data) {
				return nil, s.eof()
			}
			s.pos++
			if s.data[s.pos-1] != '>' {
				return nil, s.fail("expected /> in element")
			}
			s.needClose, s.toClose = true, name
			break
		}
		if b == '>' {
			s.pos++
			break
		}
		var a xml.Attr
		if a.Name, ok, err = s.nsname(); err != nil {
			return nil, err
		} else if !ok {
			return nil, s.fail("expected attribute name in element")
		}
		s.space()
		if s.pos >= len(s.data) {
			return nil, s.eof()
		}
		s.pos++
		if s.data[s.pos-1] != '=' {
			return nil, s.fail("attribute name without = in element")
		}
		s.space()
		if s.pos >= len(s.data) {
			return nil, s.eof()
		}
		q := s.data[s.pos]
		s.pos++
		if q != '"' && q != '\'' {
			return nil, s.fail("unquoted or missing attribute value in element")
		}
		v, err := s.text(int(q))
		if err != nil {
			return nil, err
		}
		if len(v) <= 24 {
			a.Value = s.intern(v)
		} else {
			a.Value = string(v)
		}
		attrs = append(attrs, a)
	}
	s.attrs = attrs
	return xml.StartElement{Name: name, Attr: attrs}, nil
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\r', '\n', '\t':
			s.pos++
		default:
			return
		}
	}
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// readName reads the bytes of a name (name bytes and every non-ASCII
// byte); none is no name.
func (s *scanner) readName() []byte {
	start := s.pos
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if c < utf8.RuneSelf && !isNameByte(c) {
			break
		}
		s.pos++
	}
	return s.data[start:s.pos]
}

// name reads a name: ok false when there is none (the caller says what
// was expected), an error when it is not a valid XML name or the file
// ends in it.
func (s *scanner) name() (string, bool, error) {
	b := s.readName()
	if s.pos >= len(s.data) {
		return "", false, s.eof()
	}
	if len(b) == 0 {
		return "", false, nil
	}
	if !isName(b) {
		return "", false, s.fail("invalid XML name: " + string(b))
	}
	return s.intern(b), true, nil
}

// isName reports whether b is an XML name as encoding/xml has it: an
// ASCII name is checked here, any other by encoding/xml itself (its
// tables of name characters are not exported).
func isName(b []byte) bool {
	c := b[0]
	if c >= utf8.RuneSelf {
		return isNameXML(b)
	}
	if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':') {
		return false
	}
	for _, c := range b[1:] {
		if c >= utf8.RuneSelf {
			return isNameXML(b)
		}
	}
	return true
}

// isNameXML asks encoding/xml whether b is a name: as the target of a
// processing instruction.
func isNameXML(b []byte) bool {
	d := xml.NewDecoder(io.MultiReader(strings.NewReader("<?"), bytes.NewReader(b), strings.NewReader(" ?>")))
	d.Strict = true
	tok, err := d.RawToken()
	pi, ok := tok.(xml.ProcInst)
	return err == nil && ok && pi.Target == string(b)
}

func (s *scanner) nsname() (xml.Name, bool, error) {
	n, ok, err := s.name()
	if !ok || err != nil {
		return xml.Name{}, ok, err
	}
	if strings.Count(n, ":") > 1 {
		return xml.Name{}, false, nil
	}
	space, local, ok := strings.Cut(n, ":")
	if !ok || space == "" || local == "" {
		return xml.Name{Local: n}, true, nil
	}
	return xml.Name{Space: s.intern([]byte(space)), Local: s.intern([]byte(local))}, true, nil
}

var entities = map[string]rune{"lt": '<', "gt": '>', "amp": '&', "apos": '\'', "quot": '"'}

// text reads character data up to a '<' or the end of the file (quote
// -1), or an attribute value up to its closing quote, resolving
// references and line ends, and checks its characters. The result is
// valid until the next token.
func (s *scanner) text(quote int) ([]byte, error) {
	start := s.pos
	rest := s.data[start:]
	// end is where the text ends; stop, before it, where encoding/xml
	// fails reading it byte by byte: a '<' in a value, ]]> in text.
	end, stop, msg := len(s.data), -1, ""
	if quote < 0 {
		if i := bytes.IndexByte(rest, '<'); i >= 0 {
			end = start + i
		} else if !s.atEOF {
			return nil, errShort
		}
		if i := bytes.Index(s.data[start:end], []byte("]]>")); i >= 0 {
			stop, msg = start+i, "unescaped ]]> not in CDATA section"
		}
	} else {
		i := bytes.IndexByte(rest, byte(quote))
		if i < 0 {
			if !s.atEOF {
				return nil, errShort
			}
			i = len(rest)
		}
		end = start + i
		if j := bytes.IndexByte(rest[:i], '<'); j >= 0 {
			stop, msg = start+j, "unescaped < inside quoted string"
		}
	}
	upto := end
	if stop >= 0 {
		upto = stop
	}
	data := s.data[start:upto]
	if bytes.IndexByte(data, '&') >= 0 || bytes.IndexByte(data, '\r') >= 0 {
		var err error
		if data, err = s.decode(start, upto); err != nil {
			return nil, err
		}
	}
	switch {
	case stop >= 0 && quote < 0:
		s.pos = stop + 3
		return nil, s.fail(msg)
	case stop >= 0:
		s.pos = stop + 1
		return nil, s.fail(msg)
	case quote >= 0 && end == len(s.data):
		return nil, s.eof()
	}
	s.pos = end
	if quote >= 0 {
		s.pos++
	}
	if err := s.check(data); err != nil {
		return nil, err
	}
	return data, nil
}

// decode resolves the references and line ends of data[start:end] into
// s.buf.
func (s *scanner) decode(start, end int) ([]byte, error) {
	out := s.buf[:0]
	var prev byte
	for i := start; i < end; i++ {
		b := s.data[i]
		if b != '&' {
			out = appendNewline(out, prev, b)
			prev = b
			continue
		}
		prev = 0
		// A reference: &#N; &#xH; or &name; up to the semicolon.
		j := i + 1
		if j >= end {
			return nil, s.cut(i, end)
		}
		ok := false
		if s.data[j] == '#' {
			j++
			base := 10
			if j < end && s.data[j] == 'x' {
				base = 16
				j++
			}
			k := j
			for k < end && (isDigit(s.data[k]) || base == 16 && isHex(s.data[k])) {
				k++
			}
			if k >= end {
				return nil, s.cut(i, end)
			}
			if s.data[k] == ';' {
				n, err := strconv.ParseUint(string(s.data[j:k]), base, 64)
				if err == nil && n <= unicode.MaxRune {
					out = utf8.AppendRune(out, rune(n))
					ok = true
				}
				k++
			}
			if !ok {
				s.pos = k
				return nil, s.badRef(i, k)
			}
			i = k - 1
			continue
		}
		k := j
		for k < end && (s.data[k] >= utf8.RuneSelf || isNameByte(s.data[k])) {
			k++
		}
		if k >= end {
			return nil, s.cut(i, end)
		}
		if s.data[k] == ';' {
			if r, found := entities[string(s.data[j:k])]; found {
				out = append(out, byte(r))
				ok = true
			}
			k++
		}
		if !ok {
			s.pos = k
			return nil, s.badRef(i, k)
		}
		i = k - 1
	}
	s.buf = out
	return out, nil
}

// cut fails on the reference at i cut by the end of the text at end:
// the end of the file, or a byte that ends the text ('<', a quote, the ]
// of ]]>), which encoding/xml reads as the reference's last.
func (s *scanner) cut(i, end int) error {
	s.pos = end
	if end >= len(s.data) {
		return s.eof()
	}
	return s.badRef(i, end)
}

// badRef fails on the reference data[i:k] (k past a semicolon, or at the
// byte that ended it).
func (s *scanner) badRef(i, k int) error {
	ent := string(s.data[i:k])
	if !strings.HasSuffix(ent, ";") {
		ent += " (no semicolon)"
	}
	return s.fail("invalid character entity " + ent)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isHex(c byte) bool   { return 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// clean reports whether data holds none of the controls XML cannot hold
// (below 0x20 but tab, line feed and carriage return) and neither U+FFFE
// nor U+FFFF (EF BF BE, EF BF BF), eight bytes at a time.
func clean(data []byte) bool {
	const highs, below = 0x8080808080808080, 0x20 * 0x0101010101010101
	i := 0
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		if (w-below)&^w&highs != 0 && !allowed(data[i:i+8]) { // some byte below 0x20
			return false
		}
	}
	if !allowed(data[i:]) {
		return false
	}
	for j := 0; ; {
		k := bytes.IndexByte(data[j:], 0xEF)
		if k < 0 {
			return true
		}
		j += k + 1
		if j+1 < len(data) && data[j] == 0xBF && (data[j+1] == 0xBE || data[j+1] == 0xBF) {
			return false
		}
	}
}

// allowed reports whether b has no control byte but tab, line feed and
// carriage return.
func allowed(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// check fails on text that is not UTF-8 or holds a character XML
// cannot.
func (s *scanner) check(data []byte) error {
	if clean(data) && utf8.Valid(data) {
		return nil
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return s.fail(fmt.Sprintf("illegal character code %U", rune(c)))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return s.fail("invalid UTF-8")
		}
		if r == 0xFFFE || r == 0xFFFF {
			return s.fail(fmt.Sprintf("illegal character code %U", r))
		}
		i += size
	}
	return nil
}
