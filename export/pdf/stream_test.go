package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"verso/align"
)

// TestEarlyCompressionSameBytes compares the file written with every page
// compressed as it is drawn (see pageStore) with the file the PDF library
// writes when it compresses the pages itself: they must be the same bytes.
func TestEarlyCompressionSameBytes(t *testing.T) {
	for _, c := range []struct {
		name string
		opts Options
		md   bool
	}{
		{"seed", Options{}, false},
		{"markdown interleaved draft", Options{Layout: Interleaved, Draft: true}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cov := seed(t, "en")
			if c.md {
				cov = BigMarkdown(12)
			}
			early, res, _ := write(t, cov, c.opts)
			compressEarly = false
			late, _, _ := write(t, cov, c.opts)
			compressEarly = true
			if !bytes.Equal(early, late) {
				t.Fatalf("pages compressed as drawn: %d bytes, by the library: %d bytes, not the same", len(early), len(late))
			}
			if n := bytes.Count(early, []byte("0 obj\n<</Filter /FlateDecode /Length ")); n < res.Pages {
				t.Errorf("%d compressed streams for %d pages", n, res.Pages)
			}
			checkXref(t, early)
		})
	}
}

// checkXref checks that every offset of the cross-reference table points
// at its object, and startxref at the table.
func checkXref(t *testing.T, pdf []byte) {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the cross-reference table", xref)
	}
	entries := regexp.MustCompile(`(\d{10}) 00000 n \n`).FindAllSubmatch(pdf[xref:], -1)
	if len(entries) == 0 {
		t.Fatal("no objects in the cross-reference table")
	}
	for k, e := range entries {
		o, _ := strconv.Atoi(string(e[1]))
		if want := strconv.Itoa(k+1) + " 0 obj\n"; !bytes.HasPrefix(pdf[o:], []byte(want)) {
			t.Fatalf("object %d: offset %d points at %q", k+1, o, pdf[o:min(o+20, len(pdf))])
		}
	}
}

// TestLaidOutAgainSamePages checks that laying an edition out while
// drawing it, one page at a time, gives the pages of a layout that keeps
// them all: their number, running heads and lines.
func TestLaidOutAgainSamePages(t *testing.T) {
	cov := BigMarkdown(40)
	_, res, ed := write(t, cov, Options{})
	if res.Pages != len(ed.pg.pages) || res.Pages < 30 {
		t.Fatalf("%d pages written, %d laid out", res.Pages, len(ed.pg.pages))
	}
	all := ed.pg.pages
	n := 0
	ed.typeset(func(p *page) {
		if len(ed.pg.pages) != 1 || ed.pg.pages[0] != p {
			t.Fatalf("page %d: %d pages kept", n+1, len(ed.pg.pages))
		}
		q := all[n]
		if p.title != q.title || p.head != q.head || len(p.lines) != len(q.lines) || len(p.bookmarks) != len(q.bookmarks) || len(p.rules) != len(q.rules) {
			t.Fatalf("page %d differs: heads %q, %q; %d and %d lines", n+1, p.head, q.head, len(p.lines), len(q.lines))
		}
		for i, pl := range p.lines {
			ql := q.lines[i]
			if pl.x != ql.x || pl.y != ql.y || pl.ln.width != ql.ln.width || len(pl.ln.pieces) != len(ql.ln.pieces) {
				t.Fatalf("page %d, line %d differs", n+1, i+1)
			}
		}
		n++
	}, len(ed.tags.elems))
	if n != res.Pages {
		t.Errorf("%d pages handed on, %d written", n, res.Pages)
	}
}

// TestLibTextSameBytes compares the files written with the library's text
// operators written by libText with those the library's own Text writes:
// text in colour (links, a draft's placeholders beside their tint), in
// every face, escaped characters, tofu; they must be the same bytes.
func TestLibTextSameBytes(t *testing.T) {
	if newLibText(fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 595.28, Ht: 841.89}})) == nil {
		t.Fatal("libText cannot reach the PDF library's text state (a new version of codeberg.org/go-pdf/fpdf?): text is written by the library, slower")
	}
	for _, c := range []struct {
		name string
		cov  func() *align.Coverage
		opts Options
	}{
		{"synthetic", func() *align.Coverage { return synthetic("en", english) }, Options{}},
		{"guide draft", func() *align.Coverage { return partial(guide().cov("en")) }, Options{Draft: true}},
		{"seed ru interleaved", func() *align.Coverage { return partial(seed(t, "ru")) }, Options{Draft: true, Layout: Interleaved}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cov := c.cov()
			fast, _, _ := write(t, cov, c.opts)
			fastText = false
			lib, _, _ := write(t, cov, c.opts)
			fastText = true
			if !bytes.Equal(fast, lib) {
				t.Fatalf("text written by libText: %d bytes, by the library: %d bytes, not the same", len(fast), len(lib))
			}
		})
	}
}
