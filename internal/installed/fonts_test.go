package installed

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationserifregular"

	"verso/export/pdf/font"
	"verso/internal/testenv"
)

func TestFontErrorsNameThePackage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.ttf"), []byte("not a font"), 0o644)
	for name, req := range map[string]FontRequest{
		"missing file":   {Path: filepath.Join(dir, "missing.ttf")},
		"bad file":       {Path: filepath.Join(dir, "bad.ttf")},
		"empty dir":      {Path: t.TempDir()},
		"no system font": {NoFontconfig: true, Dirs: []string{t.TempDir()}},
		"latin only":     {Path: filepath.Join(dir, "latin.ttf")},
	} {
		if name == "latin only" {
			os.WriteFile(req.Path, liberationserifregular.TTF, 0o644)
		}
		_, err := Font(req)
		if !errors.Is(err, ErrNoFont) || !strings.Contains(err.Error(), "apt-get install "+FontPackage) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestFontFindsTheFaceForTheLanguage(t *testing.T) {
	const ttc = "/usr/share/fonts/truetype/arphic/uming.ttc"
	testenv.File(t, ttc, FontPackage)
	for lang, want := range map[string]string{"zh-Hans": "AR PL UMing CN", "zh-Hant": "AR PL UMing TW"} {
		for name, req := range map[string]FontRequest{
			"configured":     {Lang: lang, Path: ttc},
			"font directory": {Lang: lang, NoFontconfig: true, Dirs: []string{filepath.Dir(ttc)}},
		} {
			fd, err := Font(req)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			if fd.Face.Family != want || fd.Path != ttc {
				t.Errorf("%s %s: %s face %d %q, want %q", lang, name, fd.Path, fd.Index, fd.Face.Family, want)
			}
		}
	}
}

func TestLoadFont(t *testing.T) {
	dir := t.TempDir()
	latin, bad := filepath.Join(dir, "latin.ttf"), filepath.Join(dir, "bad.ttf")
	os.WriteFile(latin, liberationserifregular.TTF, 0o644)
	os.WriteFile(bad, []byte("not a font"), 0o644)
	if f, err := LoadFont(latin, 0); err != nil || f.Family != "Liberation Serif" {
		t.Errorf("%s: %v", latin, err)
	}
	if _, err := LoadFont(bad, 0); !errors.Is(err, font.ErrFormat) || strings.Count(err.Error(), bad) != 1 {
		t.Errorf("%s: %v, want ErrFormat naming the file once", bad, err)
	}
	if _, err := LoadFont(filepath.Join(dir, "missing.ttf"), 0); !errors.Is(err, os.ErrNotExist) || strings.Count(err.Error(), "missing.ttf") != 1 {
		t.Errorf("missing: %v", err)
	}
}

// Noto Serif CJK (PostScript outlines) is found before AR PL UMing, in
// the face for the language, with its Bold beside it, through fontconfig,
// the font directories or a configured path; UMing, of one weight, has no
// bold.
func TestFontFindsNotoSerifCJKWithItsBold(t *testing.T) {
	const noto = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	testenv.File(t, noto, "fonts-noto-cjk")
	for lang, want := range map[string]string{"zh-Hans": "Noto Serif CJK SC", "zh-Hant": "Noto Serif CJK TC", "ja": "Noto Serif CJK JP"} {
		for name, req := range map[string]FontRequest{
			"configured":     {Lang: lang, Path: noto},
			"font directory": {Lang: lang, NoFontconfig: true, Dirs: []string{"/usr/share/fonts"}},
			"fontconfig":     {Lang: lang},
		} {
			if name == "fontconfig" {
				if _, err := exec.LookPath("fc-list"); err != nil {
					continue
				}
			}
			fd, err := Font(req)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			if fd.Face.Family != want || !fd.Face.CFF() || fd.Face.Weight != 400 {
				t.Errorf("%s %s: %s face %d %q (weight %d), want %q", lang, name, fd.Path, fd.Index, fd.Face.Family, fd.Face.Weight, want)
			}
			if fd.Bold == nil || fd.Bold.Family != want || fd.Bold.Weight != 700 {
				t.Errorf("%s %s: bold %v, want %s weight 700", lang, name, fd.Bold, want)
			}
		}
	}
	const uming = "/usr/share/fonts/truetype/arphic/uming.ttc"
	testenv.File(t, uming, "fonts-arphic-uming")
	if fd, err := Font(FontRequest{Lang: "zh-Hans", Path: uming}); err != nil {
		t.Error(err)
	} else if fd.Bold != nil {
		t.Errorf("%s: a bold found: %s", uming, fd.Bold.Family)
	}
}
