// Package project loads a verso repository: its configuration (verso.toml),
// its source documents with their ID records, and its translation files. It
// also writes files atomically for the commands that change the repository.
package project

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"verso/align/msgfile"

	"github.com/BurntSushi/toml"

	"verso/align"
	"verso/align/qa"
)

// ConfigFile is the name of the optional configuration file at the root.
const ConfigFile = "verso.toml"

// Config is the content of verso.toml. Every field is optional.
type Config struct {
	// SourceLanguage is the BCP 47 language of the sources. Default "zh".
	SourceLanguage string `toml:"source_language"`
	// Locales are the translation locales. Default: the locales of the
	// files found in the translations directory.
	Locales []string `toml:"locales"`
	// Required are the locales that verso check requires to be complete.
	// Default: none; check then fails only on locales named with --locale.
	Required []string `toml:"required"`
	// Sources is the directory of source documents. Default "sources".
	Sources string `toml:"sources"`
	// Translations is the directory of translation files. Default
	// "translations".
	Translations string `toml:"translations"`
	// Publish configures verso publish.
	Publish Publish `toml:"publish"`
	// QA sets the severity of each check of verso qa: "error", "warning"
	// or "off" (see align/qa).
	QA map[string]string `toml:"qa"`
	// Severities is QA, read.
	Severities qa.Severities `toml:"-"`
}

// Publish configures the PDF editions.
type Publish struct {
	// Author and Publisher go into the PDF metadata and the title block.
	Author    string `toml:"author"`
	Publisher string `toml:"publisher"`
	// Paper is "A4" (default) or "Letter".
	Paper string `toml:"paper"`
	// NewPage is the page-break policy: "auto" (default: a new page for
	// each top-level section when there are several and they are long),
	// "chapter", "section" or "never".
	NewPage string `toml:"new_page"`
	// Output is the directory the PDFs are written to. Default "dist".
	Output string `toml:"output"`
	// Fonts maps a script ("cjk", "latin") to an OpenType (.otf, .ttf) or
	// collection (.ttc) file; relative paths are relative to the
	// root. Unset scripts are found on the system.
	Fonts map[string]string `toml:"fonts"`
}

// DefaultConfig returns the configuration used without verso.toml.
func DefaultConfig() Config {
	return Config{SourceLanguage: "zh", Sources: "sources", Translations: "translations",
		Publish: Publish{Paper: "A4", Output: "dist"}}
}

// LoadConfig reads root/verso.toml, or returns the defaults when it does not
// exist. Unknown keys and bad values are reported with their line.
func LoadConfig(root string) (Config, error) {
	cfg := DefaultConfig()
	data, err := os.ReadFile(filepath.Join(root, ConfigFile))
	if errors.Is(err, os.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	return ParseConfig(data)
}

// ParseConfig reads the content of verso.toml over the defaults. Unknown
// keys and bad values are reported with their line, in the terms of the
// Configuration section of README.md.
func ParseConfig(data []byte) (Config, error) {
	cfg := DefaultConfig()
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			if line, key, ok := unclosedArray(data, pe.Position.Line); ok {
				return cfg, align.Errorf(ConfigFile, line, "the list of %s is not closed; end it with ], like %s = [\"a\", \"b\"]", key, key)
			}
			return cfg, align.Errorf(ConfigFile, align.LineAt(data, pe.Position.Start), "%s; fix the TOML syntax", pe.Message)
		}
		// Type errors come as text: "toml: line N (last key "k"): …".
		if m := decodeErrRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return cfg, typeError(line, m[2], m[3])
		}
		return cfg, align.Errorf(ConfigFile, 0, "%v", err)
	}
	var errs align.ErrorList
	// A table given a plain value is not a type error to the decoder.
	for _, k := range []string{"publish", "publish.fonts", "qa"} {
		if t := md.Type(strings.Split(k, ".")...); t != "" && t != "Hash" {
			errs.Add(typeError(keyLine(data, strings.Split(k, ".")), k, ""))
		}
	}
	for _, k := range md.Undecoded() {
		errs.Add(align.Errorf(ConfigFile, keyLine(data, k), "unknown key %q; known keys: source_language, locales, required, sources, translations, [publish] author, publisher, paper, new_page, output, fonts, [qa] CHECK", k.String()))
	}
	bad := func(key, format string, args ...any) {
		errs.Add(align.Errorf(ConfigFile, keyLine(data, strings.Split(key, ".")), format, args...))
	}
	if err := msgfile.CheckLocale(cfg.SourceLanguage); err != nil {
		bad("source_language", "source_language %v, such as zh or zh-Hans", err)
	}
	for _, l := range cfg.Locales {
		if err := msgfile.CheckLocale(l); err != nil {
			bad("locales", "locale %v, such as en or pt-BR", err)
		}
	}
	for _, l := range cfg.Required {
		if len(cfg.Locales) > 0 && !slices.Contains(cfg.Locales, l) {
			bad("required", "required locale %q is not in locales; add it there", l)
		}
	}
	switch strings.ToLower(cfg.Publish.Paper) {
	case "a4", "letter":
	default:
		bad("publish.paper", "paper %q: use \"A4\" or \"Letter\"", cfg.Publish.Paper)
	}
	switch strings.ToLower(cfg.Publish.NewPage) {
	case "", "auto", "chapter", "section", "never":
	default:
		bad("publish.new_page", "new_page %q: use \"auto\", \"chapter\", \"section\" or \"never\"", cfg.Publish.NewPage)
	}
	for script := range cfg.Publish.Fonts {
		if script != "cjk" && script != "latin" {
			bad("publish.fonts."+script, "font script %q: use cjk or latin", script)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(cfg.QA)) {
		sev, err := qa.ParseSeverities(map[string]string{k: cfg.QA[k]})
		if err != nil {
			bad("qa."+k, "[qa] %v", err)
			continue
		}
		if cfg.Severities == nil {
			cfg.Severities = qa.Severities{}
		}
		maps.Copy(cfg.Severities, sev)
	}
	dirsOK := true
	for _, d := range []struct{ key, val string }{{"sources", cfg.Sources}, {"translations", cfg.Translations}, {"publish.output", cfg.Publish.Output}} {
		if d.val == "" || filepath.IsAbs(d.val) || strings.HasPrefix(filepath.Clean(d.val), "..") {
			bad(d.key, "%s %q must be a directory inside the repository", d.key, d.val)
			dirsOK = false
		}
	}
	if dirsOK {
		checkDirsApart(cfg, bad)
	}
	return cfg, errs.Err()
}

var decodeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// keyLine finds the line of a dotted key in TOML source: the line that sets
// its last part inside the table of the other parts. It returns 0 when the
// key cannot be found.
func keyLine(data []byte, key toml.Key) int {
	if len(key) == 0 {
		return 0
	}
	table := strings.Join(key[:len(key)-1], ".")
	last := regexp.QuoteMeta(key[len(key)-1])
	set := regexp.MustCompile(`^\s*["']?` + last + `["']?\s*=`)
	header := regexp.MustCompile(`^\s*\[\s*([^\]]*?)\s*\]`)
	cur := ""
	for i, ln := range strings.Split(string(data), "\n") {
		if m := header.FindStringSubmatch(ln); m != nil {
			cur = m[1]
			if cur == strings.Join(key, ".") {
				return i + 1
			}
			continue
		}
		if cur == table && set.MatchString(ln) {
			return i + 1
		}
	}
	return 0
}

// IsRequired reports whether verso check requires the locale to be complete.
func (c Config) IsRequired(locale string) bool { return slices.Contains(c.Required, locale) }

// typeError says, in the terms of the Configuration section of README.md,
// what a key of verso.toml must hold.
func typeError(line int, key, detail string) *align.PosError {
	want := map[string]string{
		"source_language":   `a language tag in quotes, like "zh-Hans"`,
		"locales":           `a list of language tags, like ["en", "ru"]`,
		"required":          `a list of locales from locales, like ["en"]`,
		"sources":           `a directory in quotes, like "sources"`,
		"translations":      `a directory in quotes, like "translations"`,
		"publish":           "a table: a [publish] line followed by its keys",
		"publish.author":    `text in quotes, like "Jane Doe"`,
		"publish.publisher": `text in quotes, like "verso"`,
		"publish.paper":     `"A4" or "Letter"`,
		"publish.output":    `a directory in quotes, like "dist"`,
		"publish.fonts":     `a table: a [publish.fonts] line followed by cjk = "/path/to/font.ttc" or latin = "…"`,
		"qa":                `a table: a [qa] line followed by check = "error", "warning" or "off"`,
	}[key]
	switch {
	case want == "" && strings.HasPrefix(key, "publish.fonts."):
		want = `a font file in quotes, like "/usr/share/fonts/truetype/arphic/uming.ttc"`
	case want == "" && strings.HasPrefix(key, "qa."):
		want = `"error", "warning" or "off"`
	}
	if want == "" {
		return align.Errorf(ConfigFile, line, "%s: %s; see the Configuration section of README.md", key, detail)
	}
	return align.Errorf(ConfigFile, line, "%s must be %s", key, want)
}

// unclosedArray finds, for a syntax error reported on errLine, a value
// list opened on an earlier line and not closed before it (the decoder
// reports the line where it gave up, often far below). It returns the
// line and key of the list.
func unclosedArray(data []byte, errLine int) (line int, key string, ok bool) {
	type open struct {
		line int
		key  string
	}
	var stack []open
	lastKey := ""
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines) && i+1 < errLine; i++ {
		ln := lines[i]
		if len(stack) == 0 {
			t := strings.TrimSpace(ln)
			if strings.HasPrefix(t, "[") {
				continue // a table header
			}
			if k, _, found := strings.Cut(t, "="); found {
				lastKey = strings.Trim(strings.TrimSpace(k), `"'`)
			}
		}
		for j := 0; j < len(ln); j++ {
			switch c := ln[j]; c {
			case '#':
				j = len(ln)
			case '"', '\'':
				// Skip a one-line string; an escaped quote does not end it.
				for j++; j < len(ln) && ln[j] != c; j++ {
					if c == '"' && ln[j] == '\\' {
						j++
					}
				}
			case '[':
				if len(stack) > 0 || strings.Contains(ln[:j], "=") {
					stack = append(stack, open{i + 1, lastKey})
				}
			case ']':
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		}
	}
	if len(stack) == 0 || stack[0].line >= errLine {
		return 0, "", false
	}
	return stack[0].line, stack[0].key, true
}

// checkDirsApart refuses a sources directory that is the translations
// directory or lies inside it, or the other way round: verso would read
// translation files as sources (or the reverse) and write records among
// the translations.
func checkDirsApart(cfg Config, bad func(key, format string, args ...any)) {
	inside := func(a, b string) bool {
		rel, err := filepath.Rel(filepath.Clean(b), filepath.Clean(a))
		return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."))
	}
	s, t := cfg.Sources, cfg.Translations
	switch {
	case inside(s, t) && inside(t, s):
		bad("translations", "translations %q is the sources directory; keep translations in a directory of their own, like \"translations\"", t)
	case inside(t, s):
		bad("translations", "translations %q is inside the sources directory %q; keep them apart, like sources = \"sources\" and translations = \"translations\"", t, s)
	case inside(s, t):
		bad("sources", "sources %q is inside the translations directory %q; keep them apart, like sources = \"sources\" and translations = \"translations\"", s, t)
	}
}
