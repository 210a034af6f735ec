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
)

// The PDF library keeps every page's content stream uncompressed until
// the document is written (about 32 KB a page of bilingual text, 130 MB
// for 4,000 pages). pageStore compresses each page as soon as it is
// finished, as the library would compress it when writing, and keeps only
// that. With the library's own compression off it writes the compressed
// bytes as they are; [output] then adds the /Filter the library would
// have written to each content stream's dictionary and moves the
// cross-reference offsets after it, so that the file is byte for byte the
// one the library writes when it compresses.
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

// output takes the file the library writes, all at once, and keeps it in
// one copy, the fonts' names replaced by rename (replacements as long as
// what they replace) and, when the pages were compressed as they were
// drawn, with the /Filter the library writes before /Length in each
// content stream's dictionary and the cross-reference offsets moved
// after it.
type output struct {
	store  *pageStore
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
	done := 0
	if o.store != nil {
		done = o.store.done
	}
	// The string is read only during the call, p unchanged.
	file := unsafe.String(&p[0], len(p))
	b := bytes.NewBuffer(make([]byte, 0, len(p)+done*len(filter)))
	xref, offsets, err := xrefTable(file)
	if err != nil {
		return 0, err
	}
	// The content of page n is object 2n+2: the library numbers the page
	// tree 1, the resources 2 and each page before its content.
	var at []int // where a filter goes in, ascending
	for n := 1; n <= done; n++ {
		k := 2*n + 2
		if k >= len(offsets) {
			return 0, fmt.Errorf("PDF library output: no content object for page %d", n)
		}
		head := strconv.Itoa(k) + " 0 obj\n<<"
		if !strings.HasPrefix(file[offsets[k]:], head+"/Length ") {
			return 0, fmt.Errorf("PDF library output: object %d is not page %d's content", k, n)
		}
		at = append(at, offsets[k]+len(head))
	}
	last := 0
	for _, a := range at {
		o.rename.WriteString(b, file[last:a])
		b.WriteString(filter)
		last = a
	}
	o.rename.WriteString(b, file[last:xref])
	// The cross-reference table, with offsets moved by the filters before
	// them, and the trailer.
	shift := func(o int) int {
		k := 0
		for k < len(at) && at[k] <= o {
			k++
		}
		return o + k*len(filter)
	}
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, o := range offsets[1:] {
		fmt.Fprintf(b, "%010d 00000 n \n", shift(o))
	}
	tail := file[xref:]
	tr := strings.Index(tail, "trailer\n")
	sx := strings.LastIndex(tail, "startxref\n")
	if tr < 0 || sx < tr {
		return 0, fmt.Errorf("PDF library output: no trailer")
	}
	o.rename.WriteString(b, tail[tr:sx])
	end := tail[sx+len("startxref\n"):]
	end = end[strings.IndexByte(end, '\n'):] // after the offset, as written
	b.WriteString("startxref\n" + strconv.Itoa(shift(xref)) + end)
	o.file = b.Bytes()
	return len(p), nil
}

// filter is what the library writes before /Length in the dictionary of
// a compressed content stream.
const filter = "/Filter /FlateDecode "

// xrefTable returns where the library's cross-reference table starts and
// the offsets of the objects it lists (offsets[0] unused).
func xrefTable(file string) (int, []int, error) {
	i := strings.LastIndex(file, "startxref\n")
	if i < 0 {
		return 0, nil, fmt.Errorf("PDF library output: no startxref")
	}
	xref, err := strconv.Atoi(strings.Fields(file[i+len("startxref\n"):])[0])
	if err != nil || xref < 0 || xref > i || !strings.HasPrefix(file[xref:], "xref\n0 ") {
		return 0, nil, fmt.Errorf("PDF library output: no cross-reference table")
	}
	rest := file[xref+len("xref\n0 "):]
	nl := strings.IndexByte(rest, '\n')
	count, err := strconv.Atoi(rest[:max(nl, 0)])
	if err != nil || count < 1 {
		return 0, nil, fmt.Errorf("PDF library output: bad cross-reference table")
	}
	rest = rest[nl+1:]
	const entry = 20 // "0000000123 00000 n \n"
	if len(rest) < count*entry {
		return 0, nil, fmt.Errorf("PDF library output: short cross-reference table")
	}
	offsets := make([]int, count)
	for k := 1; k < count; k++ {
		o, err := strconv.Atoi(rest[k*entry : k*entry+10])
		if err != nil || o >= xref {
			return 0, nil, fmt.Errorf("PDF library output: bad offset of object %d", k)
		}
		offsets[k] = o
	}
	return xref, offsets, nil
}
