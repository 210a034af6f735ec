package pdf

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/align"
	"verso/export/pdf/font"
	"verso/internal/installed"
	"verso/internal/testenv"
)

// notoFonts returns the test fonts with Noto Serif CJK SC in its two
// weights as the CJK face.
func notoFonts(t *testing.T) *Fonts {
	t.Helper()
	const path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	testenv.File(t, path, "fonts-noto-cjk")
	fd, err := installed.Font(installed.FontRequest{Lang: "zh-Hans", Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if !fd.Face.CFF() || fd.Bold == nil || fd.Bold.Weight != 700 {
		t.Fatalf("%s: CFF %v, bold %v", path, fd.Face.CFF(), fd.Bold)
	}
	f := *testFonts(t)
	f.CJK, f.CJKBold = fd.Face, fd.Bold
	return &f
}

// Noto Serif CJK, PostScript outlines, is embedded in both weights as CID
// Type 0C subsets with ToUnicode maps; every character extracts again;
// poppler and mupdf draw it alike, without complaint.
func TestCFFFontsEmbeddedAndDrawn(t *testing.T) {
	needPoppler(t)
	mutool := testenv.Command(t, "mutool", "mupdf-tools")
	cov := seed(t, "en")
	data, _, ed := write(t, cov, Options{Fonts: notoFonts(t)})
	file := save(t, data)
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold"} {
		found := false
		for _, ln := range strings.Split(string(out), "\n") {
			if strings.Contains(ln, "+"+name+" ") {
				found = true
				if !strings.Contains(ln, "CID Type 0C") || !strings.Contains(ln, "Identity-H       yes yes yes") {
					t.Errorf("not a CID Type 0C subset, embedded, with ToUnicode: %s", ln)
				}
			}
		}
		if !found {
			t.Errorf("%s not in the PDF:\n%s", name, out)
		}
	}
	// Every segment's text extracts (pdftotext), in its column.
	g := ed.pg.g
	src := squeeze(extract(t, file, g.srcX-2, g.top-2, g.srcW+4, g.bottom-g.top+4))
	for _, seg := range cov.Doc.Segments {
		if seg.Kind != align.KindTitle && !strings.Contains(src, squeeze(align.Normalize(seg.Text))) {
			t.Errorf("%s: source text not extracted: %s", seg.ID, clip(seg.Text))
		}
	}
	// Both renderers draw the source column of page 2 with about as much
	// ink, and mupdf has nothing to say about the fonts.
	png1 := filepath.Join(t.TempDir(), "m.png")
	msg, err := exec.Command(mutool, "draw", "-q", "-r", "72", "-o", png1, file, "2").CombinedOutput()
	if err != nil {
		t.Fatalf("mutool draw: %v: %s", err, msg)
	}
	for _, ln := range strings.Split(string(msg), "\n") {
		if strings.Contains(ln, "error") || strings.Contains(strings.ToLower(ln), "font") {
			t.Errorf("mutool: %s", ln)
		}
	}
	fm, err := os.Open(png1)
	if err != nil {
		t.Fatal(err)
	}
	defer fm.Close()
	mimg, err := png.Decode(fm)
	if err != nil {
		t.Fatal(err)
	}
	sub := mimg.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(int(g.srcX), int(g.top), int(g.srcX+g.srcW), int(g.bottom)))
	mink, _, _ := ink(sub)
	pink, _, _ := ink(raster(t, file, 2, g.srcX, g.top, g.srcW, g.bottom-g.top, 72))
	t.Logf("source column of page 2: %d inked pixels (poppler), %d (mupdf)", pink, mink)
	if pink < 2000 || mink < 2000 || float64(min(pink, mink)) < 0.8*float64(max(pink, mink)) {
		t.Errorf("poppler inks %d pixels, mupdf %d", pink, mink)
	}
}

// umingFonts returns the test fonts with AR PL UMing, which has one
// weight, as the CJK face.
func umingFonts(t *testing.T) *Fonts {
	t.Helper()
	const path = "/usr/share/fonts/truetype/arphic/uming.ttc"
	testenv.File(t, path, "fonts-arphic-uming")
	fd, err := installed.Font(installed.FontRequest{Lang: "zh-Hans", Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if fd.Bold != nil {
		t.Fatalf("%s: a bold weight found: %s", path, fd.Bold.Family)
	}
	f := *testFonts(t)
	f.CJK, f.CJKBold = fd.Face, nil
	return &f
}

// CJK headings are set in the family's bold weight when it has one, and
// emboldened by stroking when it has not.
func TestCJKHeadingsInTheirBold(t *testing.T) {
	for name, tt := range map[string]struct {
		fonts *Fonts
		want  fontID
		fake  bool
	}{"Noto Serif CJK": {notoFonts(t), fCJKBold, false}, "AR PL UMing": {umingFonts(t), fCJK, true}} {
		_, _, ed := write(t, seed(t, "en"), Options{Fonts: tt.fonts})
		n := 0
		for _, pl := range ed.pg.pages[1].lines {
			if pl.y > ed.pg.g.top+60 || pl.x > ed.pg.g.srcX+1 {
				continue // the heading is the first lines of the source column
			}
			for _, p := range pl.ln.pieces {
				if p.font == fCJK || p.font == fCJKBold {
					n++
					if p.font != tt.want || p.fake != tt.fake {
						t.Errorf("%s: heading piece %q in face %d (synthetic bold %v), want %d (%v)", name, p.text, p.font, p.fake, tt.want, tt.fake)
					}
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no CJK heading on page 2", name)
		}
	}
}

// A Latin font with PostScript outlines, name-keyed (Linux Libertine),
// sets the serif text in its four styles, embedded as CID-keyed subsets
// that poppler and mupdf draw.
func TestNameKeyedCFFSerif(t *testing.T) {
	needPoppler(t)
	mutool := testenv.Command(t, "mutool", "mupdf-tools")
	const dir = "/usr/share/fonts/opentype/linux-libertine/"
	f := *testFonts(t)
	for _, s := range []struct {
		dst  **font.Face
		file string
	}{{&f.Serif, "LinLibertine_R.otf"}, {&f.SerifBold, "LinLibertine_RB.otf"}, {&f.SerifItalic, "LinLibertine_RI.otf"}, {&f.SerifBoldItalic, "LinLibertine_RBI.otf"}} {
		data := testenv.File(t, dir+s.file, "fonts-linuxlibertine")
		face, err := font.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if !face.CFF() {
			t.Fatalf("%s: not CFF", s.file)
		}
		*s.dst = face
	}
	cov := seed(t, "ru")
	data, _, ed := write(t, partial(cov), Options{Fonts: &f, Draft: true})
	file := save(t, data)
	out, err := exec.Command("pdffonts", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"LinLibertineO ", "LinLibertineOB ", "LinLibertineOI "} {
		if !strings.Contains(string(out), "+"+name) {
			t.Errorf("%s not embedded:\n%s", name, out)
		}
	}
	for _, ln := range strings.Split(string(out), "\n") {
		if strings.Contains(ln, "LinLibertine") && !strings.Contains(ln, "CID Type 0C       Identity-H       yes yes yes") {
			t.Errorf("not an embedded CID Type 0C subset with ToUnicode: %s", ln)
		}
	}
	g := ed.pg.g
	tr := squeeze(extract(t, file, g.trX-2, g.top-2, g.trW+4, g.bottom-g.top+4))
	for _, it := range cov.Items {
		if it.Tr != nil && it.Index >= 0 && it.Index < len(cov.Doc.Segments)/2 && cov.Doc.Segments[it.Index].Kind != align.KindTitle {
			if !strings.Contains(tr, squeeze(align.Normalize(it.Tr.Text))) {
				t.Errorf("%s: translation not extracted: %s", it.ID, clip(it.Tr.Text))
			}
		}
	}
	msg, err := exec.Command(mutool, "draw", "-q", "-o", filepath.Join(t.TempDir(), "p%d.png"), "-r", "36", file).CombinedOutput()
	if err != nil || strings.Contains(string(msg), "error") || strings.Contains(strings.ToLower(string(msg)), "font") {
		t.Errorf("mutool draw: %v: %s", err, msg)
	}
	if inked, _, _ := ink(raster(t, file, 2, g.trX, g.top, g.trW, 200, 72)); inked < 2000 {
		t.Errorf("poppler draws %d inked pixels of the translation", inked)
	}
}

// A glyph the layout widens (Noto's 0.89 em dash set in a full em) is
// centred in its advance, and text extraction reads no space beside it.
func TestWidenedGlyphExtractsWhole(t *testing.T) {
	needPoppler(t)
	cov := synthetic("en", english)
	cov.Doc.Segments[3].Text = "他说—这是一个故事。我们——上海"
	data, _, _ := write(t, cov, Options{Fonts: notoFonts(t), AllowMissing: true})
	out, err := exec.Command("pdftotext", save(t, data), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "他说—这是一个故事。我们——上海") {
		t.Errorf("dashes not extracted as set:\n%s", out)
	}
}
