package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestDiffRuns(t *testing.T) {
	show := func(runs []excelize.RichTextRun) string {
		var b strings.Builder
		for _, r := range runs {
			switch r.Font {
			case deletedFont:
				b.WriteString("-[" + r.Text + "]")
			case insertedFont:
				b.WriteString("+[" + r.Text + "]")
			default:
				b.WriteString(r.Text)
			}
		}
		return b.String()
	}
	tests := []struct{ old, new, wantOld, wantNew string }{
		{"第二段落。", "第二段落已经修改。", "第二段落。", "第二段落+[已经修改]。"},
		{"我们向各国医务工作者致敬", "我们向医务工作者致以敬意", "我们向-[各国]医务工作者致敬", "我们向医务工作者致+[以]敬+[意]"},
		{"same", "same", "same", "same"},
	}
	for _, tc := range tests {
		o, n, ok := diffRuns(tc.old, tc.new)
		if !ok || show(o) != tc.wantOld || show(n) != tc.wantNew {
			t.Errorf("diffRuns(%q, %q) = %q, %q, %v; want %q, %q", tc.old, tc.new, show(o), show(n), ok, tc.wantOld, tc.wantNew)
		}
	}
	if _, _, ok := diffRuns(strings.Repeat("长", 3000), strings.Repeat("短", 3000)); ok {
		t.Errorf("diffRuns compared texts beyond the limit")
	}
}
