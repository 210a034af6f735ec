// Package pdf typesets bilingual editions: a source document and its
// translation into one locale, as a PDF ready to print.
//
// # Layout
//
// In the columns layout (the default) the source is on the left and the
// translation on the right; each pair of segments starts at the same height,
// and a pair longer than the rest of the page continues on the next page in
// both columns. The columns share the text width in proportion to the
// space their texts need, so both run about as long. In the interleaved
// layout each source segment is followed by its translation across the full
// width. Widow and orphan control keeps at least two lines of a block on
// each side of a page break.
//
// The first page has a title block in both languages. When pages break at
// headings it is a cover, and the text starts on the next page at its
// first heading; when they do not, the text flows below the title. Where
// pages break is the [NewPage] policy's: by default a collection of long sections (the
// seed's statements) starts each on a new page and a document of short
// ones (a declaration's articles) flows. A heading is never left at the
// foot of a page: it is kept with the headings right after it and the
// first two lines of the text it heads. Every heading has a bookmark, one
// entry in both languages ("translation · source"), nested by level under
// the headings above it; the title's is the first. Every other page has a
// footer "page N of M" (the title page counts) and running heads: the
// top-level heading of the first section starting on the page, or else of
// the section the page is in (before the first, the document's title),
// the source's on the left, the translation's on the right. A head too
// long for half the width never loses part of a word: if any is too long,
// the heads of that side are short titles, the headings without the start
// and the end that all section headings share ("Countering the Drug
// Threat", 应对毒品威胁), and one still too long ends after its last whole
// word (CJK: word, see wordseg) that fits, before an ellipsis; no head
// starts with one. A draft has a red DRAFT
// between the heads, and its placeholders a tinted background that fills
// their column exactly.
//
// # Structure
//
// Headings have a style per level: the top level the document has is set
// bold and centred, larger in a document that breaks its pages at it;
// deeper levels are smaller, then flush left, then italic. List items print their marker (a Markdown bullet as
// •, numbers as written) hanging before their text, indented by their
// depth; block quotes are indented with a rule per level at their left.
// Inline markup prints in real faces, its syntax never: strong in Liberation
// Serif Bold, emphasis in Liberation Serif Italic, code in Liberation Mono,
// struck text with a rule through it; in CJK type strong text takes the
// CJK face's bold (emboldened when it has one weight) and emphasis gets
// the emphasis dots of Chinese typography (着重号, one under each
// character, none under punctuation) instead of a slant. A link's text is blue and carries a
// link annotation to its URL; a web address may break before its slashes,
// dots and hyphens. A footnote reference prints as a superscript number,
// the footnotes numbered in the order of their first reference; each note
// is set at the foot of the page on which the block that first refers to
// it starts, in both columns below a short rule, smaller, its number
// hanging (a note taller than a third of a page follows its block; one
// nothing refers to stays where it is defined). A
// table is set as a table, each cell boxed and wrapped in its column,
// header rows bold: one of up to three columns twice side by side (the
// source's facing the translation's, row by row), a wider one across the
// width, the source's above the translation's; pages break between rows,
// and a table's header rows are repeated at the top of the next page.
//
// Every character of the source is kept as written: text is NFC-normalized
// before it is set, so that a combining mark lands on its base (и + U+0306
// prints й); a space between two CJK characters prints (only a line break
// between them disappears, as in [align.Normalize]); default-ignorable
// characters (U+200B, U+200D, U+2060, U+FEFF, variation selectors...) take
// no space and are not drawn, but text extraction gives them in place.
//
// # Lines
//
// verso sets lines itself rather than with the PDF library's MultiCell,
// which loses a Chinese character at every line break and knows no
// line-breaking rules. Break opportunities are those of Unicode's line
// breaking algorithm (UAX #14), tailored by kinsoku rules: no line starts
// with ，。、；：？！）》」” and the like, no line ends with （《「“, —— and
// …… are never split, and nothing breaks before ·. Among those
// opportunities, the breaks of a paragraph are chosen together to minimize
// the total looseness of its lines (after Knuth and Plass). Full lines are
// justified: other text by widening the spaces, CJK text as the W3C's
// Requirements for Chinese Text Layout (clreq) and GB/T 15834 ask. A
// quarter em separates Han characters from Latin letters and digits
// (2018年, a source space there takes the quarter em, not more); two
// adjacent full-width punctuation marks (、《 》。 ），) give up half an em
// of the blank between their inks; an opening mark starting a line (not
// after a paragraph's indent) sets the blank before its ink in the
// margin, so the line does not look indented, and a closing mark ending a
// line drops the blank after its ink; where a mark's ink sits on its em
// comes from the face (AR PL UMing CN centres 、 and 。; a face that cannot
// tell is taken to follow GB/T 15834); ASCII , ; : between Han characters
// take the em of their full-width forms. With [Options.HangingPunctuation] 。，、 may hang
// half an em into the margin at a line end. A CJK column is a whole
// number of ems wide, and justification takes up only this glue (within
// 0.2 to 0.3 em at a junction, at most 0.75 em for a compressed pair)
// before, as a last resort, it spaces every character (or closes them up
// by up to 4% of an em). Chinese headings and titles break between words
// only (see package verso/export/pdf/internal/wordseg); their lines are
// balanced. Justification never opens —— or …… (whose halves abut: ——
// is drawn as one rule when the CJK face has the box-drawing ─), nor works
// within or after a list item's marker, which hangs at its natural width
// so that the text after it lines up with the turned lines. Latin lines
// may also close up their spaces a little (to 0.18 em).
//
// Leadings and the space around blocks are multiples of a 4.5 pt grid
// (Latin 10 on 13.5 pt, CJK 10.5 on 18), every pair starts on the grid and
// the first baselines of a pair are level, so every fourth Latin line sits
// on every third CJK one.
//
// Latin and Cyrillic text is hyphenated when [Options.Hyphenation] has
// patterns for its language (see package verso/export/pdf/hyph), after
// TeX: a paragraph that sets well without is left alone; otherwise the
// hyphenation points of its words become break opportunities that cost
// about as much as a loose line, more for a second hyphen in a row or on
// the last full line, and never more than two lines in a row end in one.
// Words of fewer than five letters, in capitals only or with digits, and
// addresses are never broken, nor a paragraph's last word, nor a
// hyphenated compound except at its hyphen; CJK text never is. The added hyphen is drawn in the face of the word but marked as no
// part of the text (an empty ActualText), so that extraction and copying
// give the word whole. A CJK paragraph's
// last line of fewer than three characters (a runt) costs more than a
// line tightened to its limit, so lines above give up characters for it.
// Widths come from the fonts' own metrics, and every character of the input
// is placed: a character no font can print (one outside the Basic
// Multilingual Plane, such as 𠮷) is drawn as a box showing its code point,
// marked so that text extraction still yields the character, and reported
// in [Result.Tofu].
//
// # Fonts
//
// Each character takes its face from its column's script: Latin, Cyrillic
// and Greek, digits and ASCII punctuation from the serif ([DefaultFonts]:
// Liberation Serif, built in), CJK from the CJK face (see package
// verso/export/pdf/font for reading one, verso/internal/installed for
// finding one: Noto Serif CJK first). In CJK text, digits take the CJK
// face when its digits are half an em (AR PL UMing: 75周年), unless they
// belong to a Latin word (COVID-19); a CJK face without them (Droid Sans
// Fallback) or with proportional ones (Noto Serif CJK) leaves them to the
// serif, whose digits are half an em. A CJK face's em dash takes a full
// em when its rule ─ does, so that —— fills two. Bold CJK text takes
// [Fonts.CJKBold], the family's own bold (Noto Serif CJK Bold); a family
// of one weight (AR PL UMing) gets a synthetic bold: its outlines are also
// stroked, in their own colour, by about 3% of the size. Scripts that need shaping (Arabic, Hebrew, the
// Indic scripts, Thai...) are refused with [ErrScript].
//
// Faces may have TrueType or PostScript (CFF) outlines. The PDF library
// (codeberg.org/go-pdf/fpdf) embeds only TrueType, so a CFF face is drawn
// and embedded by verso: its text is written into the library's content
// streams with the library's raw output (two-byte glyph indexes under a
// resource name of verso's), and after the library has written the file,
// package verso/export/pdf/internal/pdfobj adds the font, a Type 0 font
// whose CIDFontType0 descendant embeds a CID-keyed CFF subset
// ([font.Face.SubsetCFF], FontFile3 /CIDFontType0C) with its widths and a
// ToUnicode map, and rewrites the cross-reference table. This keeps the
// library unforked and unchanged, so it can be upgraded, and confines what
// it cannot do to a small layer that works on its output's objects (which
// its public API does not reach) and is tested on its own; a fork would
// have to carry a CFF writer inside a third-party code base.
//
// # Tagged PDF
//
// Editions are tagged (PDF/UA-1, identified in the XMP metadata): a
// structure tree holds both titles (H1), then, pair by pair, each
// segment's source block and its translation's, each with its language
// (/Lang), as headings (H2-H6 by level), paragraphs (P), list items (L,
// LI, LBody), notes (Note), table cells (Table, TR, TH, TD) and block
// quotes (BlockQuote); every line of text is marked content (BDC/EMC with
// an MCID) of its element, and running heads, footers, rules, backgrounds
// and draft marks are artifacts. The catalog's language is the source's.
// The layout makes the elements ([structTree.block], or [structTree.add]
// and [tagLines] for other blocks); the renderer marks the content; the
// object layer writes the tree.
//
// # Memory
//
// What the memory taken grows with is the file, not the lines: an edition
// of more than 256 pages is laid out twice, first keeping of each page
// only its running heads (for the page count, the heads that fit and the
// fonts used), then drawing each page as soon as it is laid out and
// letting its lines go; each page's content is compressed as soon as it
// is drawn (about 8 KB a page of bilingual text), in a goroutine of its
// own. Laying out twice costs little: the first layout records where the
// lines of each paragraph break (a few bytes a line) and the second sets
// them there without choosing again, and once the first knows the
// edition is long it sets the lines it keeps no page of without their
// pieces. 4,000 pages take about 340 MB at most, 200 MB of which are
// those of any edition (the fonts).
//
// # Determinism
//
// The same inputs and [Options.Date] give byte-identical files: dates are
// fixed, and the PDF catalog is written in sorted order.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"verso/align"
	"verso/export/pdf/hyph"
)

// Layout is the arrangement of source and translation.
type Layout string

// The layouts.
const (
	Columns     Layout = "columns"
	Interleaved Layout = "interleaved"
)

// Errors returned by [Write].
var (
	ErrIncomplete = errors.New("translation incomplete")
	ErrScript     = errors.New("script not supported")
	ErrNoCJKFont  = errors.New("no CJK font")
)

// Options configure [Write]. The zero value is a final A4 edition in
// columns, dated the Unix epoch, set in [DefaultFonts] (with no CJK face).
type Options struct {
	// Layout is Columns (default) or Interleaved.
	Layout Layout
	// Draft marks missing and stale segments with placeholders, prints each
	// segment's ID in the margin and a DRAFT running header.
	Draft bool
	// AllowMissing prints placeholders for missing and stale segments in a
	// final edition instead of refusing it.
	AllowMissing bool
	// Paper is "A4" (default) or "Letter".
	Paper string
	// NewPage is the page-break policy; "" is [NewPageAuto].
	NewPage NewPage
	// Author and Publisher go into the title page and the metadata.
	Author, Publisher string
	// Date is the creation and modification date written into the file.
	Date time.Time
	// Fonts are the faces to use; nil means [DefaultFonts]. Fonts.CJK must
	// be set when the texts hold CJK characters.
	Fonts *Fonts
	// Hyphenation holds the hyphenation patterns of languages, by BCP 47
	// tag ("en-GB") or base language ("en"); text in a language without
	// patterns, and CJK text, is not hyphenated.
	Hyphenation map[string]*hyph.Patterns
	// HangingPunctuation lets 。，、 at the end of a justified CJK line
	// hang half an em into the margin rather than push a character down
	// or space the line out.
	HangingPunctuation bool
}

// Result tells what [Write] did.
type Result struct {
	Pages int
	// Placeholders are the IDs of segments printed as placeholders.
	Placeholders []string
	// Tofu are the characters printed as boxes (no font can print them).
	Tofu []rune
}

// IncompleteError lists the segments that keep a final edition from being
// published. It wraps [ErrIncomplete].
type IncompleteError struct {
	Locale         string
	Missing, Stale []string // segment IDs in document order
}

func (e *IncompleteError) Error() string {
	var parts []string
	if len(e.Missing) > 0 {
		parts = append(parts, fmt.Sprintf("%d missing (%s)", len(e.Missing), strings.Join(e.Missing, ", ")))
	}
	if len(e.Stale) > 0 {
		parts = append(parts, fmt.Sprintf("%d stale (%s)", len(e.Stale), strings.Join(e.Stale, ", ")))
	}
	return fmt.Sprintf("%s: %v: %s", e.Locale, ErrIncomplete, strings.Join(parts, ", "))
}

func (e *IncompleteError) Unwrap() error { return ErrIncomplete }

// shaped are the scripts whose text needs shaping or reordering that the
// PDF library does not do.
var shaped = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Arabic", unicode.Arabic}, {"Hebrew", unicode.Hebrew}, {"Syriac", unicode.Syriac}, {"Thaana", unicode.Thaana},
	{"Devanagari", unicode.Devanagari}, {"Bengali", unicode.Bengali}, {"Gurmukhi", unicode.Gurmukhi},
	{"Gujarati", unicode.Gujarati}, {"Oriya", unicode.Oriya}, {"Tamil", unicode.Tamil}, {"Telugu", unicode.Telugu},
	{"Kannada", unicode.Kannada}, {"Malayalam", unicode.Malayalam}, {"Sinhala", unicode.Sinhala},
	{"Thai", unicode.Thai}, {"Lao", unicode.Lao}, {"Tibetan", unicode.Tibetan}, {"Myanmar", unicode.Myanmar},
	{"Khmer", unicode.Khmer}, {"Mongolian", unicode.Mongolian},
}

var shapedScripts = map[string]bool{"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Deva": true,
	"Beng": true, "Guru": true, "Gujr": true, "Orya": true, "Taml": true, "Telu": true, "Knda": true,
	"Mlym": true, "Sinh": true, "Thai": true, "Laoo": true, "Tibt": true, "Mymr": true, "Khmr": true, "Mong": true}

// CheckLanguage refuses a language whose script needs shaping, such as
// Arabic or Hindi. The error wraps [ErrScript].
func CheckLanguage(lang string) error {
	tag, err := language.Parse(lang)
	if err != nil {
		return err
	}
	if s, _ := tag.Script(); shapedScripts[s.String()] {
		return fmt.Errorf("%s: %w: its script (%s, ISO 15924) needs shaping (joined or reordered letters), which verso's PDF typesetter does not do; publish this locale another way", lang, ErrScript, s)
	}
	return nil
}

// Needs reports whether the edition's texts hold CJK characters (and so
// need [Fonts].CJK), and refuses text in a script that needs shaping.
func Needs(cov *align.Coverage) (cjk bool, err error) {
	if err := CheckLanguage(cov.Doc.Lang); err != nil {
		return false, err
	}
	if err := CheckLanguage(cov.Locale); err != nil {
		return false, err
	}
	scan := func(id, s string) error {
		for _, r := range s {
			if r < 0x590 {
				continue
			}
			if isWide(r) {
				cjk = true
				continue
			}
			for _, sc := range shaped {
				if unicode.Is(sc.table, r) {
					return fmt.Errorf("segment %s: %w: %s text (%q) needs shaping, which verso's PDF typesetter does not do", id, ErrScript, sc.name, r)
				}
			}
		}
		return nil
	}
	for _, it := range cov.Items {
		if it.Index >= 0 {
			if err := scan(it.ID, cov.Doc.Segments[it.Index].Text); err != nil {
				return false, err
			}
		}
		if it.Tr != nil && it.State != align.Orphaned {
			if err := scan(it.ID, it.Tr.Text); err != nil {
				return false, err
			}
		}
	}
	return cjk, nil
}

// keepPages is the most pages an edition keeps from its layout to draw:
// a longer one is laid out again as it is drawn (see [Write]). 256 pages
// of lines take about 35 MB.
const keepPages = 256

// Write typesets the document of cov with its translations into
// cov.Locale and writes the PDF to w. A final edition (not Draft nor
// AllowMissing) of an incomplete translation is refused with an
// [*IncompleteError] and nothing is written.
func Write(w io.Writer, cov *align.Coverage, opts Options) (*Result, error) {
	if !opts.Draft && !opts.AllowMissing && !cov.Complete() {
		e := &IncompleteError{Locale: cov.Locale}
		for _, it := range cov.Items {
			switch it.State {
			case align.Missing:
				e.Missing = append(e.Missing, it.ID)
			case align.Stale:
				e.Stale = append(e.Stale, it.ID)
			}
		}
		return nil, e
	}
	needCJK, err := Needs(cov)
	if err != nil {
		return nil, err
	}
	if opts.Fonts == nil {
		f, err := DefaultFonts()
		if err != nil {
			return nil, err
		}
		opts.Fonts = &f
	}
	if needCJK && opts.Fonts.CJK == nil {
		return nil, fmt.Errorf("%w: the text has Chinese, Japanese or Korean characters", ErrNoCJKFont)
	}
	if opts.Layout == "" {
		opts.Layout = Columns
	}
	if opts.Layout != Columns && opts.Layout != Interleaved {
		return nil, fmt.Errorf("unknown layout %q: use columns or interleaved", opts.Layout)
	}
	if opts.NewPage, err = ParseNewPage(string(opts.NewPage)); err != nil {
		return nil, err
	}
	ed := newEdition(cov, opts)
	// What the whole document decides (the page count, the running heads
	// that fit, the fonts used) is known once it is laid out. A short
	// edition keeps its pages and draws them then; a longer one keeps no
	// page's lines, is laid out again and draws each page as soon as it
	// is laid out, so that the memory taken does not grow with its length.
	var laid, kept []*page
	long := false
	ed.s.memo = newBreakMemo()
	ed.typeset(func(p *page) {
		laid = append(laid, &page{title: p.title, head: p.head})
		if !long {
			kept = append(kept, p)
			if long = len(kept) > keepPages; long {
				kept = nil
				ed.s.light = true // no line of this layout is drawn
			}
		}
	}, 0)
	ed.s.light = false
	if !long {
		ed.s.memo = nil
	}
	elems := len(ed.tags.elems)
	pages := func(yield func(int, *page) bool) {
		if !long {
			for n, p := range kept {
				if !yield(n, p) {
					return
				}
			}
			return
		}
		n, more := 0, true
		ed.s.memo.rewind()
		ed.typeset(func(p *page) {
			if more {
				more = yield(n, p)
			}
			n++
		}, elems)
	}
	if err := ed.render(w, laid, pages); err != nil {
		return nil, err
	}
	res := &Result{Pages: len(laid), Placeholders: ed.placeholders}
	for r := range ed.s.tofus {
		res.Tofu = append(res.Tofu, r)
	}
	slices.Sort(res.Tofu)
	return res, nil
}
