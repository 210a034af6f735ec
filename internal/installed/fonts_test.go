package installed

import (
	"errors"
	"os"
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
