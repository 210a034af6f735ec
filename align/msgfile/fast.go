package msgfile

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"verso/align"
)

// parseCanonical reads a file in exactly the layout Marshal writes (comment
// lines, then [id] tables with hash and other as basic or multi-line basic
// strings) an order of magnitude faster than a general TOML decoder. It
// returns ok=false at the first thing it does not recognise, and Parse then
// reads the file with go-i18n; a differential fuzz test keeps the two in
// agreement.
func parseCanonical(data string) (out []align.Translation, ok bool) {
	seen := map[string]bool{}
	var cur *align.Translation
	line := 0
	for len(data) > 0 {
		var ln string
		ln, data = cutLine(data)
		line++
		switch {
		case ln == "" || ln[0] == '#':
			continue
		case ln[0] == '[':
			id, rest, found := strings.Cut(ln[1:], "]")
			if !found || rest != "" || !align.ValidID(id) || seen[id] {
				return nil, false
			}
			seen[id] = true
			out = append(out, align.Translation{ID: id, Line: line})
			cur = &out[len(out)-1]
			continue
		}
		if cur == nil {
			return nil, false
		}
		key, val, found := strings.Cut(ln, " = ")
		if !found || (key != "hash" && key != "other") {
			return nil, false
		}
		var s string
		if val == `"""` {
			var end int
			s, end, ok = multiline(data)
			if !ok {
				return nil, false
			}
			line += strings.Count(data[:end], "\n")
			data = data[end:]
		} else if s, ok = basic(val); !ok {
			return nil, false
		}
		if key == "hash" {
			if cur.Hash != "" {
				return nil, false
			}
			cur.Hash = s
		} else {
			if cur.Text != "" || s == "" {
				return nil, false
			}
			cur.Text = s
		}
	}
	for _, t := range out {
		if t.Text == "" {
			return nil, false
		}
	}
	return out, true
}

func cutLine(s string) (line, rest string) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// basic decodes a whole TOML basic string "…".
func basic(v string) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	return unescape(v[1 : len(v)-1])
}

// multiline decodes the body of a multi-line basic string whose opening
// """ ended the previous line. It returns the text and the offset just
// past the closing """ and its line break.
func multiline(data string) (string, int, bool) {
	end := strings.Index(data, `"""`)
	if end < 0 {
		return "", 0, false
	}
	after := data[end+3:]
	if after != "" && after[0] != '\n' {
		return "", 0, false
	}
	s, ok := unescape(data[:end])
	n := end + 3
	if after != "" {
		n++
	}
	return s, n, ok
}

// unescape decodes the escapes Marshal writes (\\ \" \t \n \uXXXX); any
// other backslash sequence, a raw quote, a control character or a CR is
// left to the general decoder.
func unescape(s string) (string, bool) {
	if !strings.ContainsAny(s, "\\\"\r\t") {
		return s, utf8.ValidString(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\r' || c == '\t':
			return "", false
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		i++
		switch s[i] {
		case '\\', '"':
			b.WriteByte(s[i])
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'u':
			if i+5 > len(s) {
				return "", false
			}
			r, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
			if err != nil {
				return "", false
			}
			b.WriteRune(rune(r))
			i += 4
		default:
			return "", false
		}
	}
	return b.String(), true
}
