package wordseg

import (
	"strings"
	"testing"
)

// The seed's headings split into their words: 元首 and 理事会 stay whole.
// Words newer than the dictionary (新冠, 2020) fall apart into characters;
// only runs of Han characters are split.
func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"上海合作组织成员国元首理事会关于共同应对新冠肺炎疫情的声明": "上海|合作|组织|成员国|元首|理事会|关于|共同|应对|新|冠|肺炎|疫情|的|声明",
		"打击利用互联网等渠道传播恐怖主义":              "打击|利用|互联网|等|渠道|传播|恐怖主义",
		"第二次世界大战胜利75周年":                 "第二次|世界大战|胜利75周年",
	} {
		got := strings.Join(Words(in), "|")
		if got != want {
			t.Errorf("Words(%q) = %s, want %s", in, got, want)
		}
	}
}

// Segmenting keeps every byte: the words joined are the text.
func FuzzWords(f *testing.F) {
	f.Add("上海合作组织成员国元首理事会")
	f.Add("a元首b 理事会，")
	f.Fuzz(func(t *testing.T, s string) {
		if got := strings.Join(Words(s), ""); got != s {
			t.Fatalf("%q segments to %q", s, got)
		}
	})
}
