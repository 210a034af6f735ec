package exchange_test

import (
	"testing"

	"verso/align"
	"verso/export/exchange"
)

// TestMarkdownRoundTrip renders parsed inline markup back: verso's own
// spelling of each span gives the text back byte for byte.
func TestMarkdownRoundTrip(t *testing.T) {
	for _, src := range []string{
		"见**重要**的[链接](https://example.org)和`代码`。[^1]",
		"**粗体 *斜体* 结束** 与 ~~删除~~",
		"第一行\\\n第二行",
		"纯文本 2*3",
		"[**粗体链接**](https://a.b/c?d=1)",
	} {
		in := align.ParseInline(align.FormatMarkdown, src)
		if got := exchange.Markdown(in); got != src {
			t.Errorf("Markdown(ParseInline(%q)) = %q (%+v)", src, got, in)
		}
	}
}
