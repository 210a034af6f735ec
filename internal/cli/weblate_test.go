package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/internal/project"
	"verso/internal/testenv"
)

// weblateScript edits an XLIFF 1.2 file the way Weblate saves one (its
// default XLIFF format, "XLIFF 1.2 with placeables", weblate/formats/ttkit.py
// RichXliffUnit and XliffUnit.set_state): translate-toolkit's store, the
// target parsed from the editor's string with its inline codes
// (placeables.lisa.parse_xliff, as weblate.utils.xml.xliff_string_to_rich)
// and set as rich_target, approved="yes" only for approved, and the
// target's state: final (approved), translated, or needs-translation
// (Weblate's "needs editing"). argv: the file, then triples: a word of
// the unit's source, its target as Weblate's editor string, the state
// (approved, translated or fuzzy).
const weblateScript = `import sys
from lxml import etree
from translate.storage import xliff
from translate.storage.placeables.lisa import parse_xliff, strelem_to_xml

def rich_to_string(elems):
    e = etree.Element("e")
    for s in elems:
        strelem_to_xml(e, s)
    for c in e:
        if c.tag.startswith("{"):
            c.tag = c.tag[c.tag.index("}") + 1:]
    etree.cleanup_namespaces(e)
    return etree.tostring(e, encoding="unicode")[3:-4]

store = xliff.xlifffile.parsefile(sys.argv[1])
edits = [sys.argv[i:i + 3] for i in range(2, len(sys.argv), 3)]
for unit in store.units:
    source = rich_to_string(unit.rich_source)
    for word, target, state in edits:
        if word in source:
            unit.rich_target = [parse_xliff(target)]
            unit.markapproved(state == "approved")
            unit.xmlelement.find(unit.namespaced("target")).set("state", {"approved": "final", "translated": "translated", "fuzzy": "needs-translation"}[state])
store.savefile(sys.argv[1])
`

// TestXLIFFWeblate: a file Weblate saved (translate-toolkit re-serializes
// it; targets with <g>/<x> inline codes come from the editor's XML string)
// imports with Weblate's states: final/approved as approved, translated,
// needs-translation as a translation to review; the codes come back as
// Markdown.
func TestXLIFFWeblate(t *testing.T) {
	py := testenv.PythonWith(t, "translate.storage.placeables.lisa", "translate-toolkit")
	root := miniRepo(t, map[string]string{
		"verso.toml":     "source_language = \"zh-Hans\"\nlocales = [\"ru\"]\n",
		"sources/doc.md": "# 声明\n\n见**重要**的[链接](https://example.org/a?b=1&c=2)和`代码`。[^1]\n\n第二段。\n\n[^1]: 脚注。\n",
	})
	mustRun(t, root, 0, "sync")
	mustRun(t, root, 0, "xliff", "export", "--locale", "ru", "--version", "1.2")
	file := filepath.Join(root, "xliff", "ru.xlf")
	out, err := exec.Command(py, "-c", weblateScript, file,
		"声明", "Заявление", "approved",
		"链接", weblateLink, "translated",
		"脚注", "Сноска.", "fuzzy").CombinedOutput()
	if err != nil {
		t.Fatalf("translate-toolkit: %v\n%s", err, out)
	}
	if data := readFile(t, file); !strings.Contains(string(data), `approved="yes"`) || !strings.Contains(string(data), `<target state="needs-translation">Сноска.</target>`) {
		t.Fatalf("not what Weblate writes:\n%s", data)
	}
	stdout, _ := mustRun(t, root, 0, "xliff", "import", "xliff/ru.xlf")
	if !strings.Contains(stdout, "xliff/ru.xlf: ru: 3 translations imported") {
		t.Errorf("stdout: %s", stdout)
	}
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	want, review := map[string]string{}, []string{}
	for _, s := range p.Doc("doc").Segments {
		switch {
		case strings.Contains(s.Text, "声明"):
			want[s.ID] = "Заявление"
		case strings.Contains(s.Text, "链接"):
			want[s.ID] = "См. **важную** [ссылку](https://example.org/a?b=1&c=2) и `代码`.[^1]"
		case strings.Contains(s.Text, "脚注"):
			want[s.ID] = "Сноска."
			review = append(review, s.ID)
		}
	}
	assertTranslations(t, root, "doc", want, review...)
	var approved []string
	for _, r := range p.TranslationsOf(p.Doc("doc"), "ru").Reviews {
		if r.Flag == "approved" {
			approved = append(approved, want[r.ID])
		}
	}
	if len(approved) != 1 || approved[0] != "Заявление" {
		t.Errorf("approved: %q, want the title", approved)
	}
}

// weblateLink is the translation of the paragraph with a link as a
// translator types it in Weblate's editor, which shows the source's codes
// as XML: the codes kept, their text translated.
const weblateLink = `См. <g id="1" ctype="bold">важную</g> <g id="2" ctype="link" equiv-text="https://example.org/a?b=1&amp;c=2">ссылку</g> и <g id="3" ctype="x-code">代码</g>.<x id="4" ctype="x-fnref" equiv-text="1"/>`
