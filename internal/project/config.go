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
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return cfg, align.Errorf(ConfigFile, pe.Position.Line, "%s; fix the TOML syntax", pe.Message)
		}
		// Type errors come as text: "toml: line N (last key "k"): …".
		if m := decodeErrRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return cfg, align.Errorf(ConfigFile, line, "%s: %s; see the Configuration section of README.md", m[2], m[3])
		}
		return cfg, align.Errorf(ConfigFile, 0, "%v", err)
	}
	var errs align.ErrorList
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
	for _, d := range []struct{ key, val string }{{"sources", cfg.Sources}, {"translations", cfg.Translations}, {"publish.output", cfg.Publish.Output}} {
		if d.val == "" || filepath.IsAbs(d.val) || strings.HasPrefix(filepath.Clean(d.val), "..") {
			bad(d.key, "%s %q must be a directory inside the repository", d.key, d.val)
		}
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
