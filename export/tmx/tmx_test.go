package tmx_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"verso/align"
	"verso/export/exchange"
	"verso/export/internal/xmlsafe"
	"verso/export/tmx"
)

func pairs(t testing.TB) []tmx.TU {
	t.Helper()
	doc, err := align.Parse("sources/a.txt", "zh-Hans", []byte("标题\n\n第一段 <&> \"引号\"。\n\n第二段。\n"))
	if err != nil {
		t.Fatal(err)
	}
	align.Sync(doc, nil)
	s := doc.Segments
	trs := []align.Translation{{ID: s[0].ID, Hash: s[0].Hash, Text: "Title"}, {ID: s[1].ID, Hash: s[1].Hash, Text: "First <&> \"quotes\".\nline two"},
		{ID: s[2].ID, Hash: "old", Text: "Stale"}}
	en := exchange.Units(&exchange.Doc{Coverage: align.Assess(doc, "en", trs)}, true)
	ru := exchange.Units(&exchange.Doc{Coverage: align.Assess(doc, "ru", trs[:1])}, true)
	return tmx.Translated("a", []string{"en", "ru"}, [][]exchange.Unit{en, ru})
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := tmx.Write(&buf, tmx.Header{SourceLang: "zh-Hans"}, pairs(t)); err != nil {
		t.Fatal(err)
	}
	units, err := tmx.Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	if len(units) != 2 || len(units[0].Targets) != 2 || units[0].Target("ru") != "Title" {
		t.Fatalf("%d units, want 2 (the stale one left out):\n%s", len(units), buf.Bytes())
	}
	u := units[1]
	if u.Doc != "a" || !strings.HasPrefix(u.ID, "a/") || u.Source.Lang != "zh-Hans" || u.Source.Text != "第一段 <&> \"引号\"。" ||
		u.Target("en") != "First <&> \"quotes\".\nline two" || u.Line != 12 {
		t.Errorf("unit %+v", u)
	}
	var again bytes.Buffer
	tmx.Write(&again, tmx.Header{SourceLang: "zh-Hans"}, pairs(t))
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("the same input gave different bytes")
	}
}

// TestReadForeign reads a memory as other tools write them: TMX 1.1
// lang, inline codes, a source language given by the header.
func TestReadForeign(t *testing.T) {
	const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="Other" creationtoolversion="2" datatype="html" segtype="sentence" adminlang="en-US" srclang="en-US" o-tmf="x"/>
<body>
<tu tuid="7">
<tuv xml:lang="de-DE"><seg>Ein <bpt i="1">&lt;b&gt;</bpt>fetter<ept i="1">&lt;/b&gt;</ept> Satz<ph x="2">&lt;br/&gt;</ph>.</seg></tuv>
<tuv xml:lang="en-US"><seg>A <hi type="b">bold</hi> sentence.</seg></tuv>
</tu>
<tu><tuv lang="en-US"><seg>old style</seg></tuv><tuv lang="fr"><seg>vieux</seg></tuv></tu>
</body>
</tmx>`
	units, err := tmx.Read(strings.NewReader(foreign))
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 2 || units[0].Source.Text != "A bold sentence." || units[0].Target("de") != "Ein fetter Satz." || units[1].Target("fr") != "vieux" {
		t.Errorf("units %+v", units)
	}
}

func TestBadInput(t *testing.T) {
	var good bytes.Buffer
	tmx.Write(&good, tmx.Header{SourceLang: "zh-Hans"}, pairs(t))
	cases := map[string]struct {
		data string
		err  error
		line int
	}{
		"malformed":       {strings.Replace(good.String(), "</seg></tuv>", "</tuv>", 1), xmlsafe.ErrSyntax, 8},
		"truncated":       {good.String()[:good.Len()/2], xmlsafe.ErrSyntax, 0},
		"external entity": {`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + "\n<tmx><body><tu><tuv xml:lang=\"en\"><seg>&x;</seg></tuv></tu></body></tmx>", xmlsafe.ErrDoctype, 2},
		"billion laughs": {`<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<tmx><body><tu><tuv xml:lang="en"><seg>&lol2;</seg></tuv></tu></body></tmx>`, xmlsafe.ErrDoctype, 2},
		"undeclared entity": {"<tmx>\n<body><tu><tuv xml:lang=\"en\"><seg>&lol;</seg></tuv></tu></body></tmx>", xmlsafe.ErrSyntax, 2},
		"dtd":               {"<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx><body><tu><tuv xml:lang=\"en\"><seg>&x;</seg></tuv></tu></body></tmx>", xmlsafe.ErrSyntax, 3},
		"not tmx":           {`<?xml version="1.0"?><xliff version="1.2"/>`, tmx.ErrNotTMX, 1},
		"empty":             {"", tmx.ErrNotTMX, 0},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			units, err := tmx.ReadFile("m.tmx", strings.NewReader(c.data))
			var xe *xmlsafe.Error
			if !errors.Is(err, c.err) || !errors.As(err, &xe) || units != nil {
				t.Fatalf("Read = %d units, %v; want %v", len(units), err, c.err)
			}
			if c.line > 0 && xe.Line != c.line {
				t.Errorf("line %d, want %d: %v", xe.Line, c.line, err)
			}
			if !strings.HasPrefix(err.Error(), "m.tmx:") {
				t.Errorf("%q does not name the file", err)
			}
			t.Log(err)
		})
	}
}

// TestStdlibDoesNotExpand checks what the DOCTYPE refusal relies on as a
// second line: encoding/xml neither expands entities declared in a DTD
// nor fetches external ones.
func TestStdlibDoesNotExpand(t *testing.T) {
	_, err := tmx.Read(strings.NewReader("<tmx>\n<body><tu><tuv xml:lang=\"en\"><seg>&lol2;</seg></tuv></tu></body></tmx>"))
	if err == nil || !strings.Contains(err.Error(), "invalid character entity &lol2;") {
		t.Errorf("an entity without a DTD: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	var good bytes.Buffer
	tmx.Write(&good, tmx.Header{SourceLang: "zh-Hans"}, pairs(f))
	f.Add(good.Bytes())
	f.Add([]byte(`<tmx><body><tu><tuv xml:lang="en"><seg>a<bpt>x</bpt></seg></tuv></tu></body></tmx>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		units, err := tmx.Read(bytes.NewReader(data))
		if err != nil && units != nil {
			t.Error("units with an error")
		}
	})
}
