package installed

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"verso/export/pdf/hyph"
)

// ErrNoPatterns is wrapped by [PatternFile] and [PatternFiles] when a
// language has no pattern file.
var ErrNoPatterns = errors.New("no hyphenation patterns")

// HyphenDirs are the directories where [PatternFile] looks by default:
// Debian's /usr/share/hyphen, and where older systems and local installs
// put them.
func HyphenDirs() []string {
	return []string{"/usr/share/hyphen", "/usr/local/share/hyphen", "/usr/share/myspell/dicts"}
}

// preferred are the regions whose patterns serve a bare language, best
// first: the US patterns are TeX's own (Liang's) for English.
var preferred = map[string][]string{
	"en": {"US", "GB"},
	"ru": {"RU"},
	"de": {"DE", "AT", "CH"},
	"fr": {"FR"},
	"es": {"ES"},
	"it": {"IT"},
	"pt": {"PT", "BR"},
	"uk": {"UA"},
}

// debian are the languages (and English and Portuguese variants) whose
// patterns Debian packages as hyphen-<name>.
var debian = map[string]bool{"af": true, "as": true, "be": true, "bg": true, "bn": true, "ca": true,
	"cs": true, "da": true, "de": true, "el": true, "en-gb": true, "en-us": true, "es": true, "fr": true,
	"gl": true, "gu": true, "hi": true, "hr": true, "hu": true, "id": true, "is": true, "it": true,
	"kn": true, "lt": true, "lv": true, "ml": true, "mn": true, "mr": true, "nl": true, "no": true,
	"or": true, "pa": true, "pl": true, "pt-br": true, "pt-pt": true, "ro": true, "ru": true, "sk": true,
	"sl": true, "sr": true, "sv": true, "ta": true, "te": true, "uk": true, "zu": true}

// HyphenPackage returns the Debian package that ships the patterns of
// lang ("en" -> hyphen-en-us, "en-GB" -> hyphen-en-gb, "ru" -> hyphen-ru),
// or "" when Debian has none.
func HyphenPackage(lang string) string {
	tag := language.Make(lang)
	base, _ := tag.Base()
	name := base.String()
	r, c := tag.Region()
	switch name {
	case "en":
		name = "en-us"
		if c == language.Exact && r.String() != "US" {
			name = "en-gb"
		}
	case "pt":
		name = "pt-pt"
		if c == language.Exact && r.String() == "BR" {
			name = "pt-br"
		}
	case "nb", "nn":
		name = "no"
	}
	if !debian[name] {
		return ""
	}
	return "hyphen-" + name
}

// PatternFile returns the pattern file for the BCP 47 language lang in
// dirs (nil: [HyphenDirs]): hyph_<lang>_<REGION>.dic for its region when
// it has one, else hyph_<lang>.dic, else that of a preferred region
// (English: US, then GB), else any hyph_<lang>_*.dic. The error wraps
// [ErrNoPatterns] and names the Debian package to install.
func PatternFile(lang string, dirs []string) (string, error) {
	paths, err := PatternFiles([]string{lang}, dirs)
	return paths[lang], err
}

// PatternFiles returns the pattern files of langs in dirs (nil:
// [HyphenDirs]), by language, chosen as [PatternFile] does. The languages
// without one are left out, and named all in one error, which wraps
// [ErrNoPatterns] and names the Debian packages to install.
func PatternFiles(langs []string, dirs []string) (map[string]string, error) {
	if dirs == nil {
		dirs = HyphenDirs()
	}
	paths := map[string]string{}
	var missing, pkgs []string
	for _, l := range langs {
		if p := patternFile(l, dirs); p != "" {
			paths[l] = p
			continue
		}
		if !slices.Contains(missing, l) {
			missing = append(missing, l)
		}
		if pkg := HyphenPackage(l); pkg != "" && !slices.Contains(pkgs, pkg) {
			pkgs = append(pkgs, pkg)
		}
	}
	if len(missing) == 0 {
		return paths, nil
	}
	err := fmt.Errorf("%w for %s in %s", ErrNoPatterns, strings.Join(missing, ", "), strings.Join(dirs, ", "))
	if len(pkgs) > 0 {
		err = fmt.Errorf("%w; install them with `apt-get install %s` (Debian, Ubuntu)", err, strings.Join(pkgs, " "))
	}
	return paths, err
}

// patternFile returns the pattern file of lang in dirs, "" when there is
// none (or lang is no BCP 47 tag).
func patternFile(lang string, dirs []string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	base, _ := tag.Base()
	b := base.String()
	var names []string
	if r, c := tag.Region(); c == language.Exact {
		names = append(names, "hyph_"+b+"_"+r.String()+".dic")
	}
	names = append(names, "hyph_"+b+".dic")
	for _, r := range preferred[b] {
		names = append(names, "hyph_"+b+"_"+r+".dic")
	}
	for _, n := range names {
		for _, d := range dirs {
			p := filepath.Join(d, n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
	}
	for _, d := range dirs {
		m, _ := filepath.Glob(filepath.Join(d, "hyph_"+b+"_*.dic"))
		sort.Strings(m)
		if len(m) > 0 {
			return m[0]
		}
	}
	return ""
}

// LoadPatterns reads and parses the pattern file at path.
func LoadPatterns(path string) (*hyph.Patterns, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return hyph.Parse(bytes.NewReader(data), path)
}
