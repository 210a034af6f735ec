package bitext_test

import (
	"fmt"

	"verso/align"
	"verso/align/bitext"
)

// A translator split the first paragraph and merged the last two.
func ExampleAlign() {
	src, _ := align.Parse("memo.txt", "zh-Hans", []byte(
		"合作备忘录\n\n"+
			"双方于2018年6月10日在青岛签署本备忘录。双方同意加强在卫生领域的合作。\n\n"+
			"双方将每年举行一次会议,交流经验。\n\n"+
			"本备忘录自签署之日起生效,有效期五年。\n\n"+
			"2020年11月10日\n"))
	tgt, _ := align.Parse("memo.en.md", "en", []byte(
		"# Memorandum of Cooperation\n\n"+
			"The Parties signed this Memorandum in Qingdao on 10 June 2018.\n\n"+
			"The Parties agree to strengthen cooperation in the field of health.\n\n"+
			"The Parties will hold a meeting once a year to exchange experience. "+
			"This Memorandum enters into force on the date of signature and remains in force for five years.\n\n"+
			"10 November 2020\n"))
	a := bitext.Align(src.Segments, tgt.Segments, bitext.Options{})
	for _, b := range a.Beads {
		fmt.Printf("%s: source %d-%d, target %d-%d\n", b.Shape(), b.Src.Start, b.Src.End-1, b.Tgt.Start, b.Tgt.End-1)
	}
	for _, p := range a.Translations(src.Segments, tgt.Segments, bitext.Options{}) {
		fmt.Printf("%d: %s\n", p.Seg, p.Text)
	}
	// Output:
	// 1-1: source 0-0, target 0-0
	// 1-2: source 1-1, target 1-2
	// 2-1: source 2-3, target 3-3
	// 1-1: source 4-4, target 4-4
	// 0: Memorandum of Cooperation
	// 1: The Parties signed this Memorandum in Qingdao on 10 June 2018. The Parties agree to strengthen cooperation in the field of health.
	// 2: The Parties will hold a meeting once a year to exchange experience.
	// 3: This Memorandum enters into force on the date of signature and remains in force for five years.
	// 4: 10 November 2020
}
