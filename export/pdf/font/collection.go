package font

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
)

// IsCollection reports whether data is a TrueType collection (.ttc).
func IsCollection(data []byte) bool {
	return len(data) >= 12 && string(data[:4]) == "ttcf"
}

// Faces returns the number of faces in a collection, or 1 for a plain font.
func Faces(data []byte) int {
	if !IsCollection(data) {
		return 1
	}
	return int(binary.BigEndian.Uint32(data[8:]))
}

// Extract returns face index of a TrueType collection as a standalone
// TrueType file: the face's table directory with its tables copied after
// it, each 4-byte aligned. Table data (and so each table's checksum) is
// unchanged. A plain font is returned as it is for index 0.
func Extract(data []byte, index int) ([]byte, error) {
	if !IsCollection(data) {
		if index != 0 {
			return nil, fmt.Errorf("%w: face %d of a single-face font", ErrFormat, index)
		}
		return data, nil
	}
	r := &reader{b: data}
	n := r.u32(8)
	if index < 0 || index >= n {
		return nil, fmt.Errorf("%w: face %d of a collection of %d", ErrFormat, index, n)
	}
	off := r.u32(12 + 4*index)
	ts, err := tables(r, off)
	if err != nil {
		return nil, err
	}
	tags := make([]string, 0, len(ts))
	size := 12 + 16*len(ts)
	for tag, t := range ts {
		tags = append(tags, tag)
		size += (t.len + 3) &^ 3
	}
	sort.Strings(tags) // the table directory is sorted by tag
	out := make([]byte, 12+16*len(ts), size)
	copy(out, data[off:off+12])
	pos := len(out)
	for i, tag := range tags {
		t := ts[tag]
		rec := 12 + 16*i
		// Copy tag and checksum from the face's own directory entry.
		for j := range r.u16(off + 4) {
			src := off + 12 + 16*j
			if string(data[src:src+4]) == tag {
				copy(out[rec:rec+8], data[src:src+8])
			}
		}
		binary.BigEndian.PutUint32(out[rec+8:], uint32(pos))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(t.len))
		out = append(out, data[t.off:t.off+t.len]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		pos = len(out)
	}
	return out, nil
}

// FaceFor returns the face of a collection for the BCP 47 language lang:
// the first whose family name carries one of the [Regions] of lang ("AR PL
// UMing TW" for zh-Hant), else face 0. A plain font has only face 0.
func FaceFor(data []byte, lang string) int {
	n := Faces(data)
	if n <= 1 {
		return 0
	}
	want := Regions(lang)
	r := &reader{b: data}
	for i := range n {
		ts, err := tables(r, r.u32(12+4*i))
		if err != nil {
			continue
		}
		fam := " " + strings.ToUpper(nameRecord(r, ts["name"], 1)) + " "
		for _, m := range want {
			if strings.Contains(fam, " "+m+" ") || strings.HasSuffix(strings.TrimSpace(fam), " "+m) {
				return i
			}
		}
	}
	return 0
}

// FaceNamed returns the index of the face of data (a collection or a
// plain font) whose family name is family, or -1.
func FaceNamed(data []byte, family string) int {
	r := &reader{b: data}
	offs := []int{0}
	if IsCollection(data) {
		offs = offs[:0]
		for i := range min(Faces(data), (len(data)-12)/4) {
			offs = append(offs, r.u32(12+4*i))
		}
	}
	for i, off := range offs {
		ts, err := tables(r, off)
		if err == nil && r.err == nil && nameRecord(r, ts["name"], 1) == family {
			return i
		}
	}
	return -1
}

// Regions returns the marks that name the face for lang in the family
// names of CJK fonts, best first: TW, TC for Traditional Chinese (HK
// first for Hong Kong), JP, J for Japanese, KR, K for Korean, and CN, SC,
// GB for Simplified Chinese and any other language.
func Regions(lang string) []string {
	l := strings.ToLower(lang)
	switch {
	case strings.HasPrefix(l, "zh-hant"), strings.HasPrefix(l, "zh-tw"):
		return []string{"TW", "TC"}
	case strings.HasPrefix(l, "zh-hk"):
		return []string{"HK", "TW", "TC"}
	case strings.HasPrefix(l, "ja"):
		return []string{"JP", "J"}
	case strings.HasPrefix(l, "ko"):
		return []string{"KR", "K"}
	default:
		return []string{"CN", "SC", "GB"}
	}
}
