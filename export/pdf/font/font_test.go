package font

import (
	"testing"

	"github.com/go-fonts/liberation/liberationserifregular"

	"verso/internal/testenv"
)

func TestParseReadsMetricsAndCoverage(t *testing.T) {
	f, err := Parse(liberationserifregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	if f.Family != "Liberation Serif" {
		t.Errorf("Family = %q", f.Family)
	}
	if !f.Has('A') || !f.Has('Ж') || f.Has('中') || f.Has('𠮷') {
		t.Errorf("coverage wrong: A %v Ж %v 中 %v 𠮷 %v", f.Has('A'), f.Has('Ж'), f.Has('中'), f.Has('𠮷'))
	}
	if w := f.Width('0'); w != 500 {
		t.Errorf("Width('0') = %d, want 500", w)
	}
}

func TestParseRefusesWhatCannotBeEmbedded(t *testing.T) {
	for name, data := range map[string][]byte{
		"cff":        []byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"),
		"collection": []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"),
		"garbage":    []byte("not a font at all"),
		"truncated":  liberationserifregular.TTF[:200],
	} {
		if _, err := Parse(data); err == nil {
			t.Errorf("%s: Parse succeeded", name)
		}
	}
}

func TestExtractFaceOfCollection(t *testing.T) {
	const ttc = "/usr/share/fonts/truetype/arphic/uming.ttc"
	data := testenv.File(t, ttc, "fonts-arphic-uming")
	if !IsCollection(data) || Faces(data) < 2 {
		t.Fatalf("%s: not a collection", ttc)
	}
	for lang, want := range map[string]string{"zh-Hans": "AR PL UMing CN", "zh-Hant": "AR PL UMing TW"} {
		one, err := Extract(data, FaceFor(data, lang))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(one)
		if err != nil {
			t.Fatal(err)
		}
		if f.Family != want || !f.Has('中') || f.Width('中') != 1000 {
			t.Errorf("%s: face %q, has 中 %v width %d", lang, f.Family, f.Has('中'), f.Width('中'))
		}
	}
}

// Ink reads where a glyph's ink lies on its advance: Liberation Serif's
// comma sits in its advance, its space has none.
func TestInk(t *testing.T) {
	f, err := Parse(liberationserifregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	x0, x1, ok := f.Ink(',')
	if !ok || x0 < 0 || x1 <= x0 || x1 > f.Width(',') {
		t.Errorf("Ink(',') = %d, %d, %v; advance %d", x0, x1, ok, f.Width(','))
	}
	if _, _, ok := f.Ink(' '); ok {
		t.Error("Ink(' ') is ok: a space has no ink")
	}
	if _, _, ok := f.Ink('中'); ok {
		t.Error("Ink('中') is ok: the face has no such glyph")
	}
}
