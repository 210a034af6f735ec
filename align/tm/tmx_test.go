package tm

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/internal/testenv"
)

const sampleTMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="paragraph" o-tmf="none" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="zh-CN"><seg>我们呼吁国际社会加强合作。</seg></tuv>
      <tuv xml:lang="en-GB"><seg>We call on the <hi>international community</hi> to strengthen cooperation.</seg></tuv>
      <tuv xml:lang="ru"><seg>Мы призываем международное сообщество укреплять сотрудничество.</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="zh-CN"><seg>见<bpt i="1">&lt;b&gt;</bpt>附件<ept i="1">&lt;/b&gt;</ept>。</seg></tuv>
      <tuv xml:lang="en"><seg>See the <bpt i="1">&lt;b&gt;</bpt>annex<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
    </tu>
    <tu tuid="3">
      <tuv xml:lang="zh-CN"><seg>只有中文。</seg></tuv>
    </tu>
  </body>
</tmx>
`

func TestReadTMX(t *testing.T) {
	pairs, err := ReadTMX("memory/a.tmx", []byte(sampleTMX), "zh-Hans", "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2 || pairs[0].Target != "We call on the international community to strengthen cooperation." ||
		pairs[1].Source != "见附件。" || pairs[1].Target != "See the annex." || pairs[0].Line != 5 {
		t.Errorf("%+v", pairs)
	}
	if ru, _ := ReadTMX("memory/a.tmx", []byte(sampleTMX), "zh", "ru"); len(ru) != 1 {
		t.Errorf("ru: %+v", ru)
	}
	if us, _ := ReadTMX("memory/a.tmx", []byte(sampleTMX), "zh", "en-US"); len(us) != 1 {
		t.Errorf("en-US matches the untagged en only: %+v", us)
	}
}

// TestReadTMXFromTranslateToolkit reads what translate-toolkit's po2tmx
// writes.
func TestReadTMXFromTranslateToolkit(t *testing.T) {
	po2tmx := testenv.Command(t, "po2tmx", "translate-toolkit")
	dir := t.TempDir()
	po := filepath.Join(dir, "a.po")
	os.WriteFile(po, []byte("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"+
		"msgid \"我们呼吁国际社会加强合作。\"\nmsgstr \"We call on the international community to strengthen cooperation.\"\n"), 0o644)
	out := filepath.Join(dir, "a.tmx")
	if b, err := exec.Command(po2tmx, "-l", "en", "--source-language=zh", po, out).CombinedOutput(); err != nil {
		t.Fatalf("po2tmx: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := ReadTMX("a.tmx", data, "zh-Hans", "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 1 || !strings.HasPrefix(pairs[0].Target, "We call on") {
		t.Errorf("%+v", pairs)
	}
	m := New()
	for _, p := range pairs {
		m.Add(Entry{Source: p.Source, Target: p.Target, Origin: "a.tmx"})
	}
	if got := m.Lookup("我们呼吁国际社会进一步加强合作。", "", 0.5, 1); len(got) != 1 || got[0].Origin != "a.tmx" {
		t.Errorf("lookup: %+v", got)
	}
}

func TestReadTMXRefusesBadInput(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"not XML", "<tmx><body>", "a.tmx:1: not a readable TMX file"},
		{"not TMX", "<xliff></xliff>", "root element <xliff>"},
		{"empty", "", "empty file"},
		{"external entity", `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx><body><tu><tuv xml:lang="zh"><seg>&x;</seg></tuv></tu></body></tmx>`, "declares entities"},
		{"billion laughs", `<!DOCTYPE tmx [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><tmx>&b;</tmx>`, "declares entities"},
		{"truncated", `<tmx><body><tu><tuv xml:lang="zh"><seg>上海`, "not a readable TMX file"},
	}
	for _, tt := range tests {
		_, err := ReadTMX("a.tmx", []byte(tt.data), "zh", "en")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func FuzzReadTMX(f *testing.F) {
	f.Add([]byte(sampleTMX))
	f.Add([]byte(`<tmx><body><tu><tuv lang="zh"><seg>a<ph>x</ph></seg></tuv><tuv lang="en"><seg>b</seg></tuv></tu></body></tmx>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pairs, err := ReadTMX("f.tmx", data, "zh", "en")
		if err != nil {
			return
		}
		m := New()
		for _, p := range pairs {
			m.Add(Entry{Source: p.Source, Target: p.Target})
			m.Lookup(p.Source, "", 0.5, 3)
		}
	})
}

func FuzzLookup(f *testing.F) {
	f.Add("我们呼吁国际社会加强合作。", "我们呼吁国际社会加强合作", 0.5)
	f.Add("a", "", 0.0)
	f.Fuzz(func(t *testing.T, a, b string, min float64) {
		if min != min || min < 0 || min > 1 {
			return
		}
		m := New()
		m.Add(Entry{Source: a, Target: "x"})
		for _, got := range m.Lookup(b, "", min, 2) {
			if got.Score < min || got.Score > 1 {
				t.Fatalf("score %v outside [%v, 1]", got.Score, min)
			}
		}
	})
}
