package main

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"verso/internal/cli"
)

// TestManualMatchesCommands checks the manual against the command table:
// every command verso help lists is in the package documentation
// (doc.go) and in README's command list, and every synopsis a command's
// --help prints (with all its flags) is in doc.go word for word.
func TestManualMatchesCommands(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		var out, errb bytes.Buffer
		cli.Main(args, strings.NewReader(""), &out, &errb)
		return out.String() + errb.String()
	}
	help := run("help")
	cmdLine := regexp.MustCompile(`(?m)^  ([a-z]+) {2,}\S`)
	names := cmdLine.FindAllStringSubmatch(help, -1)
	if len(names) < 8 {
		t.Fatalf("verso help lists %d commands:\n%s", len(names), help)
	}
	synopsis := regexp.MustCompile(`(?m)^(?:Usage: |  )verso ([a-z]+(?: (?:export|import))? .*)$`)
	for _, m := range names {
		name := m[1]
		if !bytes.Contains(readme, []byte("verso "+name)) {
			t.Errorf("README does not show verso %s", name)
		}
		usage := run(name, "--help")
		var lines []string
		for _, s := range synopsis.FindAllStringSubmatch(usage, -1) {
			lines = append(lines, s[1])
		}
		if len(lines) == 0 {
			t.Errorf("verso %s --help prints no synopsis:\n%s", name, usage)
		}
		for _, l := range lines {
			if !bytes.Contains(doc, []byte("\t"+l+"\n")) {
				t.Errorf("doc.go lacks the synopsis of verso %s --help:\n\t%s", name, l)
			}
			// Every flag of the command (or subcommand) is in its
			// synopsis.
			args := []string{name}
			if f := strings.Fields(l); len(f) > 1 && (f[1] == "export" || f[1] == "import") {
				args = append(args, f[1])
			}
			flags := run(append(args, "--help")...)
			for _, fl := range regexp.MustCompile(`(?m)^  -(\S+)`).FindAllStringSubmatch(flags, -1) {
				if !regexp.MustCompile(`-?-` + regexp.QuoteMeta(fl[1]) + `\b`).MatchString(l) {
					t.Errorf("verso %s has flag -%s, not in its synopsis %q", strings.Join(args, " "), fl[1], l)
				}
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite README's command reference from verso help commands")

// TestReadmeCommandReference checks that README's command reference is
// what verso help commands prints: every command, subcommand and flag of
// the command table. go test -update rewrites it.
func TestReadmeCommandReference(t *testing.T) {
	const begin, end = "<!-- verso help commands -->\n```\n", "```\n<!-- end verso help commands -->\n"
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := cli.Main([]string{"help", "commands"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("verso help commands: exit %d\n%s", code, errb.String())
	}
	i, j := bytes.Index(readme, []byte(begin)), bytes.Index(readme, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("README has no command reference between %q and %q", begin, end)
	}
	got := string(readme[i+len(begin) : j])
	if got == out.String() {
		return
	}
	if *update {
		fresh := slices.Concat(readme[:i+len(begin)], out.Bytes(), readme[j:])
		if err := os.WriteFile("../../README.md", fresh, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README's command reference differs from verso help commands (go test ./cmd/verso -update rewrites it):\n%s", out.String())
}
