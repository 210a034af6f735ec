package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"verso/export/pdf/internal/pdfobj"
)

// The PDF library keeps every page's content stream uncompressed until
// the document is written (about 32 KB a page of bilingual text, 130 MB
// for 4,000 pages), then copies them all into the file it builds in
// memory. pageStore compresses each page as soon as it is finished, as
// the library would when writing it, keeps the content stream object's
// body that the library would write and leaves the library an empty page;
// with the library's own compression off, finish puts each body in place
// of the library's empty stream, so that the file pdfobj writes is byte
// for byte the one it writes when the library compresses.
//
// The pages are compressed in a goroutine of their own, in order, while
// the next ones are laid out and drawn; [pageStore.wait] waits for it.
//
// The library has no API to reach a page's content; pageStore reads its
// unexported page buffers (codeberg.org/go-pdf/fpdf v0.12.0). If they are
// not where it expects, the store does nothing and the library compresses
// as usual: the same file, in more memory.
type pageStore struct {
	pages *[]*bytes.Buffer   // the library's page buffers, 1-based
	taken int                // the pages taken from the library
	work  chan *bytes.Buffer // the pages taken, to the compressing goroutine
	free  chan *bytes.Buffer // and back, compressed, for the library to write pages into again
	done  chan struct{}      // closed when it has compressed them all

	// The compressing goroutine's, until done is closed:
	bodies [][]byte     // the content stream objects of the pages compressed
	buf    bytes.Buffer // where a page is compressed
	zw     *zlib.Writer // the compressor, reset for each page
}

// pagesInFlight is how many pages taken may wait to be compressed.
const pagesInFlight = 8

// compressEarly is whether pages are compressed as they are drawn; a test
// turns it off to compare with the library's own compression.
var compressEarly = true

// newPageStore returns the store of pdf's pages, or nil when the library's
// page buffers cannot be reached; it turns the library's compression off.
func newPageStore(pdf *fpdf.Fpdf) *pageStore {
	f := reflect.ValueOf(pdf).Elem().FieldByName("pages")
	if !compressEarly || !f.IsValid() || f.Type() != reflect.TypeFor[[]*bytes.Buffer]() {
		return nil
	}
	pdf.SetCompression(false)
	return &pageStore{pages: (*[]*bytes.Buffer)(unsafe.Pointer(f.UnsafeAddr()))}
}

// compress takes the pages up to n (1-based), which the library writes
// to no more.
func (s *pageStore) compress(n int) {
	if s == nil {
		return
	}
	if s.work == nil && s.taken < n {
		s.work, s.free, s.done = make(chan *bytes.Buffer, pagesInFlight), make(chan *bytes.Buffer, pagesInFlight), make(chan struct{})
		go func() {
			for pg := range s.work {
				s.bodies = append(s.bodies, s.deflate(pg.Bytes()))
				select {
				case s.free <- pg:
				default:
				}
			}
			close(s.done)
		}()
	}
	for ; s.taken < n; s.taken++ {
		s.work <- (*s.pages)[s.taken+1]
		(*s.pages)[s.taken+1] = new(bytes.Buffer)
	}
	// The page the library writes now goes on in a buffer grown by a page
	// before, rather than grow its own.
	if cur := len(*s.pages) - 1; cur == n+1 {
		select {
		case b := <-s.free:
			b.Reset()
			b.Write((*s.pages)[cur].Bytes())
			(*s.pages)[cur] = b
		default:
		}
	}
}

// deflate returns the body of the content stream object of a page's
// content, compressed.
func (s *pageStore) deflate(content []byte) []byte {
	s.buf.Reset()
	if s.zw == nil {
		s.zw, _ = zlib.NewWriterLevel(&s.buf, zlib.BestSpeed) // the library's level
	} else {
		s.zw.Reset(&s.buf) // a fresh writer's output, without its megabyte of state
	}
	s.zw.Write(content)
	s.zw.Close()
	const head, tail = "<</Filter /FlateDecode /Length ", ">>\nstream\n"
	body := make([]byte, 0, len(head)+20+len(tail)+s.buf.Len()+len("\nendstream"))
	body = append(strconv.AppendInt(append(body, head...), int64(s.buf.Len()), 10), tail...)
	return append(append(body, s.buf.Bytes()...), "\nendstream"...)
}

// wait waits until the pages taken are compressed, and ends the
// compressing goroutine.
func (s *pageStore) wait() {
	if s == nil || s.work == nil {
		return
	}
	close(s.work)
	<-s.done
	s.work = nil
}

// empty is the body of the content stream of a page the store took, as
// the library writes it.
const empty = "<</Length 0>>\nstream\n\nendstream"

// finish puts the content streams of the pages s took into file, pages
// the objects of all its pages in order.
func (s *pageStore) finish(file *pdfobj.File, pages []int) error {
	if s == nil {
		return nil
	}
	s.wait()
	if len(s.bodies) != len(pages) {
		return fmt.Errorf("PDF library output: %d pages, %d drawn", len(pages), len(s.bodies))
	}
	for n, k := range pages {
		c := contents(file.Object(k))
		if c <= 0 || string(file.Object(c)) != empty {
			return fmt.Errorf("PDF library output: no empty content stream of page %d", n+1)
		}
		file.Set(c, s.bodies[n])
		s.bodies[n] = nil
	}
	return nil
}

// contents returns the object number of a page's content stream, the
// page's body, or 0.
func contents(page []byte) int {
	_, after, ok := bytes.Cut(page, []byte("/Contents "))
	if !ok {
		return 0
	}
	num, _, _ := bytes.Cut(after, []byte(" "))
	n, _ := strconv.Atoi(string(num))
	return n
}

// output takes the file the library writes, all at once, and keeps it in
// one copy, the fonts' names replaced as a [strings.Replacer] of rename
// would replace them: rename holds pairs of a name, which starts with
// libFontPrefix, and its replacement, as long; at each place, the first
// name found there is replaced.
type output struct {
	rename []string
	file   []byte
}

// libFontPrefix starts the names the PDF library gives the fonts it
// embeds.
const libFontPrefix = "/utf8"

func (o *output) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if o.file != nil {
		return 0, fmt.Errorf("PDF library output written in parts")
	}
	for k := 0; k < len(o.rename); k += 2 {
		if !strings.HasPrefix(o.rename[k], libFontPrefix) || len(o.rename[k+1]) != len(o.rename[k]) {
			return 0, fmt.Errorf("font name %q replaced by %q", o.rename[k], o.rename[k+1])
		}
	}
	file := bytes.Clone(p)
	for i := 0; ; {
		n := bytes.Index(file[i:], []byte(libFontPrefix))
		if n < 0 {
			break
		}
		i += n
		next := i + 1
		for k := 0; k < len(o.rename); k += 2 {
			if bytes.HasPrefix(file[i:], []byte(o.rename[k])) {
				// As long as what it replaces: what follows is as written.
				copy(file[i:], o.rename[k+1])
				next = i + len(o.rename[k])
				break
			}
		}
		i = next
	}
	o.file = file
	return len(p), nil
}

// libText writes the PDF library's text-showing operators itself, byte
// for byte as [fpdf.Fpdf.Text] writes them, without the library's
// formatting through fmt, which costs a sixth of the time of typesetting
// a long Latin column: the position at two decimals, the text in UTF-16
// with \, (, ) and CR escaped, in the text colour when the library would
// set it (in q/Q, when it differs from the fill colour), and the
// characters marked as used by the font, for its subset.
//
// As [pageStore], it reads the library's unexported state
// (codeberg.org/go-pdf/fpdf v0.12.0); if that is not what it expects,
// newLibText returns nil and the library's Text is used. It also leaves
// to it text it would show otherwise: in a font that is not UTF-8,
// right to left, underlined or struck out, or with characters outside
// the BMP (TestLibTextSameBytes compares the files).
type libText struct {
	utf8, rtl, underline, strikeout, colorFlag *bool
	textColor                                  *string
	usedRunes                                  *map[int]int
	h, k                                       *float64
	buf                                        []byte
	marked                                     [nFonts]struct {
		runes   *runeSet       // the characters of the face marked used
		inRunes unsafe.Pointer // in this map of the library
	}
}

// fastText is whether libText is used; a test turns it off to compare
// with the library's own Text.
var fastText = true

// newLibText returns the writer of pdf's text, or nil when the library's
// state cannot be reached.
func newLibText(pdf *fpdf.Fpdf) *libText {
	if !fastText {
		return nil
	}
	v := reflect.ValueOf(pdf).Elem()
	field := func(t reflect.Type, path ...string) unsafe.Pointer {
		f := v
		for _, name := range path {
			if f.Kind() != reflect.Struct {
				return nil
			}
			if f = f.FieldByName(name); !f.IsValid() {
				return nil
			}
		}
		if f.Type() != t {
			return nil
		}
		return unsafe.Pointer(f.UnsafeAddr())
	}
	b, s, m, x := reflect.TypeFor[bool](), reflect.TypeFor[string](), reflect.TypeFor[map[int]int](), reflect.TypeFor[float64]()
	ps := []unsafe.Pointer{field(b, "isCurrentUTF8"), field(b, "isRTL"), field(b, "underline"), field(b, "strikeout"),
		field(b, "colorFlag"), field(s, "color", "text", "str"), field(m, "currentFont", "usedRunes"), field(x, "h"), field(x, "k")}
	for _, p := range ps {
		if p == nil {
			return nil
		}
	}
	return &libText{utf8: (*bool)(ps[0]), rtl: (*bool)(ps[1]), underline: (*bool)(ps[2]), strikeout: (*bool)(ps[3]),
		colorFlag: (*bool)(ps[4]), textColor: (*string)(ps[5]), usedRunes: (*map[int]int)(ps[6]), h: (*float64)(ps[7]), k: (*float64)(ps[8])}
}

// text shows s at x, y in the library's current font, face id, as the
// library's Text(x, y, s) does; it reports false, having written nothing,
// for text the library is left to show.
func (t *libText) text(pdf *fpdf.Fpdf, id fontID, x, y float64, s string) bool {
	if t == nil || !*t.utf8 || *t.rtl || *t.underline || *t.strikeout {
		return false
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 || r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	b := t.buf[:0]
	if *t.colorFlag {
		b = append(append(append(b, "q "...), *t.textColor...), ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x**t.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (*t.h-y)**t.k, 'f', 2, 64)
	b = append(b, " Td ("...)
	for _, r := range s {
		for _, c := range [2]byte{byte(r >> 8), byte(r)} {
			switch c {
			case '\\', '(', ')':
				b = append(b, '\\', c)
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, c)
			}
		}
	}
	b = append(b, ") Tj ET"...)
	if *t.colorFlag {
		b = append(b, " Q"...)
	}
	t.buf = b
	m := &t.marked[id]
	if used := *(*unsafe.Pointer)(unsafe.Pointer(t.usedRunes)); m.runes == nil || m.inRunes != used {
		m.runes, m.inRunes = new(runeSet), used
	}
	for _, r := range s {
		if !m.runes.has(r) {
			(*t.usedRunes)[int(r)] = int(r)
			m.runes[r>>6] |= 1 << (r & 63)
		}
	}
	if len(b) > 0 {
		// The string is read only during the call, b unchanged.
		pdf.RawWriteStr(unsafe.String(&b[0], len(b)))
	}
	return true
}
