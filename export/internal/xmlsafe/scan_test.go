package xmlsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// tokens reads data to its end or first error with next, and returns each
// token as text with the line after it.
func tokens(next func() (xml.Token, error), line func() int) ([]string, error) {
	var out []string
	for {
		tok, err := next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		var s string
		switch t := tok.(type) {
		case xml.StartElement:
			s = fmt.Sprintf("start %q %q", t.Name.Space, t.Name.Local)
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %q:%q=%q", a.Name.Space, a.Name.Local, a.Value)
			}
		case xml.EndElement:
			s = fmt.Sprintf("end %q %q", t.Name.Space, t.Name.Local)
		case xml.CharData:
			s = fmt.Sprintf("text %q", t)
		case xml.Comment:
			s = fmt.Sprintf("comment %q", t)
		case xml.ProcInst:
			s = fmt.Sprintf("pi %q %q", t.Target, t.Inst)
		case xml.Directive:
			s = fmt.Sprintf("directive %q", t)
		default:
			s = fmt.Sprintf("%T", tok)
		}
		out = append(out, fmt.Sprintf("%s @%d", s, line()))
	}
}

// stdlib reads data with encoding/xml, the scanner's oracle.
func stdlib(data []byte) ([]string, int, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	line := func() int { l, _ := d.InputPos(); return l }
	toks, err := tokens(d.RawToken, line)
	errLine := 0
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		errLine = se.Line
	}
	return toks, errLine, err
}

// scan reads data with the scanner: in memory, or with window bytes of
// it at first through a reader of one byte at a time.
func scan(data []byte, window int) ([]string, int, error) {
	s := &NewDecoder("f", data).s
	if window > 0 {
		s = &NewReader("f", iotest.OneByteReader(bytes.NewReader(data))).s
		s.data = make([]byte, 0, window)
	}
	toks, err := tokens(s.rawToken, func() int { return s.lineOf(s.pos) })
	errLine := 0
	var se *syntaxError
	if errors.As(err, &se) {
		errLine = se.line
	}
	return toks, errLine, err
}

// same checks that the scanner reads data as encoding/xml does: the same
// tokens at the same lines, and an error where it has one.
func same(t *testing.T, data []byte) {
	t.Helper()
	want, wantLine, wantErr := stdlib(data)
	for _, window := range []int{0, 1, 7} {
		got, gotLine, gotErr := scan(data, window)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q, window %d: error %v, encoding/xml %v", data, window, gotErr, wantErr)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q, window %d: tokens\n%s\nencoding/xml\n%s", data, window, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if gotLine != wantLine {
			t.Fatalf("%q, window %d: error at line %d (%v), encoding/xml %d (%v)", data, window, gotLine, gotErr, wantLine, wantErr)
		}
	}
}

// scanCases are inputs at the edges of what XML allows.
var scanCases = []string{
	``, `<a/>`, `<a></a>`, "<a>\n<b x='1' y=\"2\"/>\n</a>", `<a b="1"c="2">`, `<a b = "1" >`, `<a b>`, `<a b=1>`,
	`<a b="<">`, `<a b="]]>">`, `<a>]]></a>`, `<a>]]&gt;</a>`, `<a>]</a>`, "<a>\r\n\r</a>", "<a b=\"\r\n\">",
	`<a>&lt;&gt;&amp;&apos;&quot;</a>`, `<a>&lol;</a>`, `<a>&amp</a>`, `<a>&amp`, `<a>&</a>`, `<a>&;</a>`, `<a>&#;</a>`,
	`<a>&#65;&#x41;&#X41;</a>`, `<a>&#0;</a>`, `<a>&#xD800;</a>`, `<a>&#x110000;</a>`, `<a>&#99999999999999999999;</a>`,
	`<a>&#x1F600;</a>`, "<a>\x01</a>", "<a>\xff</a>", "<a>\uFFFE</a>", "<a>\uFFFD</a>", "<a b=\"&amp;&#10;\"/>",
	`<?xml version="1.0" encoding="UTF-8"?><a/>`, `<?xml version="1.1"?>`, `<?xml encoding="latin1"?>`, `<?xml?>`, `<? x?>`,
	`<?pi some data?>`, `<?pi`, `<!-- c -->`, `<!---->`, `<!--->`, `<!-- a -- b -->`, `<!-- a --`, `<!- a -->`,
	`<![CDATA[<&]]>`, `<![CDATA[a]]]>`, "<![CDATA[\r\n]]>", `<![CDATA[`, `<![CDAT[x]]>`, `<!DOCTYPE a>`,
	`<!DOCTYPE a SYSTEM "a.dtd">`, `<!DOCTYPE a [<!ENTITY x "y">]>`, `<!DOCTYPE a [<!-- > -->]>`, `<!DOCTYPE a "'>'">`,
	`<!>x>`, `<!<a>>`, `<!DOCTYPE a <!-`, `<a:b:c/>`, `<:a/>`, `<a:/>`, `<a:b xmlns:a="u"/>`, `<1a/>`, `<-a/>`,
	`<é/>`, "<a\u0300/>", "<\u0300/>", `<a/ >`, `</a >`, `</ a>`, `</a b>`, `</>`, `<>`, `<`, `</`, `<a`, `<a b="1`,
	`<a>text`, `text`, "\uFEFF<a/>", `<a b="1" b="2"/>`, `<a>&#x;</a>`, `<a>&#12</a>`, `<a b="&#12"/>`, `<a b="&am"/>`,
	"<a>abcdefghijkl\x01mnop</a>", "<a>abcdefghijklmnop\uFFFF</a>", "<a>上海合作组织成员国\uFFFE元首</a>", "<a>abcdefghijklmnop\n\t\rqrstuvwxyz\x1f</a>",
	"<a>abcdefgh\x7f\x80</a>", "<a>abcdefghijklmnop\xef\xbf</a>", "<a b='abcdefghijkl\x02mnop'/>",
	"<a>\n&lol;</a>", "<a\n\nb='&x;'/>", "<a>\n]]></a>", "<!--\n\n-- -->", "<a>x\n<", "<![CDATA[\n\x01]]>",
}

func TestScannerMatchesEncodingXML(t *testing.T) {
	for _, c := range scanCases {
		same(t, []byte(c))
	}
	for _, f := range seedFiles(t) {
		same(t, f)
	}
}

// seedFiles are the exchange files of the test data.
func seedFiles(t testing.TB) [][]byte {
	var files [][]byte
	for _, pat := range []string{"../../xliff/testdata/*", "../../xliff/testdata/*/*", "../../../align/qa/testdata/*.tbx"} {
		names, _ := filepath.Glob(pat)
		for _, n := range names {
			if data, err := os.ReadFile(n); err == nil {
				files = append(files, data)
			}
		}
	}
	return files
}

func FuzzScanner(f *testing.F) {
	for _, c := range scanCases {
		f.Add([]byte(c))
	}
	for _, data := range seedFiles(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		same(t, data)
	})
}

// TestEscape: a string that needs no escape is returned as it is; any
// other is what encoding/xml escapes it to.
func TestEscape(t *testing.T) {
	for _, s := range []string{"", "plain", "上海，合作。", "a&b", "<x>", `"q'`, "tab\there", "line\nbreak\r", "\x01", "\uFFFE", "\uFFFF",
		"\uFFFD", "\uFFEF", "a\xffb", "end\xEF", "end\xEF\xBF", "\uFEFF"} {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		want := b.String()
		if got := Escape(s); got != want {
			t.Errorf("Escape(%q) = %q, want %q", s, got, want)
		}
	}
}
