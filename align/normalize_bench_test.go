package align

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// BenchmarkNormalize measures the common case: text already folded, in
// Chinese, Russian and English.
func BenchmarkNormalize(b *testing.B) {
	texts := []string{
		strings.Repeat("我们,上海合作组织成员国领导人,强调新冠肺炎疫情仍在本地区及全球蔓延。", 8),
		strings.Repeat("Мы, руководители государств – членов Шанхайской организации сотрудничества, ", 8),
		strings.Repeat("We, the leaders of the Member States of the Shanghai Cooperation Organisation, ", 8),
	}
	n := 0
	for i, t := range texts {
		texts[i] = strings.TrimSpace(t)
		n += len(texts[i])
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, t := range texts {
			Normalize(t)
		}
	}
}

// FuzzNormalize checks the fast path: text scan calls inert and folded
// must be left alone by NFC and by folding, and Normalize is idempotent.
func FuzzNormalize(f *testing.F) {
	f.Add("我们,上海\n合作 组织。")
	f.Add("Мы, руководители\u00a0государств")
	f.Add("e\u0301 \u212b \u2000x")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := Normalize(s)
		if inert, folded := scan(s); inert && folded && (norm.NFC.String(s) != s || n != s) {
			t.Fatalf("scan took %q for normalized", s)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize is not idempotent on %q: %q then %q", s, n, Normalize(n))
		}
		if strings.Contains(n, "  ") || strings.TrimSpace(n) != n {
			t.Fatalf("Normalize(%q) = %q has unfolded space", s, n)
		}
	})
}
