// Package msgfile reads and writes verso's translation files: go-i18n v2
// message files in TOML, one per document and locale, named
// <doc>.<locale>.toml so that go-i18n derives the locale from the name.
//
// Each message is a table keyed by the segment ID with two keys: hash, the
// goi18n hash of the source text it was translated from, and other, the
// translation. Files list messages in document order, orphans last; text
// is written verbatim (never through go-i18n's templates), multi-line text as
// a TOML multi-line string so that diffs stay readable:
//
//	[k3fz9q]
//	hash = "sha1-4f0c…"
//	other = "Statement of the Council of Heads of State …"
package msgfile

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"verso/align"
)

// Ext is the extension of translation files.
const Ext = ".toml"

// ErrName is wrapped by errors about translation file names.
var ErrName = errors.New("bad translation file name")

// Name returns the file name of the translations of doc into locale.
func Name(doc, locale string) string { return doc + "." + locale + Ext }

// SplitName splits a translation file name into document and locale. The
// locale must be a well-formed BCP 47 tag.
func SplitName(name string) (doc, locale string, err error) {
	base := strings.TrimSuffix(path.Base(name), Ext)
	i := strings.LastIndexByte(base, '.')
	if !strings.HasSuffix(name, Ext) || i <= 0 || i == len(base)-1 {
		return "", "", fmt.Errorf("%w %q: want <document>.<locale>%s, such as statements.en%s", ErrName, path.Base(name), Ext, Ext)
	}
	doc, locale = base[:i], base[i+1:]
	if err := CheckLocale(locale); err != nil {
		return "", "", fmt.Errorf("%w %q: %v", ErrName, path.Base(name), err)
	}
	return doc, locale, nil
}

// CheckLocale returns nil when s is a BCP 47 language tag in canonical form
// (locales become parts of file names, so zh_Hans and zh-hans are refused
// in favour of zh-Hans), else an error that says how to write it.
func CheckLocale(s string) error {
	tag, err := language.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a BCP 47 language tag", s)
	case tag.String() != s:
		return fmt.Errorf("%q: write it as %q", s, tag.String())
	}
	return nil
}

// Parse reads a message file with go-i18n and returns its translations in
// file order, each with the line of its table. Errors carry the path and,
// where known, the line.
func Parse(p string, data []byte) ([]align.Translation, error) {
	if err := align.CheckUTF8(p, data); err != nil {
		return nil, err
	}
	if trs, ok := parseCanonical(string(data)); ok {
		return trs, nil
	}
	return parseI18n(p, data)
}

// parseI18n reads a message file of any layout with go-i18n.
func parseI18n(p string, data []byte) ([]align.Translation, error) {
	mf, err := i18n.ParseMessageFileBytes(data, p, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &align.PosError{Path: p, Line: align.LineAt(data, pe.Position.Start), Err: fmt.Errorf("invalid TOML: %s", pe.Message)}
		}
		if line, key, id := unknownKey(data); line > 0 {
			return nil, align.Errorf(p, line, "unknown key %q in message %s: a message holds only hash and other (go-i18n rejects other keys); remove it, and keep review notes in %s", key, id, ReviewExt)
		}
		return nil, &align.PosError{Path: p, Err: fmt.Errorf("not a go-i18n message file: %v", err)}
	}
	lines := tableLines(data)
	var errs align.ErrorList
	out := make([]align.Translation, 0, len(mf.Messages))
	for _, m := range mf.Messages {
		line := lines[m.ID]
		if !align.ValidID(m.ID) {
			errs.Add(align.Errorf(p, line, "%q is not a segment ID (six characters such as k3fz9q); fix the table name", m.ID))
			continue
		}
		if m.Zero+m.One+m.Two+m.Few+m.Many != "" {
			errs.Add(align.Errorf(p, line, "message %s has plural forms; a segment's translation goes in other", m.ID))
			continue
		}
		out = append(out, align.Translation{ID: m.ID, Hash: m.Hash, Text: m.Other, Line: line})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// go-i18n returns messages in map order: restore file order.
	slices.SortFunc(out, func(a, b align.Translation) int { return cmp.Compare(a.Line, b.Line) })
	return out, nil
}

// reservedKeys are the keys go-i18n allows in a message.
var reservedKeys = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other"}

// unknownKey finds the first key inside a message table that go-i18n does
// not allow, with its line and the table's name.
func unknownKey(data []byte) (line int, key, table string) {
	for i, ln := range strings.Split(string(data), "\n") {
		ln = strings.TrimSpace(ln)
		switch {
		case strings.HasPrefix(ln, "["):
			table, _, _ = strings.Cut(strings.TrimPrefix(ln, "["), "]")
		case table != "" && ln != "" && ln[0] != '#':
			k, _, ok := strings.Cut(ln, "=")
			k = strings.Trim(strings.TrimSpace(k), `"'`)
			if ok && !slices.Contains(reservedKeys, strings.ToLower(k)) {
				return i + 1, k, table
			}
		}
	}
	return 0, "", ""
}

// tableLines maps each message ID to the line of its table header
// ([id]) or of its key (id = ...).
func tableLines(data []byte) map[string]int {
	out := map[string]int{}
	for i, ln := range strings.Split(string(data), "\n") {
		ln = strings.TrimSpace(ln)
		var key string
		switch {
		case strings.HasPrefix(ln, "[") && !strings.HasPrefix(ln, "[["):
			key, _, _ = strings.Cut(ln[1:], "]")
		case ln != "" && ln[0] != '#':
			k, _, ok := strings.Cut(ln, "=")
			if !ok {
				continue
			}
			key = k
		}
		key = strings.Trim(strings.TrimSpace(key), `"'`)
		if _, seen := out[key]; key != "" && !seen {
			out[key] = i + 1
		}
	}
	return out
}

// Marshal returns the file's bytes for the given translations, in the given
// order. header, if not empty, is written as a comment at the top.
func Marshal(header string, trs []align.Translation) []byte {
	var b strings.Builder
	for _, ln := range strings.Split(header, "\n") {
		if ln != "" {
			b.WriteString("# " + ln + "\n")
		}
	}
	for i, t := range trs {
		if i > 0 || header != "" {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "[%s]\nhash = %s\nother = %s\n", t.ID, quote(t.Hash), quote(t.Text))
	}
	return []byte(b.String())
}

// Header returns the comment lines at the top of a message file, without
// their "# ", so that a rewrite with Marshal keeps them.
func Header(data []byte) string {
	var lines []string
	for _, ln := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(ln, "#") {
			break
		}
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(ln, "#"), " "))
	}
	return strings.Join(lines, "\n")
}

// quote returns s as a TOML basic string, or as a multi-line basic string
// when it holds line breaks.
func quote(s string) string {
	multi := strings.Contains(s, "\n")
	var b strings.Builder
	if multi {
		b.WriteString("\"\"\"\n")
	} else {
		b.WriteByte('"')
	}
	for _, r := range s {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	if multi {
		b.WriteString("\"\"\"")
	} else {
		b.WriteByte('"')
	}
	return b.String()
}
