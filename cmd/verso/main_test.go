package main

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"verso/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"verso": func() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the behaviour scripts in testdata/script: each is a
// miniature repository (sources, translations, verso.toml) and the verso
// commands run on it, with their expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1604966400")
			// Script lines guarded by [exec:pdftotext] and the like are
			// skipped where the program is missing; in CI, where make test
			// installs them, a missing one is an error instead.
			if os.Getenv("CI") != "" {
				for _, prog := range []string{"pdftotext", "pdffonts", "pdfinfo", "soffice"} {
					if _, err := exec.LookPath(prog); err != nil {
						return fmt.Errorf("%s is not installed; make test installs it (poppler-utils, libreoffice-calc-nogui)", prog)
					}
				}
			}
			return nil
		},
	})
}
