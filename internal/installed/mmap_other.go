//go:build !unix

package installed

import "os"

// readFont reads a font file (systems without mmap).
func readFont(path string) (data []byte, release func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
