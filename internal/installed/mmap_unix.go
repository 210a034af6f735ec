//go:build unix

package installed

import (
	"os"
	"syscall"
)

// readFont returns the bytes of a font file mapped into memory rather than
// read: a CJK collection is 20 to 30 MB, of which an edition touches the
// tables and the glyphs it uses, and a mapping is neither copied into the
// Go heap nor counted by the garbage collector, so it does not double with
// the heap's headroom. The mapping is private (copy on write), so the font
// code may treat the bytes as its own. release unmaps them; callers keep
// the mapping of a font they use for the life of the process. Files that
// cannot be mapped are read.
func readFont(path string) (data []byte, release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if n := st.Size(); n > 0 && n == int64(int(n)) {
		if m, err := syscall.Mmap(int(f.Fd()), 0, int(n), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE); err == nil {
			return m, func() { syscall.Munmap(m) }, nil
		}
	}
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
