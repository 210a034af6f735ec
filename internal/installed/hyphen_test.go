package installed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPatternFileByLanguage(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"hyph_en_GB.dic", "hyph_en_US.dic", "hyph_ru_RU.dic", "hyph_de_CH.dic"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("UTF-8\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for lang, want := range map[string]string{
		"en": "hyph_en_US.dic", "en-GB": "hyph_en_GB.dic", "en-AU": "hyph_en_US.dic",
		"ru": "hyph_ru_RU.dic", "ru-RU": "hyph_ru_RU.dic", "de": "hyph_de_CH.dic",
	} {
		got, err := PatternFile(lang, []string{dir})
		if err != nil || filepath.Base(got) != want {
			t.Errorf("%s: got %q, %v; want %s", lang, got, err, want)
		}
	}
	_, err := PatternFile("fr", []string{dir})
	if !errors.Is(err, ErrNoPatterns) || !strings.Contains(err.Error(), "apt-get install hyphen-fr") {
		t.Errorf("fr: got %v", err)
	}
	for lang, want := range map[string]string{"en": "hyphen-en-us", "en-US": "hyphen-en-us", "en-GB": "hyphen-en-gb",
		"en-AU": "hyphen-en-gb", "ru": "hyphen-ru", "pt-BR": "hyphen-pt-br", "pt": "hyphen-pt-pt", "nb": "hyphen-no", "tlh": ""} {
		if got := HyphenPackage(lang); got != want {
			t.Errorf("HyphenPackage(%s) = %q, want %q", lang, got, want)
		}
	}
}

func TestPatternFilesNameEveryMissingLanguageOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hyph_en_US.dic"), []byte("UTF-8\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths, err := PatternFiles([]string{"en", "fr", "ru", "fr", "tlh"}, []string{dir})
	if len(paths) != 1 || filepath.Base(paths["en"]) != "hyph_en_US.dic" {
		t.Errorf("paths %v, want only en", paths)
	}
	const want = "no hyphenation patterns for fr, ru, tlh in " // then the directory
	if !errors.Is(err, ErrNoPatterns) || !strings.HasPrefix(err.Error(), want) ||
		!strings.HasSuffix(err.Error(), "; install them with `apt-get install hyphen-fr hyphen-ru` (Debian, Ubuntu)") {
		t.Errorf("got %v", err)
	}
	if _, err := PatternFiles([]string{"en"}, []string{dir}); err != nil {
		t.Errorf("en: %v", err)
	}
}

func TestLoadPatterns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hyph_xx.dic")
	if err := os.WriteFile(path, []byte("UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\na1b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPatterns(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Hyphenate("abab"); len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Errorf("Hyphenate(abab) = %v, want [1 3]", got)
	}
	if _, err := LoadPatterns(path + ".missing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.dic")
	os.WriteFile(bad, []byte("EBCDIC-PLEASE\n"), 0o644)
	if _, err := LoadPatterns(bad); err == nil || !strings.HasPrefix(err.Error(), bad+":1: ") {
		t.Errorf("bad file: %v, want an error at %s:1", err, bad)
	}
}
