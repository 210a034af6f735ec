package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Markdown returns a Markdown document of about n segments, generated
// deterministically from seed, in the shape of a long legal or technical
// text: a title, chapters (##) of articles (###), paragraphs with strong,
// emphasis, code spans, links and footnote references, ordered items with
// nested bullet items, block quotes, a table now and then, footnote
// definitions at the end of each chapter, and code blocks and rules that
// are skipped.
func Markdown(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 0x3d))
	var b strings.Builder
	b.Grow(n * 150)
	b.WriteString("# 上海合作组织成员国元首理事会文件汇编\n")
	chapter, article, note := 0, 0, 0
	var notes []int
	for i := 1; i < n; {
		b.WriteString("\n")
		switch pos := i % 40; {
		case pos == 1:
			for _, k := range notes {
				fmt.Fprintf(&b, "[^%d]: %s。\n\n", k, sentence(r, 3+r.IntN(5)))
				i++
			}
			notes = notes[:0]
			chapter++
			fmt.Fprintf(&b, "## 第%d章 %s\n", chapter, pick(r, phrases))
			i++
		case pos%8 == 2:
			article++
			fmt.Fprintf(&b, "### 第%d条\n", article)
			i++
		case pos == 13:
			for k := 1; k <= 3; k++ {
				fmt.Fprintf(&b, "%d. %s;\n", k, inline(r, sentence(r, 3+r.IntN(4))))
				fmt.Fprintf(&b, "   - %s。\n", sentence(r, 2+r.IntN(3)))
			}
			i += 6
		case pos == 21:
			fmt.Fprintf(&b, "> %s。\n", inline(r, sentence(r, 4+r.IntN(6))))
			i++
		case pos == 29 && chapter%5 == 0:
			b.WriteString("| 项目 | 说明 | 编号 |\n|:--|:--|--:|\n")
			for row := range 3 {
				fmt.Fprintf(&b, "| %s | %s | `%d` |\n", pick(r, phrases), pick(r, phrases), row+1)
			}
			i += 12
		case pos == 33 && chapter%10 == 0:
			b.WriteString("```\ncode, not translated\n```\n\n---\n")
		default:
			for s := range 1 + r.IntN(4) {
				b.WriteString(inline(r, sentence(r, 4+r.IntN(10))))
				b.WriteString("。")
				if s == 0 && r.IntN(6) == 0 {
					note++
					notes = append(notes, note)
					fmt.Fprintf(&b, "[^%d]", note)
				}
			}
			b.WriteString("\n")
			i++
		}
	}
	for _, k := range notes {
		fmt.Fprintf(&b, "\n[^%d]: %s。\n", k, sentence(r, 3+r.IntN(5)))
	}
	return []byte(b.String())
}

// inline puts some inline markup into a sentence: strong or emphasized
// phrases, a code span, a link.
func inline(r *rand.Rand, s string) string {
	switch r.IntN(6) {
	case 0:
		return strings.Replace(s, "我们", "**我们**", 1)
	case 1:
		return s + "(见[附件](https://example.org/annex/" + fmt.Sprint(r.IntN(1000)) + "))"
	case 2:
		return strings.Replace(s, "和", "和*", 1) + "*"
	case 3:
		return s + ",代码 `" + fmt.Sprint(r.IntN(100000)) + "`"
	}
	return s
}
