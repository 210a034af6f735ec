package pdfobj

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/internal/testenv"
)

// sample writes a one-page PDF laid out as the PDF library writes one:
// pages root 1, resources 2, page 3, content 4, info, catalog.
func sample() []byte {
	var b bytes.Buffer
	offs := map[int]int{}
	b.WriteString("%PDF-1.4\n%\xb5\xb6\n")
	obj := func(n int, body string) {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	content := "BT /F1 12 Tf 72 720 Td (Hello) Tj ET"
	obj(3, "<</Type /Page\n/Parent 1 0 R\n/Resources 2 0 R\n/Annots [<</Type /Annot /Subtype /Link /Rect [0 0 9 9] /A <</S /URI /URI (http://x.org/\\)<<a>>)>>>> <</Type /Annot /Subtype /Link /Rect [9 9 19 19] /Contents <FEFF4E2D>>>]\n/Contents 4 0 R>>")
	obj(4, fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(content), content))
	obj(1, "<</Type /Pages\n/Kids [3 0 R ]\n/Count 1\n/MediaBox [0 0 612 792]\n>>")
	obj(5, "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>")
	obj(2, "<</ProcSet [/PDF /Text]\n/Font <<\n/F1 5 0 R\n>>\n>>")
	obj(6, "<<\n/Producer (test)\n>>")
	obj(7, "<<\n/Type /Catalog\n/Pages 1 0 R\n>>")
	x := b.Len()
	b.WriteString("xref\n0 8\n0000000000 65535 f \n")
	for n := 1; n <= 7; n++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offs[n])
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size 8\n/Root 7 0 R\n/Info 6 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

func TestParseEditWrite(t *testing.T) {
	f, err := Parse(sample())
	if err != nil {
		t.Fatal(err)
	}
	if f.Root != 7 || f.Info != 6 || f.Len() != 8 {
		t.Fatalf("root %d info %d len %d", f.Root, f.Info, f.Len())
	}
	if !strings.Contains(string(f.Object(4)), "(Hello) Tj") || !strings.HasPrefix(string(f.Object(2)), "<</ProcSet") {
		t.Fatalf("objects misread: %q %q", f.Object(4), f.Object(2))
	}
	r := f.Reserve()
	n := f.Add([]byte("<</Type /Font /Subtype /Type1 /BaseFont /Times-Roman>>"))
	f.Set(r, []byte("<</Marked true>>"))
	if !f.Replace(2, "/Font <<", "/Font <<\n/F2 "+Ref(n)) || f.Replace(2, "/Absent", "") {
		t.Fatal("Replace")
	}
	if err := f.Insert(f.Root, "/MarkInfo "+Ref(r)+" /Lang "+Text("zh-Hans")); err != nil {
		t.Fatal(err)
	}
	if err := f.Insert(4, "/X 1"); err != nil {
		t.Fatal(err) // a stream's dictionary
	}
	pages, err := f.Pages()
	if err != nil || len(pages) != 1 || pages[0] != 3 {
		t.Fatalf("pages %v: %v", pages, err)
	}
	annots, err := f.SplitAnnots(3)
	if err != nil || len(annots) != 2 {
		t.Fatalf("annotations %v: %v", annots, err)
	}
	if !strings.HasSuffix(string(f.Object(annots[0])), `(http://x.org/\)<<a>>)>>>>`) || !strings.HasSuffix(string(f.Object(annots[1])), "<FEFF4E2D>>>") ||
		!strings.Contains(string(f.Object(3)), "/Annots ["+Ref(annots[0])+" "+Ref(annots[1])+"]") {
		t.Errorf("annotations split wrong: %q %q, page %q", f.Object(annots[0]), f.Object(annots[1]), f.Object(3))
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	g, err := Parse(out.Bytes())
	if err != nil {
		t.Fatalf("own output does not parse: %v", err)
	}
	for i := 1; i < f.Len(); i++ {
		if !bytes.Equal(f.Object(i), g.Object(i)) {
			t.Errorf("object %d: %q, re-read %q", i, f.Object(i), g.Object(i))
		}
	}
	// A reader other than this package agrees.
	if bin, err := exec.LookPath("pdfinfo"); err == nil {
		p := filepath.Join(t.TempDir(), "t.pdf")
		os.WriteFile(p, out.Bytes(), 0o644)
		if msg, err := exec.Command(bin, p).CombinedOutput(); err != nil || strings.Contains(string(msg), "Error") {
			t.Errorf("pdfinfo: %v: %s", err, msg)
		}
	} else {
		testenv.Missing(t, "pdfinfo", "poppler-utils")
	}
	if _, err := (&File{objs: make([][]byte, 3), Root: 1}).WriteTo(&out); err == nil {
		t.Error("reserved objects never set: no error")
	}
}

func TestParseRefuses(t *testing.T) {
	good := sample()
	shifted := bytes.Clone(good) // object 1's offset one byte off
	e := bytes.Index(shifted, []byte("65535 f \n")) + len("65535 f \n")
	var off int
	fmt.Sscan(string(shifted[e:e+10]), &off)
	copy(shifted[e:], fmt.Sprintf("%010d", off+1))
	for name, b := range map[string][]byte{
		"empty":         nil,
		"no xref":       bytes.ReplaceAll(good, []byte("startxref"), []byte("startxxxx")),
		"bad offset":    shifted,
		"truncated":     good[:len(good)/2],
		"xref sections": bytes.Replace(good, []byte("xref\n0 8"), []byte("xref\n1 7"), 1),
	} {
		if _, err := Parse(b); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

func TestTextAndName(t *testing.T) {
	for in, want := range map[string]string{"en": "(en)", `a(b)\`: `(a\(b\)\\)`, "中": "<FEFF4E2D>", "𠮷": "<FEFFD842DFB7>"} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %s, want %s", in, got, want)
		}
	}
	if got := Name("ABC+Noto Serif#1"); got != "/ABC+Noto#20Serif#231" {
		t.Errorf("Name = %s", got)
	}
}

// FuzzParse: no input makes Parse panic, and what it accepts it writes
// back in a form it reads again to the same objects.
func FuzzParse(f *testing.F) {
	f.Add(sample())
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Parse(b)
		if err != nil {
			return
		}
		for i := 1; i < p.Len(); i++ {
			if p.Object(i) == nil {
				return // a free object in the table: not written back
			}
		}
		var out bytes.Buffer
		if _, err := p.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		q, err := Parse(out.Bytes())
		if err != nil {
			t.Fatalf("own output does not parse: %v", err)
		}
		for i := 1; i < p.Len(); i++ {
			if !bytes.Equal(bytes.TrimSpace(p.Object(i)), q.Object(i)) {
				t.Fatalf("object %d changed", i)
			}
		}
	})
}
