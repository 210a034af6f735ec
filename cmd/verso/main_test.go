package main

import (
	"os"
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
			return nil
		},
	})
}
