package tmx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/export/tmx"
	"verso/internal/testenv"
)

// omegatJar is OmegaT's jar in its Debian package, which holds the TMX
// 1.4b DTD (LISA OSCAR, "-//LISA OSCAR:1998//DTD for Translation Memory
// eXchange//EN") as schemas/tmx14.dtd.
const omegatJar = "/usr/share/omegat/OmegaT.jar"

// tmx14DTD returns the path of the TMX 1.4b DTD taken from OmegaT's jar
// into a temporary directory.
func tmx14DTD(t *testing.T) string {
	t.Helper()
	zr, err := zip.OpenReader(omegatJar)
	if err != nil {
		testenv.Missing(t, omegatJar, "omegat")
	}
	defer zr.Close()
	f, err := zr.Open("schemas/tmx14.dtd")
	if err != nil {
		t.Fatalf("%s: %v", omegatJar, err)
	}
	defer f.Close()
	dtd, err := io.ReadAll(f)
	if err != nil {
		t.Fatalf("%s: %v", omegatJar, err)
	}
	p := filepath.Join(t.TempDir(), "tmx14.dtd")
	if err := os.WriteFile(p, dtd, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestValidatesAgainstDTD: what Write gives (what verso tmx export
// writes: several locales, escaped markup characters, a line break, and
// a memory without units) is valid TMX 1.4b by the DTD, as xmllint
// checks it.
func TestValidatesAgainstDTD(t *testing.T) {
	xmllint := testenv.Command(t, "xmllint", "libxml2-utils")
	dtd := tmx14DTD(t)
	for name, tus := range map[string][]tmx.TU{"memory": pairs(t), "empty": nil} {
		var buf bytes.Buffer
		if err := tmx.Write(&buf, tmx.Header{SourceLang: "zh-Hans"}, tus); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), name+".tmx")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(xmllint, "--nonet", "--noout", "--dtdvalid", dtd, file).CombinedOutput(); err != nil {
			t.Errorf("%s does not validate against the TMX 1.4b DTD: %v\n%s\n%s", name, err, out, buf.Bytes())
		}
	}
	// The DTD does catch an invalid memory: a <tu> without variants.
	bad := filepath.Join(t.TempDir(), "bad.tmx")
	if err := os.WriteFile(bad, []byte(`<tmx version="1.4"><header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="paragraph" adminlang="en" srclang="en" o-tmf="x"/><body><tu></tu></body></tmx>`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--nonet", "--noout", "--dtdvalid", dtd, bad).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "does not follow the DTD") && !strings.Contains(string(out), "validity error") {
		t.Errorf("an invalid memory is not refused for its content: %v\n%s", err, out)
	}
}
