// Package corpus generates large synthetic Chinese documents for benchmarks:
// plain text with a title, sections with headings, paragraphs of varying
// length, list items, date lines and notes, in the shape of the seed.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var phrases = strings.Fields(`上海合作组织 成员国 领导人 国际社会 联合国 加强合作 共同应对 新冠肺炎疫情
世界卫生组织 经济社会 人民生命健康 民生福祉 可持续发展 数字经济 信息安全 恐怖主义 分裂主义 极端主义
麻醉药品 精神药物 易制毒化学品 互联网 主管机关 国际法 和平与安全 公平公正 非歧视性 营商环境
基础设施 人工智能 创新集群 科技园区 中小型企业 人员培训 务实合作 多边合作 双边关系 区域合作
发展中国家 全球经济复苏 包容性增长 共同繁荣 相互尊重 平等协商 互利共赢 历史记忆 第二次世界大战
胜利成果 纪念设施 有效措施 政治意愿 法律框架 行动计划 国际标准 反洗钱 资金来源 青年群体 公民团体`)

var verbs = strings.Fields(`强调 认为 指出 重申 呼吁 支持 欢迎 注意到 表示 愿意 主张 决定 同意 坚持 推动 促进 完善 落实`)

// Text returns a document of n segments, generated deterministically from
// seed. About one segment in twenty is a heading, each section ends with a
// date line and a note, and a few paragraphs are list items.
func Text(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var b strings.Builder
	b.Grow(n * 120)
	b.WriteString("上海合作组织成员国元首理事会文件汇编\n")
	section := 0
	for i := 1; i < n; i++ {
		b.WriteString("\n")
		switch pos := i % 20; {
		case pos == 1:
			section++
			fmt.Fprintf(&b, "\u00a0\u00a0关于%s和%s的第%d号声明\n", pick(r, phrases), pick(r, phrases), section)
		case pos == 18:
			fmt.Fprintf(&b, "%d年%d月%d日\n", 2000+r.IntN(25), 1+r.IntN(12), 1+r.IntN(28))
		case pos == 19:
			fmt.Fprintf(&b, "(新华社莫斯科%d月%d日电)  \n", 1+r.IntN(12), 1+r.IntN(28))
		case pos == 7 || pos == 8:
			fmt.Fprintf(&b, "——%s;\n", sentence(r, 3+r.IntN(4)))
		default:
			for s := range 1 + r.IntN(4) {
				if s > 0 {
					b.WriteString("")
				}
				b.WriteString(sentence(r, 4+r.IntN(10)))
				b.WriteString("。")
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// sentence returns a clause-chain of about words phrases.
func sentence(r *rand.Rand, words int) string {
	var b strings.Builder
	b.WriteString("我们")
	b.WriteString(pick(r, verbs))
	for w := range words {
		switch {
		case w > 0 && w%4 == 0:
			b.WriteString(",")
			b.WriteString(pick(r, verbs))
		case w > 0 && r.IntN(3) == 0:
			b.WriteString("、")
		case w > 0:
			b.WriteString("和")
		}
		b.WriteString(pick(r, phrases))
	}
	if r.IntN(5) == 0 {
		fmt.Fprintf(&b, "第%d项", r.IntN(100000))
	}
	return b.String()
}

// Edit returns a copy of text with every hundredth paragraph edited: a
// phrase is replaced inside it, so IDs must be carried and the segments'
// translations become stale.
func Edit(text []byte) []byte {
	blocks := strings.Split(string(text), "\n\n")
	for i := 50; i < len(blocks); i += 100 {
		blocks[i] = strings.Replace(blocks[i], "和", "及", 1)
	}
	return []byte(strings.Join(blocks, "\n\n"))
}

// RepeatedLine is the line Repeated repeats: the same date closing every
// statement, as in the seed.
const RepeatedLine = "2020年11月10日"

// Repeated returns a document of n segments in which every tenth is
// [RepeatedLine] and the others are generated paragraphs (the shape that
// makes pairing repeated texts expensive).
func Repeated(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var b strings.Builder
	b.Grow(n * 120)
	for i := range n {
		if i > 0 {
			b.WriteString("\n")
		}
		if i%10 == 9 {
			b.WriteString(RepeatedLine + "\n")
			continue
		}
		fmt.Fprintf(&b, "%s。第%d段。\n", sentence(r, 4+r.IntN(10)), i)
	}
	return []byte(b.String())
}

// AddRepeats returns a copy of text with k more [RepeatedLine] blocks,
// spread evenly between its blocks.
func AddRepeats(text []byte, k int) []byte {
	blocks := strings.Split(strings.TrimRight(string(text), "\n"), "\n\n")
	step := max(1, len(blocks)/max(k, 1))
	out := make([]string, 0, len(blocks)+k)
	for i, bl := range blocks {
		out = append(out, bl)
		if k > 0 && i%step == step/2 {
			out = append(out, RepeatedLine)
			k--
		}
	}
	for ; k > 0; k-- {
		out = append(out, RepeatedLine)
	}
	return []byte(strings.Join(out, "\n\n") + "\n")
}

// Huge returns one paragraph of about n bytes of Chinese sentences
// without a blank line (a pathological segment).
func Huge(n int) []byte {
	r := rand.New(rand.NewPCG(7, 0x5eed))
	var b strings.Builder
	b.Grow(n + 256)
	for b.Len() < n {
		b.WriteString(sentence(r, 4+r.IntN(10)))
		b.WriteString("。")
	}
	return []byte(b.String())
}
