package tm

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"verso/align"
)

// Pair is a translation unit read from a TMX file: the source and target
// segments of one language pair, and the line of its <tu>.
type Pair struct {
	Source, Target string
	Line           int
}

// ReadTMX reads the translation units of a TMX file (1.4b; 1.1 to 1.4 as
// far as <tu>, <tuv> and <seg> go) that have a segment in srcLang and one
// in locale (matched as [align.SameLanguage] does). Inline codes (<bpt>,
// <ept>, <ph>, <it>) are left out of the text, <hi> and <sub> keep theirs.
// Entities other than XML's five are an error: no DTD is read, no external
// entity fetched, nothing expanded.
//
// It is the memory's own small reader; the TMX codec of the exchange layer
// (verso tmx import) will replace it.
func ReadTMX(path string, data []byte, srcLang, locale string) ([]Pair, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var (
		out     []Pair
		root    bool
		tuLine  int
		segs    map[string]string // language -> text of the current <tu>
		lang    string
		inSeg   bool
		skip    int // depth inside inline codes
		text    strings.Builder
		srcAttr string // the header's srclang
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, align.Errorf(path, se.Line, "not a readable TMX file: %s", se.Msg)
			}
			l, _ := dec.InputPos()
			return nil, align.Errorf(path, l, "not a readable TMX file: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if !root {
				if name != "tmx" {
					l, _ := dec.InputPos()
					return nil, align.Errorf(path, l, "root element <%s>: a TMX file starts with <tmx>", name)
				}
				root = true
				continue
			}
			switch {
			case inSeg && (name == "bpt" || name == "ept" || name == "ph" || name == "it" || name == "ut"):
				skip++
			case name == "header":
				srcAttr = attr(t, "srclang")
			case name == "tu":
				tuLine, _ = dec.InputPos()
				segs = map[string]string{}
			case name == "tuv":
				lang = attr(t, "lang")
			case name == "seg":
				inSeg = true
				text.Reset()
			}
		case xml.EndElement:
			switch name := t.Name.Local; {
			case inSeg && (name == "bpt" || name == "ept" || name == "ph" || name == "it" || name == "ut"):
				skip--
			case name == "seg":
				inSeg = false
				if segs != nil {
					segs[lang] = text.String()
				}
			case name == "tu":
				var src, tgt string
				for l, s := range segs {
					switch {
					case align.SameLanguage(l, srcLang) || l == "" && align.SameLanguage(srcAttr, srcLang):
						src = s
					case align.SameLanguage(l, locale):
						tgt = s
					}
				}
				if strings.TrimSpace(src) != "" && strings.TrimSpace(tgt) != "" {
					out = append(out, Pair{Source: src, Target: tgt, Line: tuLine})
				}
				segs = nil
			}
		case xml.CharData:
			if inSeg && skip == 0 {
				text.Write(t)
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				l, _ := dec.InputPos()
				return nil, align.Errorf(path, l, "the TMX file declares entities; verso reads TMX without a DTD and expands no entity")
			}
		}
	}
	if !root {
		return nil, align.Errorf(path, 1, "empty file: a TMX file starts with <tmx>")
	}
	return out, nil
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
