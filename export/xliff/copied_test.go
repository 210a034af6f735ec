package xliff_test

import (
	"bytes"
	"testing"

	"verso/align"
	"verso/export/xliff"
)

// TestCopiedSourceIsNoTranslation: a file prepared for OmegaT has the
// source copied into the empty target of every unit (OmegaT translates
// targets and skips units without one); a unit that comes back with that
// copy, in a draft state, is no translation, while one whose draft target
// was translated is a translation to review. The translated, approved
// and stale units read as exported.
func TestCopiedSourceIsNoTranslation(t *testing.T) {
	for _, c := range []struct {
		version, missing, copied, translated string
	}{
		{xliff.V12, "<source>第四段。</source>\n",
			"<source>第四段。</source>\n        <target state=\"needs-translation\">第四段。</target>\n",
			"<source>第四段。</source>\n        <target state=\"needs-translation\">Fourth.</target>\n"},
		{xliff.V21, "<source>第四段。</source></segment>",
			"<source>第四段。</source><target>第四段。</target></segment>",
			"<source>第四段。</source><target>Fourth.</target></segment>"},
	} {
		data, segs := sample(t, c.version)
		if !bytes.Contains(data, []byte(c.missing)) {
			t.Fatalf("%s: no missing unit:\n%s", c.version, data)
		}
		for _, tc := range []struct {
			edit, text, status string
		}{{c.copied, "", ""}, {c.translated, "Fourth.", align.NeedsReview}} {
			f, err := xliff.Read("ru.xlf", bytes.Replace(data, []byte(c.missing), []byte(tc.edit), 1))
			if err != nil {
				t.Fatalf("%s: %v", c.version, err)
			}
			want := []struct{ text, status string }{
				{"Title", ""}, {"First <b>&amp;</b>.", align.NeedsReview}, {"Second.", align.Approved}, {"", ""}, {tc.text, tc.status},
			}
			if n := len(f.Parts[0].Entries); n != len(want) {
				t.Fatalf("%s, %q: %d entries, want %d", c.version, tc.edit, n, len(want))
			}
			for i, e := range f.Parts[0].Entries {
				if e.ID != segs[i].ID || e.Text != want[i].text || e.Status != want[i].status || e.BaseErr != nil {
					t.Errorf("%s, %q: entry %d = %+v, want %+v", c.version, tc.edit, i, e, want[i])
				}
			}
		}
	}
}
