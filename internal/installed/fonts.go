// Package installed finds what is installed on the system: CJK fonts and
// hyphenation pattern files. It is the part of publishing that touches the
// disk and runs programs (fontconfig's fc-list), so that the exporters
// under verso/export stay pure: they take the faces and patterns this
// package loads.
//
// Its errors say what to install: they wrap [ErrNoFont] or
// [ErrNoPatterns] and name the Debian package ([FontPackage],
// [HyphenPackage]).
package installed

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"verso/export/pdf/font"
)

// ErrNoFont is wrapped by [Font] when no usable font exists.
var ErrNoFont = errors.New("no usable font found")

// FontPackage is the package the errors of [Font] tell the user to
// install: Noto Serif CJK, a Song (Ming) face for print in two weights,
// Regular and Bold, for Simplified and Traditional Chinese, Japanese and
// Korean.
const FontPackage = "fonts-noto-cjk"

// FontRequest says which font [Font] looks for.
type FontRequest struct {
	// Lang is the BCP 47 language of the text ("zh-Hans", "zh-Hant", "ja",
	// "ko"); it chooses the face of a collection and fontconfig's language.
	Lang string
	// Path is the file or directory configured by the user (verso.toml
	// [publish.fonts] cjk), absolute; empty to search the system. A
	// configured path that holds no usable font is an error: Font does not
	// then fall back to the system.
	Path string
	// Sample holds characters the face must have, e.g. "中文"; default
	// "中文的".
	Sample string
	// Dirs are searched when fontconfig finds nothing. Default:
	// [FontDirs].
	Dirs []string
	// NoFontconfig skips fc-list (for tests).
	NoFontconfig bool
}

// FoundFont is a font chosen by [Font].
type FoundFont struct {
	Path  string // the font file
	Index int    // face index in a collection
	Via   string // "verso.toml", "fontconfig" or "font directory"
	Face  *font.Face
	// Bold is the family's bold weight, found beside the face (fontconfig,
	// or the file named with Bold for Regular), or nil: the family has one
	// weight, or the bold is not installed.
	Bold *font.Face
}

// FontDirs are the standard font directories of Linux, macOS and Windows.
func FontDirs() []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", `C:\Windows\Fonts`}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local/share/fonts"), filepath.Join(home, ".fonts"), filepath.Join(home, "Library/Fonts"))
	}
	return dirs
}

// knownFiles are CJK fonts, best for print first, with the Debian package
// that ships each: the Song faces in two weights before the one-weight
// ones, whose bold is synthetic.
var knownFiles = []struct{ file, pkg string }{
	{"NotoSerifCJK-Regular.ttc", "fonts-noto-cjk"},
	{"SourceHanSerif-Regular.ttc", ""},
	{"uming.ttc", "fonts-arphic-uming"},
	{"LXGWWenKai-Regular.ttf", "fonts-lxgw-wenkai"},
	{"ukai.ttc", "fonts-arphic-ukai"},
	{"wqy-zenhei.ttc", "fonts-wqy-zenhei"},
	{"wqy-microhei.ttc", "fonts-wqy-microhei"},
	{"DroidSansFallbackFull.ttf", "fonts-droid-fallback"},
	{"simsun.ttc", ""},
	{"Songti.ttc", ""},
}

// Font looks for a CJK font: the configured path first, then fontconfig
// (fc-list), then the standard font directories. It returns an error
// wrapping [ErrNoFont] that names the Debian package to install when
// nothing usable is found.
func Font(req FontRequest) (*FoundFont, error) {
	if req.Sample == "" {
		req.Sample = "中文的"
	}
	if req.Path != "" {
		fd, err := fromPath(req, req.Path)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w; point [publish.fonts] cjk in verso.toml at an OpenType .otf, .ttf or .ttc font, or remove it to use the system's (apt-get install %s)", ErrNoFont, req.Path, err, FontPackage)
		}
		fd.Via = "verso.toml"
		fd.Bold = bold(req, fd)
		return fd, nil
	}
	var tried []string
	if !req.NoFontconfig {
		for _, c := range fcList(req.Lang) {
			if fd, err := load(req, c.path, c.index); err == nil {
				fd.Via = "fontconfig"
				fd.Bold = bold(req, fd)
				return fd, nil
			} else {
				tried = append(tried, fmt.Sprintf("%s: %v", c.path, err))
			}
		}
	}
	dirs := req.Dirs
	if dirs == nil {
		dirs = FontDirs()
	}
	for _, k := range knownFiles {
		for _, p := range findFiles(dirs, k.file) {
			if fd, err := load(req, p, -1); err == nil {
				fd.Via = "font directory"
				fd.Bold = bold(req, fd)
				return fd, nil
			} else {
				tried = append(tried, fmt.Sprintf("%s: %v", p, err))
			}
		}
	}
	msg := ""
	if len(tried) > 0 {
		msg = " (unusable: " + strings.Join(tried, "; ") + ")"
	}
	return nil, fmt.Errorf("%w for Chinese, Japanese or Korean text%s; install one with `apt-get install %s` (Debian, Ubuntu), or set [publish.fonts] cjk in verso.toml to an OpenType .otf, .ttf or .ttc file", ErrNoFont, msg, FontPackage)
}

// LoadFont reads the font file at path and parses its face index (0 for a
// plain font; a collection's faces are numbered from 0). Errors name the
// path.
func LoadFont(path string, index int) (*font.Face, error) {
	data, release, err := readFont(path)
	if err != nil {
		return nil, err // an *fs.PathError, which names the path
	}
	f, err := parseFace(data, index)
	if err != nil {
		release()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// parseFace parses face index of a font file.
func parseFace(data []byte, index int) (*font.Face, error) {
	return font.ParseFace(data, index)
}

// fromPath loads the configured file, or the best font of a configured
// directory.
func fromPath(req FontRequest, p string) (*FoundFont, error) {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("no such file or directory")
		}
		return nil, err
	}
	if !st.IsDir() {
		return load(req, p, -1)
	}
	var files []string
	filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			switch strings.ToLower(filepath.Ext(path)) {
			case ".otf", ".ttf", ".ttc":
				files = append(files, path)
			}
		}
		return nil
	})
	slices.Sort(files)
	var why []string
	for _, f := range files {
		fd, err := load(req, f, -1)
		if err == nil {
			return fd, nil
		}
		why = append(why, fmt.Sprintf("%s: %v", filepath.Base(f), err))
	}
	if len(files) == 0 {
		return nil, errors.New("a directory with no .otf, .ttf or .ttc font")
	}
	return nil, fmt.Errorf("no usable font in the directory (%s)", strings.Join(why, "; "))
}

// load reads a font file, extracts the face (index -1: the one for the
// language) and checks that it has the sample characters. Its errors do
// not name the path (but for the read error's own): the callers do.
func load(req FontRequest, p string, index int) (*FoundFont, error) {
	data, release, err := readFont(p)
	if err != nil {
		return nil, err
	}
	if index < 0 {
		index = font.FaceFor(data, req.Lang)
	}
	f, err := parseFace(data, index)
	if err != nil {
		release()
		return nil, err
	}
	for _, r := range req.Sample {
		if !f.Has(r) {
			release()
			return nil, fmt.Errorf("%s has no glyph for %q", f.Family, r)
		}
	}
	return &FoundFont{Path: p, Index: index, Face: f}, nil
}

// fcLang is fontconfig's name of the language of lang.
func fcLang(lang string) string {
	switch m := font.Regions(lang)[0]; m {
	case "TW":
		return "zh-tw"
	case "HK":
		return "zh-hk"
	case "JP":
		return "ja"
	case "KR":
		return "ko"
	default:
		return "zh-cn"
	}
}

type candidate struct {
	path   string
	index  int
	family string
}

// fcRegular is the highest fontconfig weight taken for the regular face
// (80 regular, 100 medium; 200 is bold).
const fcRegular = 100

// fcQuery runs fc-list on pattern and returns the faces with TrueType or
// CFF outlines of at most maxWeight.
func fcQuery(pattern string, maxWeight int) []candidate {
	out, err := exec.Command("fc-list", pattern, "-f", "%{file}\t%{index}\t%{family[0]}\t%{fontformat}\t%{weight}\n").Output()
	if err != nil {
		return nil
	}
	var cs []candidate
	for _, ln := range strings.Split(string(bytes.TrimSpace(out)), "\n") {
		f := strings.Split(ln, "\t")
		if len(f) < 5 || f[3] != "TrueType" && f[3] != "CFF" {
			continue
		}
		i, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		if w, err := strconv.Atoi(f[4]); err == nil && w > maxWeight {
			continue
		}
		cs = append(cs, candidate{f[0], i, f[2]})
	}
	return cs
}

// fcList asks fontconfig for the regular faces covering the language,
// serif (Ming/Song) faces first.
func fcList(lang string) []candidate {
	cs := fcQuery(":lang="+fcLang(lang), fcRegular)
	marks := font.Regions(lang)
	rank := func(c candidate) int {
		fam := strings.ToLower(c.family)
		r := 50
		for i, k := range knownFiles {
			if strings.EqualFold(filepath.Base(c.path), k.file) {
				r = i * 2
			}
		}
		for _, w := range []string{"ming", "song", "serif", "kai"} {
			if strings.Contains(fam, w) {
				r -= 1
				break
			}
		}
		// The face for the region (Noto Serif CJK SC, AR PL UMing CN)
		// before the others of its file.
		m := slices.IndexFunc(marks, func(m string) bool {
			return strings.Contains(" "+strings.ToUpper(c.family)+" ", " "+m+" ")
		})
		if m < 0 {
			m = len(marks)
		}
		return 10*r + m
	}
	slices.SortStableFunc(cs, func(a, b candidate) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		if c := strings.Compare(a.path, b.path); c != 0 {
			return c
		}
		return a.index - b.index
	})
	return cs
}

// bold finds the bold weight of the family of fd: fontconfig's bold face
// of the family, else a font file beside fd's named with Bold for Regular
// (NotoSerifCJK-Bold.ttc), holding a face of the same family whose OS/2
// weight is at least 600. It returns nil when there is none.
func bold(req FontRequest, fd *FoundFont) *font.Face {
	var files []string
	if !req.NoFontconfig {
		esc := strings.NewReplacer(`\`, `\\`, "-", `\-`, ":", `\:`, ",", `\,`)
		for _, c := range fcQuery(esc.Replace(fd.Face.Family)+":weight=200", 1000) {
			files = append(files, c.path)
		}
	}
	dir, base := filepath.Split(fd.Path)
	for _, w := range [][2]string{{"Regular", "Bold"}, {"regular", "bold"}, {"REGULAR", "BOLD"}} {
		if strings.Contains(base, w[0]) {
			files = append(files, filepath.Join(dir, strings.Replace(base, w[0], w[1], 1)))
		}
	}
	for _, p := range files {
		if p == fd.Path {
			continue
		}
		data, release, err := readFont(p)
		if err != nil {
			continue
		}
		if i := font.FaceNamed(data, fd.Face.Family); i >= 0 {
			if f, err := parseFace(data, i); err == nil && f.Weight >= 600 {
				return f
			}
		}
		release()
	}
	return nil
}

// findFiles returns the files named name under dirs.
func findFiles(dirs []string, name string) []string {
	var out []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				if e != nil && e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !e.IsDir() && strings.EqualFold(e.Name(), name) {
				out = append(out, path)
			}
			return nil
		})
	}
	return out
}
