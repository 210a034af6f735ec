// Package pdfobj edits a PDF at the level of its objects: it reads the
// file the PDF library (codeberg.org/go-pdf/fpdf) writes, lets the
// exporter replace objects and add new ones, and writes the file again
// with a new cross-reference table.
//
// It exists for what the library cannot write: fonts with PostScript (CFF)
// outlines, embedded as CIDFontType0 fonts, and the structure tree of a
// tagged PDF. The content streams that use them are written through the
// library (its raw output), so that it keeps laying out pages, images,
// links, outlines and metadata; this package only adds the objects those
// streams refer to. It is no general PDF parser: it reads a file with one
// classic cross-reference table and no object streams, whose objects are
// written one after another, as the library writes them, and it refuses
// anything else.
package pdfobj

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// ErrFormat is wrapped by the errors of [Parse].
var ErrFormat = errors.New("not a PDF as the PDF library writes it")

// File is a parsed PDF: its header and numbered objects.
type File struct {
	header []byte
	objs   [][]byte // object number -> body between "N 0 obj\n" and "endobj"; [0] unused
	// Root and Info are the object numbers of the catalog and the
	// document information dictionary.
	Root, Info int
}

// Parse reads a PDF written by the PDF library.
func Parse(b []byte) (*File, error) {
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no startxref", ErrFormat)
	}
	fields := strings.Fields(string(b[i+len("startxref"):]))
	if len(fields) < 1 {
		return nil, fmt.Errorf("%w: no xref offset", ErrFormat)
	}
	xref, err := strconv.Atoi(fields[0])
	if err != nil || xref <= 0 || xref >= i {
		return nil, fmt.Errorf("%w: bad xref offset", ErrFormat)
	}
	tr := bytes.Index(b[xref:], []byte("trailer"))
	if !bytes.HasPrefix(b[xref:], []byte("xref")) || tr < 0 {
		return nil, fmt.Errorf("%w: no cross-reference table at %d", ErrFormat, xref)
	}
	lines := strings.Split(strings.TrimSpace(string(b[xref+4:xref+tr])), "\n")
	head := strings.Fields(lines[0])
	if len(head) != 2 || head[0] != "0" {
		return nil, fmt.Errorf("%w: cross-reference table in sections", ErrFormat)
	}
	n, err := strconv.Atoi(head[1])
	if err != nil || n != len(lines)-1 || n < 1 {
		return nil, fmt.Errorf("%w: bad cross-reference table", ErrFormat)
	}
	f := &File{objs: make([][]byte, n)}
	type loc struct{ num, off int }
	var locs []loc
	for num := 1; num < n; num++ {
		e := strings.Fields(lines[num+1])
		if len(e) != 3 || e[2] != "n" {
			return nil, fmt.Errorf("%w: cross-reference entry %d", ErrFormat, num)
		}
		off, err := strconv.Atoi(e[0])
		if err != nil || off <= 0 || off >= xref {
			return nil, fmt.Errorf("%w: offset of object %d", ErrFormat, num)
		}
		locs = append(locs, loc{num, off})
	}
	slices.SortFunc(locs, func(a, b loc) int { return a.off - b.off })
	if len(locs) == 0 {
		return nil, fmt.Errorf("%w: no objects", ErrFormat)
	}
	f.header = b[:locs[0].off]
	for k, l := range locs {
		end := xref
		if k+1 < len(locs) {
			end = locs[k+1].off
		}
		obj := b[l.off:end]
		pre := fmt.Sprintf("%d 0 obj", l.num)
		if !bytes.HasPrefix(obj, []byte(pre)) {
			return nil, fmt.Errorf("%w: object %d is not at its offset", ErrFormat, l.num)
		}
		obj = bytes.TrimRight(obj[len(pre):], "\r\n ")
		if !bytes.HasSuffix(obj, []byte("endobj")) {
			return nil, fmt.Errorf("%w: object %d does not end with endobj", ErrFormat, l.num)
		}
		f.objs[l.num] = bytes.TrimSpace(obj[:len(obj)-len("endobj")])
	}
	trailer := string(b[xref+tr : i])
	if f.Root = ref(trailer, "/Root"); f.Root <= 0 || f.Root >= n {
		return nil, fmt.Errorf("%w: no catalog", ErrFormat)
	}
	f.Info = ref(trailer, "/Info")
	return f, nil
}

// ref returns the object number of the reference after key in dict, or 0.
func ref(dict, key string) int {
	i := strings.Index(dict, key+" ")
	if i < 0 {
		return 0
	}
	fs := strings.Fields(dict[i+len(key):])
	if len(fs) < 3 || fs[1] != "0" || !strings.HasPrefix(fs[2], "R") {
		return 0
	}
	n, _ := strconv.Atoi(fs[0])
	return n
}

// Pages returns the object numbers of the pages in order: the kids of
// the catalog's page tree, which the PDF library writes as one flat list.
func (f *File) Pages() ([]int, error) {
	tree := f.Object(ref(string(f.Object(f.Root)), "/Pages"))
	i := bytes.Index(tree, []byte("/Kids ["))
	if i < 0 {
		return nil, fmt.Errorf("%w: no page tree", ErrFormat)
	}
	kids := tree[i+len("/Kids ["):]
	j := bytes.IndexByte(kids, ']')
	if j < 0 {
		return nil, fmt.Errorf("%w: unterminated /Kids", ErrFormat)
	}
	fs := strings.Fields(string(kids[:j]))
	if len(fs)%3 != 0 {
		return nil, fmt.Errorf("%w: bad /Kids", ErrFormat)
	}
	var pages []int
	for k := 0; k < len(fs); k += 3 {
		n, err := strconv.Atoi(fs[k])
		if err != nil || fs[k+1] != "0" || fs[k+2] != "R" || f.Object(n) == nil {
			return nil, fmt.Errorf("%w: bad /Kids entry %q", ErrFormat, strings.Join(fs[k:k+3], " "))
		}
		if !bytes.Contains(f.Object(n), []byte("/Type /Page")) {
			return nil, fmt.Errorf("%w: kid %d is no page (a nested page tree)", ErrFormat, n)
		}
		pages = append(pages, n)
	}
	return pages, nil
}

// SplitAnnots makes each annotation the PDF library wrote inline in page
// object n's /Annots array an object of its own, refers to them from the
// array instead and returns their numbers in order.
func (f *File) SplitAnnots(n int) ([]int, error) {
	body := f.Object(n)
	i := bytes.Index(body, []byte("/Annots ["))
	if i < 0 {
		return nil, nil
	}
	start := i + len("/Annots [")
	var objs []int
	var refs []string
	j := start
	for {
		for j < len(body) && (body[j] == ' ' || body[j] == '\n') {
			j++
		}
		if j >= len(body) {
			return nil, fmt.Errorf("%w: page %d: unterminated /Annots", ErrFormat, n)
		}
		if body[j] == ']' {
			break
		}
		if !bytes.HasPrefix(body[j:], []byte("<<")) {
			return nil, fmt.Errorf("%w: page %d: /Annots holds no inline dictionary at %d", ErrFormat, n, j)
		}
		end, err := dictEnd(body, j)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		o := f.Add(append([]byte(nil), body[j:end]...))
		objs = append(objs, o)
		refs = append(refs, Ref(o))
		j = end
	}
	out := append([]byte(nil), body[:start]...)
	out = append(out, strings.Join(refs, " ")...)
	f.objs[n] = append(out, body[j:]...)
	return objs, nil
}

// dictEnd returns the offset after the dictionary starting at b[i],
// skipping nested dictionaries and literal strings (whose parentheses
// and escapes are balanced or escaped, as the PDF library writes them).
func dictEnd(b []byte, i int) (int, error) {
	depth := 0
	for i < len(b) {
		switch {
		case b[i] == '(':
			nest := 0
			for i++; i < len(b); i++ {
				if b[i] == '\\' {
					i++
				} else if b[i] == '(' {
					nest++
				} else if b[i] == ')' {
					if nest == 0 {
						break
					}
					nest--
				}
			}
		case bytes.HasPrefix(b[i:], []byte("<<")):
			depth++
			i++
		case b[i] == '<': // a hex string
			for i < len(b) && b[i] != '>' {
				i++
			}
		case bytes.HasPrefix(b[i:], []byte(">>")):
			depth--
			i++
			if depth == 0 {
				return i + 1, nil
			}
		}
		i++
	}
	return 0, fmt.Errorf("%w: unterminated dictionary", ErrFormat)
}

// Len returns the number of objects plus one (the cross-reference table's
// size).
func (f *File) Len() int { return len(f.objs) }

// Object returns the body of object n (between "n 0 obj" and "endobj"),
// nil if there is none.
func (f *File) Object(n int) []byte {
	if n <= 0 || n >= len(f.objs) {
		return nil
	}
	return f.objs[n]
}

// Set replaces the body of object n, which must exist or have been
// reserved.
func (f *File) Set(n int, body []byte) {
	f.objs[n] = body
}

// Add appends an object and returns its number.
func (f *File) Add(body []byte) int {
	f.objs = append(f.objs, body)
	return len(f.objs) - 1
}

// Reserve returns the number of a new object whose body is set later with
// [File.Set] (for objects that refer to each other).
func (f *File) Reserve() int { return f.Add(nil) }

// Insert adds entries (e.g. "/Lang (en)") at the start of the dictionary
// that object n's body starts with.
func (f *File) Insert(n int, entries string) error {
	body := f.Object(n)
	if !bytes.HasPrefix(body, []byte("<<")) {
		return fmt.Errorf("object %d: not a dictionary", n)
	}
	out := make([]byte, 0, len(body)+len(entries)+1)
	out = append(out, "<<"...)
	out = append(out, entries...)
	out = append(out, '\n')
	f.objs[n] = append(out, body[2:]...)
	return nil
}

// Replace replaces the first occurrence of old in the dictionary part of
// object n (before any stream) with new, and reports whether it did.
func (f *File) Replace(n int, old, new string) bool {
	body := f.Object(n)
	dict := body
	if i := bytes.Index(body, []byte("stream")); i >= 0 {
		dict = body[:i]
	}
	i := bytes.Index(dict, []byte(old))
	if i < 0 {
		return false
	}
	out := append([]byte(nil), body[:i]...)
	out = append(out, new...)
	f.objs[n] = append(out, body[i+len(old):]...)
	return true
}

// WriteTo writes the file: the header, every object in the order of its
// number, the cross-reference table and the trailer.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	// Written as it goes, not built first: the file may be large.
	b := &counter{w: bufio.NewWriterSize(w, 1<<16)}
	b.Write(f.header)
	offs := make([]int, len(f.objs))
	for n := 1; n < len(f.objs); n++ {
		if f.objs[n] == nil {
			return b.n, fmt.Errorf("object %d reserved but not set", n)
		}
		offs[n] = int(b.n)
		fmt.Fprintf(b, "%d 0 obj\n", n)
		b.Write(f.objs[n])
		io.WriteString(b, "\nendobj\n")
	}
	xref := b.n
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs))
	for n := 1; n < len(f.objs); n++ {
		fmt.Fprintf(b, "%010d 00000 n \n", offs[n])
	}
	fmt.Fprintf(b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n", len(f.objs), f.Root)
	if f.Info > 0 {
		fmt.Fprintf(b, "/Info %d 0 R\n", f.Info)
	}
	fmt.Fprintf(b, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	if b.err != nil {
		return b.n, b.err
	}
	return b.n, b.w.Flush()
}

// counter counts the bytes written through it and keeps the first error.
type counter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *counter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	k, err := c.w.Write(p)
	c.n += int64(k)
	c.err = err
	return k, err
}

// Stream returns the body of a stream object holding data compressed with
// Flate, with the dictionary entries dict (e.g. "/Subtype /CIDFontType0C").
func Stream(dict string, data []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.DefaultCompression)
	zw.Write(data)
	zw.Close()
	var b bytes.Buffer
	fmt.Fprintf(&b, "<<%s /Filter /FlateDecode /Length %d>>\nstream\n", dict, z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream")
	return b.Bytes()
}

// Ref returns a reference to object n, "n 0 R".
func Ref(n int) string { return strconv.Itoa(n) + " 0 R" }

// literalEscaper escapes the characters of a PDF literal string that
// must be.
var literalEscaper = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)

// Text returns s as a PDF text string: a literal in PDFDocEncoding's ASCII
// part when it is printable ASCII, else UTF-16BE in hex with a byte order
// mark.
func Text(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + literalEscaper.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// Name returns s as a PDF name, "/s", with the characters a name cannot
// hold written as #xx.
func Name(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
