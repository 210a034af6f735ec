package pdf

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAtomsKeepKinsoku(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"我们，上海", []string{"我", "们，", "上", "海"}},
		{"（新华社）电", []string{"（新", "华", "社）", "电"}},
		{"他说——好……吧", []string{"他", "说", "——", "好……", "吧"}},
		{"弘扬“上海精神”，根据", []string{"弘", "扬“上", "海", "精", "神”，", "根", "据"}},
		{"马克·吐温", []string{"马", "克·", "吐", "温"}},
		{"2020年11月10日", []string{"2020年", "11月", "10日"}},
		{"《公约》。", []string{"《公", "约》。"}},
		{"the world, it", []string{"the ", "world, ", "it"}},
		{"государств – членов", []string{"государств – ", "членов"}},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range atoms(tt.text) {
			got = append(got, a.text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("atoms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPrepareDropsSpaceBetweenCJK(t *testing.T) {
	for in, want := range map[string]string{
		"上海\n合作":       "上海合作",
		"  a \t b  ":   "a b",
		"上海 SCO 组织":    "上海 SCO 组织",
		"成员国\u3000领导人": "成员国\u3000领导人",
		"成员国\n领导人":     "成员国领导人",
	} {
		if got := prepare(in); got != want {
			t.Errorf("prepare(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzAtoms checks that breaking never loses or reorders a byte and that no
// atom after the first (but after a mandatory break) starts with a
// character kinsoku forbids at a line start.
func FuzzAtoms(f *testing.F) {
	for _, s := range []string{"我们，上海合作组织。", "a——b……c·d", "𠮷野家（吉野家）", "the end. 2020年"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var b strings.Builder
		as := atoms(s)
		for i, a := range as {
			if a.text == "" {
				t.Fatalf("empty atom in %q", s)
			}
			r, _ := utf8.DecodeRuneInString(a.text)
			if i > 0 && !as[i-1].hard && strings.ContainsRune(noStart, r) {
				t.Errorf("atom %q of %q starts with %q", a.text, s, r)
			}
			b.WriteString(a.text)
		}
		if b.String() != s {
			t.Fatalf("atoms of %q join to %q", s, b.String())
		}
	})
}

func TestKeepControlsWidowsAndOrphans(t *testing.T) {
	tests := []struct{ n, i, k, want int }{
		{10, 0, 10, 10}, // fits
		{10, 0, 12, 10},
		{10, 0, 5, 5}, // split in the middle
		{10, 0, 9, 8}, // would leave a widow: two lines go over
		{10, 0, 1, 0}, // would leave an orphan: the block goes over
		{3, 0, 2, 0},  // a three-line block is never split
		{10, 4, 1, 1}, // a continuation may take one line
		{10, 4, 5, 4}, // but leaves two for the next page
		{2, 0, 1, 0},
	}
	for _, tt := range tests {
		if got := keep(tt.n, tt.i, tt.k); got != tt.want {
			t.Errorf("keep(%d, %d, %d) = %d, want %d", tt.n, tt.i, tt.k, got, tt.want)
		}
	}
}
