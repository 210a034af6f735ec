package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"verso/align"
	"verso/export/pdf/font"
	"verso/internal/installed"
	"verso/internal/project"
	"verso/internal/testenv"
)

// These tests typeset real PDFs and read them back with poppler-utils
// (pdftotext, pdffonts, pdftohtml); they are skipped when pdftotext is not
// installed (Debian: apt-get install poppler-utils). They need a CJK
// TrueType font (Debian: apt-get install fonts-arphic-uming).

func needPoppler(t testing.TB) {
	t.Helper()
	testenv.Command(t, "pdftotext", "poppler-utils")
}

var (
	cjkOnce sync.Once
	cjkFace *font.Face
	cjkBold *font.Face
	cjkErr  error
)

func testFonts(t testing.TB) *Fonts {
	t.Helper()
	f, err := DefaultFonts()
	if err != nil {
		t.Fatal(err)
	}
	cjkOnce.Do(func() {
		var fd *installed.FoundFont
		if fd, cjkErr = installed.Font(installed.FontRequest{Lang: "zh-Hans"}); cjkErr == nil {
			cjkFace, cjkBold = fd.Face, fd.Bold
		}
	})
	if cjkErr != nil {
		t.Fatalf("%v (the tests need a CJK font: apt-get install %s)", cjkErr, installed.FontPackage)
	}
	f.CJK, f.CJKBold = cjkFace, cjkBold
	return &f
}

var testDate = time.Date(2020, 11, 10, 0, 0, 0, 0, time.UTC)

// seed loads the repository's own document and its translations.
func seed(t testing.TB, locale string) *align.Coverage {
	t.Helper()
	p, err := project.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) == 0 {
		t.Fatal("no documents in the repository")
	}
	return p.Docs[0].Coverage(locale)
}

// partial returns the coverage with the translations of the second half of
// the document dropped, so that drafts have placeholders whatever the
// state of the repository's translation.
func partial(cov *align.Coverage) *align.Coverage {
	var trs []align.Translation
	for _, it := range cov.Items {
		if it.Tr != nil && it.Index >= 0 && it.Index < len(cov.Doc.Segments)/2 {
			trs = append(trs, *it.Tr)
		}
	}
	return align.Assess(cov.Doc, cov.Locale, trs)
}

// synthetic builds a document dense in the hard cases: kinsoku
// punctuation at every position, ——, ……, ·, digits, quotes, a character
// outside the BMP, a long unbreakable word, and a paragraph longer than a
// page.
func synthetic(locale string, translate func(i int, src string) string) *align.Coverage {
	texts := []struct {
		kind align.Kind
		text string
	}{
		{align.KindTitle, "测试文件：标点与换行"},
		{align.KindHeading, "第一部分　禁则"},
		{align.KindParagraph, strings.Repeat("我们，上海合作组织成员国领导人，强调：“上海精神”（互信、互利）！《公约》。", 6)},
		{align.KindParagraph, "他说——这是一个……很长的故事·马克·吐温在2020年11月10日写道：“吉野家的𠮷字不在基本平面。”"},
		{align.KindItem, "——研究在尖端数字技术、人工智能、机器人、物联网、创新集群和科技园区开发领域开展合作；"},
		{align.KindDate, "2020年11月10日"},
		{align.KindNote, "（新华社莫斯科11月10日电）"},
		{align.KindHeading, "第二部分　长段落"},
		{align.KindParagraph, strings.Repeat("国际社会应发挥联合国系统核心作用，采取坚决、协同和包容的行动，共同抗击疫情。", 60)},
		{align.KindParagraph, "网址https://example.org/a/very/long/path/without/any/break/opportunities/at/all/in/it是一个长词。"},
	}
	doc := &align.Document{Name: "test", Path: "sources/test.txt", Lang: "zh-Hans"}
	var trs []align.Translation
	for i, tx := range texts {
		id := fmt.Sprintf("a%05d", i)
		doc.Segments = append(doc.Segments, align.Segment{ID: id, Kind: tx.kind, Line: 2*i + 1, Text: tx.text, Hash: align.Hash(tx.text)})
		if tr := translate(i, tx.text); tr != "" {
			trs = append(trs, align.Translation{ID: id, Hash: align.Hash(tx.text), Text: tr})
		}
	}
	return align.Assess(doc, locale, trs)
}

func english(i int, src string) string {
	switch {
	case i == 0:
		return "Test document: punctuation and line breaking"
	case strings.HasPrefix(src, "第一"):
		return "Part one: kinsoku"
	case strings.HasPrefix(src, "第二"):
		return "Part two: a long paragraph"
	case strings.HasPrefix(src, "2020"):
		return "10 November 2020"
	case strings.Contains(src, "https"):
		return "The address https://example.org/a/very/long/path/without/any/break/opportunities/at/all/in/it is one long word."
	}
	return strings.Repeat("We, the leaders of the Member States, emphasise the “Shanghai Spirit” — mutual trust (and benefit); the 𠮷 character lies outside the BMP. ", 1+len([]rune(src))/60)
}

func write(t testing.TB, cov *align.Coverage, opts Options) ([]byte, *Result, *edition) {
	t.Helper()
	if opts.Fonts == nil {
		opts.Fonts = testFonts(t)
	}
	if opts.Date.IsZero() {
		opts.Date = testDate
	}
	if opts.Hyphenation == nil {
		opts.Hyphenation = testHyphenation(t)
	}
	var buf bytes.Buffer
	res, err := Write(&buf, cov, opts)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Layout == "" {
		opts.Layout = Columns
	}
	ed := newEdition(cov, opts)
	ed.typeset(nil, 0)
	return buf.Bytes(), res, ed
}

// save writes the PDF to a temporary file; set VERSO_PDF_KEEP to a
// directory to keep a copy there for viewing.
func save(t testing.TB, data []byte) string {
	t.Helper()
	if dir := os.Getenv("VERSO_PDF_KEEP"); dir != "" {
		name := strings.NewReplacer("/", "-").Replace(t.Name()) + ".pdf"
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	p := filepath.Join(t.TempDir(), "edition.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// extract returns the text of pages 2 to the end inside a region, as
// pdftotext reads it (lines in reading order).
func extract(t testing.TB, file string, x, y, w, h float64) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", "2", "-x", fmt.Sprint(int(x)), "-y", fmt.Sprint(int(y)),
		"-W", fmt.Sprint(int(w)), "-H", fmt.Sprint(int(h)), "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// squeeze drops white space and ASCII hyphens (pdftotext joins a word
// broken after its hyphen) for comparing text regardless of line breaks
// and justification.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\f' {
			return -1
		}
		return r
	}, s)
}

// checkColumns checks that each column of the edition, read back from the
// PDF, holds exactly the texts of its language, in order, with no
// character lost, and that no extracted line breaks a kinsoku rule.
func checkColumns(t *testing.T, file string, ed *edition) {
	g := ed.pg.g
	var src, tr strings.Builder
	for _, u := range ed.units() {
		if u.seg.Kind == align.KindTitle {
			continue
		}
		src.WriteString(u.seg.Text)
		tr.WriteString(u.tr)
	}
	mid := g.srcX + g.srcW + g.gutter/2
	left := extract(t, file, g.left-2, g.top-4, mid-g.left+2, g.bottom-g.top+8)
	right := extract(t, file, mid, g.top-4, g.right-mid+4, g.bottom-g.top+8)
	for _, c := range []struct {
		name, got, want string
	}{{"source", left, src.String()}, {"translation", right, tr.String()}} {
		got, want := squeeze(c.got), squeeze(c.want)
		if got != want {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s column differs from the text at byte %d:\n got: %q\nwant: %q", c.name, i, clip(got[i:]), clip(want[i:]))
		}
		checkKinsoku(t, c.name, c.got)
	}
}

func clip(s string) string {
	if len(s) > 120 {
		s = s[:120]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

func checkKinsoku(t *testing.T, name, text string) {
	t.Helper()
	for _, ln := range strings.Split(text, "\n") {
		ln = strings.TrimSpace(strings.Trim(ln, "\f"))
		if ln == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(ln)
		last, _ := utf8.DecodeLastRuneInString(ln)
		if strings.ContainsRune("，。、；：？！）》」”", first) {
			t.Errorf("%s: line starts with %q: %q", name, first, ln)
		}
		if strings.ContainsRune("（《「“", last) {
			t.Errorf("%s: line ends with %q: %q", name, last, ln)
		}
	}
}

func TestSeedEditionExtractsEverySegment(t *testing.T) {
	needPoppler(t)
	for _, layout := range []Layout{Columns, Interleaved} {
		t.Run(string(layout), func(t *testing.T) {
			data, res, ed := write(t, seed(t, "en"), Options{Layout: layout, Author: "Council", Publisher: "verso"})
			file := save(t, data)
			if layout == Columns {
				checkColumns(t, file, ed)
			} else {
				g := ed.pg.g
				var all strings.Builder
				for _, u := range ed.units() {
					if u.seg.Kind != align.KindTitle {
						all.WriteString(u.seg.Text + u.tr)
					}
				}
				got := extract(t, file, g.left-2, g.top-4, g.right-g.left+4, g.bottom-g.top+8)
				if g, w := squeeze(got), squeeze(all.String()); g != w {
					i := 0
					for i < len(g) && i < len(w) && g[i] == w[i] {
						i++
					}
					t.Errorf("interleaved text differs at byte %d:\n got: %q\nwant: %q", i, clip(g[i:]), clip(w[i:]))
				}
				checkKinsoku(t, "interleaved", got)
			}
			if res.Pages < 7 {
				t.Errorf("%d pages; want a title page and at least a page per statement", res.Pages)
			}
		})
	}
}

func TestHardTextKeepsEveryCharacter(t *testing.T) {
	needPoppler(t)
	data, res, ed := write(t, synthetic("en", english), Options{})
	file := save(t, data)
	checkColumns(t, file, ed)
	if len(res.Tofu) != 1 || res.Tofu[0] != '𠮷' {
		t.Errorf("Tofu = %q, want [𠮷]", res.Tofu)
	}
	// The long paragraph flows over more than one page.
	if res.Pages < 4 {
		t.Errorf("%d pages, want the long paragraph to flow across pages", res.Pages)
	}
}

func TestRussianDraftShowsPlaceholders(t *testing.T) {
	needPoppler(t)
	cov := partial(seed(t, "ru"))
	data, res, ed := write(t, cov, Options{Draft: true})
	file := save(t, data)
	checkColumns(t, file, ed)
	if len(res.Placeholders) != cov.Counts[align.Missing]+cov.Counts[align.Stale] {
		t.Errorf("%d placeholders, want %d", len(res.Placeholders), cov.Counts[align.Missing]+cov.Counts[align.Stale])
	}
	out, err := exec.Command("pdftotext", "-f", "2", "-l", "2", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "ЧЕРНОВИК") { // DRAFT, in the translation's language
		t.Errorf("no draft mark on page 2")
	}
	// Segment IDs in the margin.
	margin := extract(t, file, 0, ed.pg.g.top-4, ed.pg.g.left-2, ed.pg.g.bottom-ed.pg.g.top+8)
	if !strings.Contains(margin, cov.Items[1].ID) {
		t.Errorf("margin does not show segment ID %s: %q", cov.Items[1].ID, clip(margin))
	}
}

func TestFontsEmbeddedAndSubset(t *testing.T) {
	needPoppler(t)
	data, _, _ := write(t, seed(t, "en"), Options{})
	out, err := exec.Command("pdffonts", save(t, data)).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(lines) < 2 {
		t.Fatalf("pdffonts lists %d fonts:\n%s", len(lines), out)
	}
	for _, ln := range lines {
		f := strings.Fields(ln)
		// name type... encoding emb sub uni object ID
		n := len(f)
		if f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" || !strings.Contains(f[0], "+") {
			t.Errorf("font not embedded, subset and with ToUnicode: %s", ln)
		}
	}
}

func TestBookmarksInBothLanguages(t *testing.T) {
	needPoppler(t)
	cov := seed(t, "en")
	data, _, _ := write(t, cov, Options{})
	out, err := exec.Command("pdftohtml", "-xml", "-stdout", "-i", "-q", save(t, data)).Output()
	if err != nil {
		t.Fatal(err)
	}
	xml := string(out)
	for _, it := range cov.Items {
		if it.Index < 0 || cov.Doc.Segments[it.Index].Kind != align.KindHeading {
			continue
		}
		// One entry in both languages, not a parent and its child.
		want := align.Normalize(it.Tr.Text) + " · " + align.Normalize(cov.Doc.Segments[it.Index].Text)
		if !strings.Contains(xml, ">"+want+"</item>") {
			t.Errorf("no bookmark %q", want)
		}
	}
}

func TestSameInputsSameBytes(t *testing.T) {
	cov := seed(t, "en")
	a, _, _ := write(t, cov, Options{})
	b, _, _ := write(t, cov, Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two runs gave different PDFs")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20201110000000")) {
		t.Error("creation date is not the given date")
	}
}

func TestFinalRefusesIncompleteTranslation(t *testing.T) {
	cov := synthetic("en", func(i int, src string) string {
		if i == 3 || i == 5 {
			return ""
		}
		return english(i, src)
	})
	_, err := Write(&bytes.Buffer{}, cov, Options{Fonts: testFonts(t)})
	var ie *IncompleteError
	if !errors.As(err, &ie) || !errors.Is(err, ErrIncomplete) {
		t.Fatalf("err = %v, want an IncompleteError", err)
	}
	if strings.Join(ie.Missing, ",") != "a00003,a00005" {
		t.Errorf("missing = %v, want a00003, a00005", ie.Missing)
	}
	if _, err := Write(&bytes.Buffer{}, cov, Options{Fonts: testFonts(t), AllowMissing: true}); err != nil {
		t.Errorf("with AllowMissing: %v", err)
	}
}

func TestShapedScriptsRefused(t *testing.T) {
	if err := CheckLanguage("ar"); !errors.Is(err, ErrScript) {
		t.Errorf("ar: %v, want ErrScript", err)
	}
	if err := CheckLanguage("hi"); !errors.Is(err, ErrScript) {
		t.Errorf("hi: %v, want ErrScript", err)
	}
	if err := CheckLanguage("ru"); err != nil {
		t.Errorf("ru: %v", err)
	}
	cov := synthetic("en", func(i int, src string) string { return "نص عربي" })
	if _, err := Write(&bytes.Buffer{}, cov, Options{Fonts: testFonts(t)}); !errors.Is(err, ErrScript) {
		t.Errorf("Arabic text: %v, want ErrScript", err)
	}
}

func TestCJKTextNeedsCJKFont(t *testing.T) {
	f, err := DefaultFonts()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&bytes.Buffer{}, seed(t, "en"), Options{Fonts: &f}); !errors.Is(err, ErrNoCJKFont) {
		t.Errorf("err = %v, want ErrNoCJKFont", err)
	}
}

// withoutDigits returns face with its ASCII digits unmapped, as in CJK
// faces that have none (Droid Sans Fallback): the format 4 character map
// segment that holds them is cut short before them.
func withoutDigits(t *testing.T, face *font.Face) *font.Face {
	t.Helper()
	data := bytes.Clone(face.Data)
	if font.IsCollection(data) { // a CFF face read in place
		one, err := font.Extract(data, font.FaceNamed(data, face.Family))
		if err != nil {
			t.Fatal(err)
		}
		data = one
	}
	u16 := func(o int) int { return int(data[o])<<8 | int(data[o+1]) }
	put := func(o, v int) { data[o], data[o+1] = byte(v>>8), byte(v) }
	cmap := -1
	for i := range u16(4) {
		if rec := 12 + 16*i; string(data[rec:rec+4]) == "cmap" {
			cmap = u16(rec+8)<<16 | u16(rec+10)
		}
	}
	for i := range u16(cmap + 2) {
		rec := cmap + 4 + 8*i
		sub := cmap + (u16(rec+4)<<16 | u16(rec+6))
		if u16(sub) != 4 {
			continue
		}
		segs := u16(sub+6) / 2
		for s := range segs {
			end, start := sub+14+2*s, sub+16+2*segs+2*s
			if u16(start) <= '9' && u16(end) >= '0' {
				put(end, max(u16(start), '0')-1) // before the digits (an empty segment if it starts with them)
				if u16(start) > u16(end) {
					put(start, u16(end)+1)
				}
			}
		}
	}
	f, err := font.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if f.Has('0') || !f.Has('中') {
		t.Fatalf("digits still mapped (%v) or CJK lost", f.Has('0'))
	}
	return f
}

// In CJK text, digits take the CJK face when its digits are half an em
// (AR PL UMing), unless they belong to a Latin word; a CJK face without
// digits, or with proportional ones (Noto Serif CJK), leaves them to the
// serif, so that they still print, two to an em.
func TestDigitsInCJKTextTakeTheCJKFace(t *testing.T) {
	f := umingFonts(t)
	bare := *f
	bare.CJK = withoutDigits(t, f.CJK)
	noto := notoFonts(t)
	for _, tt := range []struct {
		fonts *Fonts
		text  string
		want  string // face of each character: c CJK (C its bold weight), s serif, b bold serif
		bold  bool
	}{
		{f, "2020年11月10日", "ccccccccccc", false},
		{f, "第二次世界大战胜利75周年", "ccccccccccccc", true},
		{f, "新冠COVID-19疫情", "ccbbbbbbbbcc", true},
		{f, "G20峰会", "bbbcc", true},
		{&bare, "2020年11月10日", "sssscsscssc", false},
		{&bare, "胜利75周年", "ccbbcc", true},
		{noto, "2020年11月10日", "sssscsscssc", false},
		{noto, "第二次世界大战胜利75周年", "cccccccccbbcc", true},
	} {
		var got strings.Builder
		want := tt.want
		if tt.bold && tt.fonts.CJKBold != nil {
			want = strings.ReplaceAll(want, "c", "C") // the real bold
		}
		for i, r := range tt.text {
			switch tt.fonts.pickIn(tt.text, i, r, true, tt.bold, false) {
			case fCJK:
				got.WriteByte('c')
			case fCJKBold:
				got.WriteByte('C')
			case fSerif:
				got.WriteByte('s')
			case fSerifBold:
				got.WriteByte('b')
			default:
				got.WriteByte('?')
			}
		}
		if got.String() != want {
			t.Errorf("%q (CJK face with digits %v): faces %s, want %s", tt.text, tt.fonts.CJK.Has('0'), got.String(), want)
		}
	}
}

// A CJK heading, in its face's bold or emboldened by stroking its
// outlines, is as dark as the bold serif heading beside it: stroked in its
// own black, not in the library's gray drawing colour.
func TestCJKHeadingsAsStrongAsLatin(t *testing.T) {
	needPoppler(t)
	for name, fonts := range map[string]*Fonts{"Noto Serif CJK": notoFonts(t), "AR PL UMing": umingFonts(t)} {
		data, _, ed := write(t, seed(t, "en"), Options{Fonts: fonts})
		file := save(t, data)
		g := ed.pg.g
		cjkInk, _, cjkBlack := ink(raster(t, file, 2, g.srcX, g.top, g.srcW, 66, 144))
		latInk, _, latBlack := ink(raster(t, file, 2, g.trX, g.top, g.trW, 45, 144))
		t.Logf("%s: CJK heading: %d of %d inked pixels black; Latin: %d of %d", name, cjkBlack, cjkInk, latBlack, latInk)
		if cjkInk == 0 || latInk == 0 || float64(cjkBlack)/float64(cjkInk) < 0.8*float64(latBlack)/float64(latInk) {
			t.Errorf("%s: CJK heading %d of %d inked pixels black, Latin %d of %d", name, cjkBlack, cjkInk, latBlack, latInk)
		}
	}
}

// The title page has no running header nor footer; every other page has a
// footer "page N of M" counting the title page, and running heads from its
// section's heading in both languages, shortened only between words.
func TestRunningHeadsNameTheSectionWholeWords(t *testing.T) {
	needPoppler(t)
	for _, tt := range []struct {
		locale string
		draft  bool
		footer string // page %d of %d, in both languages
	}{{"en", false, "第 %[1]d 页，共 %[2]d 页 · page %[1]d of %[2]d"}, {"ru", true, "第 %[1]d 页，共 %[2]d 页 · страница %[1]d из %[2]d"}} {
		data, res, ed := write(t, seed(t, tt.locale), Options{Draft: tt.draft})
		file := save(t, data)
		g := ed.pg.g
		band := func(page int, x, y, w, h float64) string {
			out, err := exec.Command("pdftotext", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), "-x", fmt.Sprint(int(x)), "-y", fmt.Sprint(int(y)),
				"-W", fmt.Sprint(int(w)), "-H", fmt.Sprint(int(h)), "-enc", "UTF-8", file, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			text := strings.NewReplacer("DRAFT", "", "ЧЕРНОВИК", "", "\f", "").Replace(string(out))
			return strings.TrimSpace(text)
		}
		if got := band(1, 0, 0, g.w, g.top-10) + band(1, 0, g.bottom+10, g.w, g.h-g.bottom-10); got != "" {
			t.Errorf("%s: title page has a header or footer: %q", tt.locale, got)
		}
		for n := 2; n <= res.Pages; n++ {
			if got, want := band(n, 0, g.bottom+10, g.w, g.h-g.bottom-10), fmt.Sprintf(tt.footer, n, res.Pages); got != want {
				t.Errorf("%s page %d: footer %q, want %q", tt.locale, n, got, want)
			}
			head := ed.pg.pages[n-1].head
			half := (g.right - g.left - 12) / 2
			if tt.draft {
				half -= 36 // beside a draft mark in the middle
			}
			for k, x := range []float64{g.left - 2, g.right - half} {
				got := strings.Join(strings.Fields(band(n, x, g.headerY-12, half+2, 16)), " ")
				if strings.HasPrefix(got, "…") {
					t.Errorf("%s page %d: running head %q is a fragment: it starts with an ellipsis", tt.locale, n, got)
				}
				// A head cut from a longer title starts with a capital
				// (runningHead): compare without case.
				bare := strings.Trim(got, "… ")
				if bare == "" || !strings.Contains(squeeze(strings.ToLower(head[k])), squeeze(strings.ToLower(bare))) {
					t.Errorf("%s page %d: running head %q is not from %q", tt.locale, n, got, head[k])
					continue
				}
				if k == 1 { // Latin or Cyrillic: whole words only
					words := map[string]bool{}
					for _, w := range strings.Fields(head[k]) {
						words[strings.ToLower(strings.TrimRight(w, ",;:"))] = true
					}
					for _, w := range strings.Fields(bare) {
						if !words[strings.ToLower(strings.TrimRight(w, ",;:"))] {
							t.Errorf("%s page %d: running head %q cuts the word %q", tt.locale, n, got, w)
						}
					}
				}
			}
		}
	}
}

// raster renders a region of a page (in pt) at dpi with pdftoppm.
func raster(t *testing.T, file string, page int, x, y, w, h, dpi float64) image.Image {
	t.Helper()
	k := dpi / 72
	root := filepath.Join(t.TempDir(), "r")
	if out, err := exec.Command("pdftoppm", "-png", "-singlefile", "-r", fmt.Sprint(dpi), "-f", fmt.Sprint(page), "-l", fmt.Sprint(page),
		"-x", fmt.Sprint(int(x*k)), "-y", fmt.Sprint(int(y*k)), "-W", fmt.Sprint(int(w*k)), "-H", fmt.Sprint(int(h*k)), file, root).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	f, err := os.Open(root + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// ink returns how many pixels of img are inked (not near white) and how
// many of those are reddish and how many near black.
func ink(img image.Image) (inked, reddish, black int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if r+g+bl > 3*200 {
				continue
			}
			inked++
			if r > 2*g && r > 2*bl {
				reddish++
			}
			if r+g+bl < 3*60 {
				black++
			}
		}
	}
	return
}

// A draft's DRAFT mark is red on every page, and its placeholders' tinted
// backgrounds fill their column exactly, in both layouts.
func TestDraftMarksRedAndTintsInColumn(t *testing.T) {
	needPoppler(t)
	cov := partial(seed(t, "ru"))
	for _, layout := range []Layout{Columns, Interleaved} {
		data, res, ed := write(t, cov, Options{Draft: true, Layout: layout})
		g := ed.pg.g
		left, right := g.trX, g.right
		if layout == Interleaved {
			x, w := g.interleaved(true)
			left, right = x, x+w
		}
		tinted := 0
		for n, p := range ed.pg.pages {
			for _, pl := range p.lines {
				if pl.ln.tint == 0 {
					continue
				}
				tinted++
				if x1, x2 := pl.x, pl.x+pl.ln.tint; math.Abs(x1-left) > 0.001 || math.Abs(x2-right) > 0.001 {
					t.Errorf("%s page %d: tint from %.2f to %.2f pt, column from %.2f to %.2f", layout, n+1, x1, x2, left, right)
				}
				if off := pl.ln.offset(); off < tintPad-0.001 || pl.ln.tint-off-pl.ln.width < tintPad-0.001 {
					t.Errorf("%s page %d: placeholder text within %.2f pt of its tint", layout, n+1, min(off, pl.ln.tint-off-pl.ln.width))
				}
			}
		}
		if tinted == 0 {
			t.Fatalf("%s: no placeholder", layout)
		}
		if layout != Columns {
			continue
		}
		file := save(t, data)
		for n := 1; n <= min(res.Pages, 3); n++ {
			// Anti-aliased edges are pink, not red: two thirds of the
			// inked pixels red, and none black.
			inked, reddish, black := ink(raster(t, file, n, g.w/2-20, g.headerY-12, 40, 14, 144))
			if inked == 0 || reddish < inked*2/3 || black > 0 {
				t.Errorf("page %d: the draft mark has %d of %d inked pixels red, %d black", n, reddish, inked, black)
			}
		}
	}
}
