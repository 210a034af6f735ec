package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"verso/export/pdf/internal/pdfobj"
)

// The PDF library keeps every page's content stream uncompressed until
// the document is written (about 32 KB a page of bilingual text, 130 MB
// for 4,000 pages). pageStore compresses each page as soon as it is
// finished, as the library would compress it when writing, and keeps only
// that. With the library's own compression off it writes the compressed
// bytes as they are; finish then adds the /Filter the library would have
// written to each content stream's dictionary (the file is written again
// with its cross-reference table by pdfobj), so that it is byte for byte
// the file the library writes when it compresses.
//
// The library has no API to reach a page's content; pageStore reads its
// unexported page buffers (codeberg.org/go-pdf/fpdf v0.12.0). If they are
// not where it expects, the store does nothing and the library compresses
// as usual: the same file, in more memory.
type pageStore struct {
	pages *[]*bytes.Buffer // the library's page buffers, 1-based
	done  int              // the pages compressed
	buf   bytes.Buffer     // where a page is compressed
}

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

// compress compresses the pages up to n (1-based), which the library
// writes to no more.
func (s *pageStore) compress(n int) {
	if s == nil {
		return
	}
	for ; s.done < n; s.done++ {
		pg := (*s.pages)[s.done+1]
		s.buf.Reset()
		zw, _ := zlib.NewWriterLevel(&s.buf, zlib.BestSpeed) // the library's level
		zw.Write(pg.Bytes())
		zw.Close()
		(*s.pages)[s.done+1] = bytes.NewBuffer(bytes.Clone(s.buf.Bytes()))
	}
}

// output takes the file the library writes, all at once, and keeps it
// with the fonts' names replaced by rename (replacements as long as what
// they replace), in one copy.
type output struct {
	rename *strings.Replacer
	file   []byte
}

func (o *output) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if o.file != nil {
		return 0, fmt.Errorf("PDF library output written in parts")
	}
	b := bytes.NewBuffer(make([]byte, 0, len(p)))
	// The string is read only during the call, p unchanged.
	o.rename.WriteString(b, unsafe.String(&p[0], len(p)))
	o.file = b.Bytes()
	return len(p), nil
}

// finish marks the content streams of the pages s compressed, pages
// the objects of all pages in order, as compressed, with the /Filter the
// library writes before /Length.
func (s *pageStore) finish(file *pdfobj.File, pages []int) error {
	if s == nil {
		return nil
	}
	for n, k := range pages[:s.done] {
		c := contents(file.Object(k))
		if c <= 0 || !file.Replace(c, "<</Length ", "<</Filter /FlateDecode /Length ") {
			return fmt.Errorf("PDF library output: no content stream of page %d", n+1)
		}
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
