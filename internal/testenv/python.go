package testenv

import (
	"os/exec"
	"testing"
)

// PythonWith returns a Python 3 interpreter that can import module
// (Debian's first, whose packages apt installs), or calls Missing with the
// Debian package that provides the module.
func PythonWith(t testing.TB, module, debianPackage string) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if bin, err := exec.LookPath(p); err == nil && exec.Command(bin, "-c", "import "+module).Run() == nil {
			return bin
		}
	}
	Missing(t, "python3 module "+module, debianPackage)
	return ""
}
