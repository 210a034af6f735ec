// Package testenv lets tests require the programs and files that make test
// installs (Debian packages). Where one is missing, the test is skipped
// with the package to install, except in CI (the CI variable set), where a
// missing requirement fails the test: a broken install step must not pass
// as a green run of skipped tests.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Missing skips the test, or fails it in CI, saying what is missing and
// which Debian package provides it.
func Missing(t testing.TB, what, debianPackage string) {
	t.Helper()
	msg := what + " is not installed (Debian package " + debianPackage + "; make test installs it)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Command returns the path of a program, or calls Missing.
func Command(t testing.TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, debianPackage)
	}
	return p
}

// File returns the content of an installed file, or calls Missing.
func File(t testing.TB, path, debianPackage string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		Missing(t, path, debianPackage)
	}
	return data
}

// Python returns a Python 3 interpreter that has openpyxl (Debian's, whose
// packages apt installs, before the one on PATH), or calls Missing.
func Python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if bin, err := exec.LookPath(p); err == nil && exec.Command(bin, "-c", "import openpyxl").Run() == nil {
			return bin
		}
	}
	Missing(t, "openpyxl", "python3-openpyxl")
	return ""
}

// Unavailable skips the test, or fails it in CI, for a requirement that
// is not a package: a privilege such as mounting a file system, which CI
// (running as root) has.
func Unavailable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
