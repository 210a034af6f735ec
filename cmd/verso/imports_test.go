package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// importRules keeps the architecture: imports point one way, cmd →
// internal/cli → internal/installed → export/*, internal/project →
// align/msgfile → align, and each third-party library lives behind one
// package. A rule names a package (prefix) and what it must not depend on,
// directly or indirectly, with the reason.
var importRules = []struct {
	pkg, forbidden, why string
}{
	{"verso/align", "verso/export", "the model knows no exporter"},
	{"verso/align", "verso/internal", "the model does no I/O and knows no command"},
	{"verso/export", "verso/internal", "exporters are pure: they take documents and writers"},
	{"verso/export/pdf", "verso/export/xlsx", "exporters never import each other"},
	{"verso/export/xlsx", "verso/export/pdf", "exporters never import each other"},
	{"verso/align/bitext", "verso/align/msgfile", "the aligner works on segments, not on files"},
	{"verso/internal/project", "verso/export", "loading a repository needs no exporter"},
	{"verso/internal/txn", "verso/", "transactions know files, not what is in them"},
}

// importBans forbid a package (prefix) to import a standard package
// itself: unlike importRules they look at direct imports only, since fmt
// and most of the standard library depend on os.
var importBans = []struct {
	pkg, forbidden, why string
}{
	{"verso/export", "os", "exporters are pure: the CLI layer finds fonts and patterns"},
	{"verso/export", "os/exec", "exporters are pure: the CLI layer finds fonts and patterns"},
}

// libraryHomes says which packages may import a third-party library.
var libraryHomes = map[string]string{
	"codeberg.org/go-pdf/fpdf":      "verso/export/pdf",
	"github.com/xuri/excelize":      "verso/export/xlsx",
	"github.com/nicksnyder/go-i18n": "verso/align/msgfile",
	"github.com/yuin/goldmark":      "verso/align",
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports,Deps", "verso/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath    string
			Imports, Deps []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.ImportPath, "verso/") {
			continue
		}
		for _, r := range importRules {
			if !strings.HasPrefix(p.ImportPath, r.pkg) {
				continue
			}
			for _, d := range p.Deps {
				if strings.HasPrefix(d, r.forbidden) {
					t.Errorf("%s depends on %s: %s", p.ImportPath, d, r.why)
				}
			}
		}
		for _, imp := range p.Imports {
			for _, b := range importBans {
				if strings.HasPrefix(p.ImportPath, b.pkg) && imp == b.forbidden {
					t.Errorf("%s imports %s: %s", p.ImportPath, imp, b.why)
				}
			}
			for lib, home := range libraryHomes {
				if strings.HasPrefix(imp, lib) && !strings.HasPrefix(p.ImportPath, home) {
					t.Errorf("%s imports %s, which only %s may use", p.ImportPath, imp, home)
				}
			}
		}
	}
}
