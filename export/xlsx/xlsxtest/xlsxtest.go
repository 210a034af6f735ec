// Package xlsxtest builds bad review workbooks for tests: each [Case]
// turns a workbook exported by xlsx.Write into one that import must refuse
// (whole, or row by row). It lives beside the exporter so that excelize
// stays behind export/xlsx; tests of other packages use the cases without
// importing excelize.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"verso/export/xlsx"
)

// Case is one bad workbook.
type Case struct {
	Name string
	// Make builds the bad workbook from a good one. The good workbook must
	// have at least two document sheets; the first must have a translated
	// row and two missing rows, the second a missing row.
	Make func(good []byte) ([]byte, error)
	// Err is the sentinel the problem wraps.
	Err error
	// Fatal is true for an unusable workbook (exit 2, nothing imported);
	// otherwise the row is rejected (exit 1).
	Fatal bool
	// Cell is where the problem is reported, as "Sheet!A1" with the first
	// document sheet written as %s; empty when the place is not checked.
	Cell string
}

// Cases returns the bad workbooks.
func Cases() []Case {
	return []Case{
		{Name: "unknown ID", Err: xlsx.ErrUnknownID, Cell: "%s!A{m1}", Make: edit(func(f *excelize.File, s *sheets) error {
			return f.SetCellStr(s.first, cell("A", s.missing1), "zzzzzz")
		})},
		{Name: "duplicate ID", Err: xlsx.ErrDuplicateID, Cell: "%s!A{m1}", Make: edit(func(f *excelize.File, s *sheets) error {
			id, err := f.GetCellValue(s.first, cell("A", s.missing1))
			if err != nil {
				return err
			}
			return f.SetCellStr(s.first, cell("A", s.missing2), id)
		})},
		{Name: "row moved from another document's sheet", Err: xlsx.ErrMovedRow, Cell: "%s!A{end}", Make: edit(func(f *excelize.File, s *sheets) error {
			for col := 1; col <= 13; col++ {
				v, err := f.GetCellValue(s.second, cellN(col, s.secondMissing))
				if err != nil {
					return err
				}
				if err := f.SetCellStr(s.first, cellN(col, s.end), v); err != nil {
					return err
				}
			}
			// Cut, not copied: the row is gone from its own sheet.
			for col := 1; col <= 13; col++ {
				if err := f.SetCellStr(s.second, cellN(col, s.secondMissing), ""); err != nil {
					return err
				}
			}
			return f.SetCellStr(s.first, cell("F", s.end), "перенесённая строка")
		})},
		{Name: "source cell edited", Err: xlsx.ErrSourceEdited, Cell: "%s!D{m1}", Make: edit(func(f *excelize.File, s *sheets) error {
			v, err := f.GetCellValue(s.first, cell("D", s.missing1))
			if err != nil {
				return err
			}
			return f.SetCellStr(s.first, cell("D", s.missing1), v+"（改）")
		})},
		{Name: "hidden column edited", Err: xlsx.ErrHiddenEdited, Cell: "%s!J{t}", Make: edit(func(f *excelize.File, s *sheets) error {
			return f.SetCellStr(s.first, cell("K", s.translated), "0000000000000000")
		})},
		{Name: "hidden column removed", Err: xlsx.ErrLayout, Fatal: true, Cell: "%s!J1", Make: edit(func(f *excelize.File, s *sheets) error {
			return f.RemoveCol(s.first, "J")
		})},
		{Name: "formula in the translation", Err: xlsx.ErrFormula, Cell: "%s!F{m1}", Make: edit(func(f *excelize.File, s *sheets) error {
			return f.SetCellFormula(s.first, cell("F", s.missing1), `"Пере"&"вод"`)
		})},
		{Name: "control character", Err: xlsx.ErrControl, Cell: "%s!F{m1}", Make: func(good []byte) ([]byte, error) {
			// XML cannot hold U+0007; spreadsheets write it as _x0007_.
			const marker = "VERSO-CONTROL-MARKER"
			b, err := edit(func(f *excelize.File, s *sheets) error {
				return f.SetCellStr(s.first, cell("F", s.missing1), "Перевод "+marker)
			})(good)
			if err != nil {
				return nil, err
			}
			return rewrite(b, func(name, data string) string {
				return strings.Replace(data, marker, "с сигналом_x0007_", 1)
			})
		}},
		{Name: "text over 32767 characters", Err: xlsx.ErrTooLong, Cell: "%s!F{m1}", Make: func(good []byte) ([]byte, error) {
			// excelize cuts long texts when it writes, so the cell is
			// lengthened in the sheet XML.
			const marker = "VERSO-LONG-TEXT-MARKER"
			b, err := edit(func(f *excelize.File, s *sheets) error {
				return f.SetCellStr(s.first, cell("F", s.missing1), marker)
			})(good)
			if err != nil {
				return nil, err
			}
			return rewrite(b, func(name, data string) string {
				return strings.Replace(data, marker, strings.Repeat("я", xlsx.MaxCellChars+10), 1)
			})
		}},
		{Name: "unknown status", Err: xlsx.ErrStatus, Cell: "%s!H{m1}", Make: edit(func(f *excelize.File, s *sheets) error {
			return f.SetCellStr(s.first, cell("H", s.missing1), "done")
		})},
		{Name: "row without ID", Err: xlsx.ErrNoID, Cell: "%s!A{m1}", Make: edit(func(f *excelize.File, s *sheets) error {
			if err := f.SetCellStr(s.first, cell("F", s.missing1), "Перевод"); err != nil {
				return err
			}
			return f.SetCellStr(s.first, cell("A", s.missing1), "")
		})},
		{Name: "manifest sheet deleted", Err: xlsx.ErrNotReview, Fatal: true, Make: edit(func(f *excelize.File, s *sheets) error {
			return f.DeleteSheet(xlsx.ManifestSheet)
		})},
		{Name: "document sheet renamed", Err: xlsx.ErrLayout, Fatal: true, Make: edit(func(f *excelize.File, s *sheets) error {
			return f.SetSheetName(s.first, "Renamed")
		})},
		{Name: "not an xlsx file", Err: xlsx.ErrNotWorkbook, Fatal: true, Make: func([]byte) ([]byte, error) {
			return []byte("ID,Translation\nk3fz9q,Перевод\n"), nil
		}},
		{Name: "encrypted workbook", Err: xlsx.ErrEncrypted, Fatal: true, Make: func(good []byte) ([]byte, error) {
			f, err := excelize.OpenReader(bytes.NewReader(good))
			if err != nil {
				return nil, err
			}
			defer f.Close()
			var buf bytes.Buffer
			err = f.Write(&buf, excelize.Options{Password: "secret"})
			return buf.Bytes(), err
		}},
		{Name: "zip bomb", Err: xlsx.ErrTooLarge, Fatal: true, Make: func(good []byte) ([]byte, error) {
			return addEntry(good, "xl/media/bomb.bin", 8<<30)
		}},
		{Name: "truncated file", Err: xlsx.ErrDamaged, Fatal: true, Make: func(good []byte) ([]byte, error) {
			return good[:len(good)*2/3], nil
		}},
		{Name: "truncated worksheet", Err: xlsx.ErrDamaged, Fatal: true, Make: func(good []byte) ([]byte, error) {
			return rewrite(good, func(name, data string) string {
				if name == "xl/worksheets/sheet2.xml" {
					return data[:len(data)/2]
				}
				return data
			})
		}},
	}
}

// Place returns c.Cell with the sheet name and row numbers of the good
// workbook filled in.
func (c Case) Place(good []byte) (string, error) {
	if c.Cell == "" {
		return "", nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		return "", err
	}
	defer f.Close()
	s, err := find(f)
	if err != nil {
		return "", err
	}
	name := s.first
	if strings.ContainsAny(name, " -.'") {
		name = "'" + name + "'"
	}
	r := strings.NewReplacer("{m1}", fmt.Sprint(s.missing1), "{t}", fmt.Sprint(s.translated), "{end}", fmt.Sprint(s.end))
	return r.Replace(fmt.Sprintf(c.Cell, name)), nil
}

// sheets locates the rows the cases edit.
type sheets struct {
	first, second                  string
	translated, missing1, missing2 int
	secondMissing, end             int
}

func find(f *excelize.File) (*sheets, error) {
	list := f.GetSheetList()
	if len(list) < 4 {
		return nil, fmt.Errorf("want a workbook with two document sheets, have sheets %v", list)
	}
	s := &sheets{first: list[1], second: list[2]}
	rows, err := f.GetRows(s.first)
	if err != nil {
		return nil, err
	}
	s.end = len(rows) + 1
	for i, r := range rows {
		if len(r) < 3 {
			continue
		}
		switch {
		case r[2] == "translated" && s.translated == 0:
			s.translated = i + 1
		case r[2] == "missing" && s.missing1 == 0:
			s.missing1 = i + 1
		case r[2] == "missing" && s.missing2 == 0:
			s.missing2 = i + 1
		}
	}
	rows, err = f.GetRows(s.second)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		if len(r) >= 3 && r[2] == "missing" && s.secondMissing == 0 {
			s.secondMissing = i + 1
		}
	}
	if s.translated == 0 || s.missing2 == 0 || s.secondMissing == 0 {
		return nil, fmt.Errorf("the good workbook lacks a translated row and two missing rows in %s, or a missing row in %s", s.first, s.second)
	}
	return s, nil
}

func cell(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

func cellN(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// edit returns a Make that changes the workbook with excelize.
func edit(fn func(f *excelize.File, s *sheets) error) func([]byte) ([]byte, error) {
	return func(good []byte) ([]byte, error) {
		f, err := excelize.OpenReader(bytes.NewReader(good))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		s, err := find(f)
		if err != nil {
			return nil, err
		}
		if err := fn(f, s); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = f.Write(&buf)
		return buf.Bytes(), err
	}
}

// rewrite copies a zip archive, passing each entry's text through fn.
func rewrite(data []byte, fn func(name, data string) string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, fn(zf.Name, string(b))); err != nil {
			return nil, err
		}
	}
	err = zw.Close()
	return buf.Bytes(), err
}

// addEntry copies a zip archive and adds an entry that declares size
// bytes when unpacked, as a zip bomb does (its data is not written: a
// reader that trusts the size must refuse before unpacking).
func addEntry(data []byte, name string, size uint64) ([]byte, error) {
	b, err := rewrite(data, func(_, d string) string { return d })
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if err := zw.Copy(zf); err != nil {
			return nil, err
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, UncompressedSize64: size, CompressedSize64: 2})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write([]byte{3, 0}); err != nil { // an empty deflate stream
		return nil, err
	}
	err = zw.Close()
	return buf.Bytes(), err
}

// SetCell returns the workbook with column col (a letter, such as "F" for
// the translation) of the row of segment id set to text, on whichever
// document sheet the row is.
func SetCell(data []byte, id, col, text string) ([]byte, error) {
	return SetCells(data, [][3]string{{id, col, text}})
}

// SetCells is SetCell for many cells at once: each set is {ID, column
// letter, text}.
func SetCells(data []byte, sets [][3]string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type place struct {
		sheet string
		row   int
	}
	rowOf := map[string]place{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			return nil, err
		}
		for i, r := range rows {
			if _, dup := rowOf[r0(r)]; len(r) > 0 && i > 0 && !dup {
				rowOf[r[0]] = place{sh, i + 1}
			}
		}
	}
	for _, set := range sets {
		p, ok := rowOf[set[0]]
		if !ok {
			return nil, fmt.Errorf("no row of segment %s", set[0])
		}
		if err := f.SetCellStr(p.sheet, cell(set[1], p.row), set[2]); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	err = f.Write(&buf)
	return buf.Bytes(), err
}

func r0(r []string) string {
	if len(r) == 0 {
		return ""
	}
	return r[0]
}

// Cell returns column col (a letter) of the row of segment id, on
// whichever document sheet the row is; ok is false when no document sheet
// has a row of the segment.
func Cell(data []byte, id, col string) (text string, ok bool, err error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	list := f.GetSheetList()
	for _, sh := range list {
		if sh == xlsx.InstructionsSheet || sh == xlsx.ManifestSheet {
			continue
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			return "", false, err
		}
		for i, r := range rows {
			if len(r) > 0 && r[0] == id && i > 0 {
				v, err := f.GetCellValue(sh, cell(col, i+1))
				return v, err == nil, err
			}
		}
	}
	return "", false, nil
}

// SetManifest returns the workbook with the value of a key of the hidden
// manifest sheet (such as "locale") set to value, as a user who unhides
// and edits it would.
func SetManifest(data []byte, key, value string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.ManifestSheet)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		if len(r) > 1 && r[0] == key {
			if err := f.SetCellStr(xlsx.ManifestSheet, cell("B", i+1), value); err != nil {
				return nil, err
			}
			var buf bytes.Buffer
			err := f.Write(&buf)
			return buf.Bytes(), err
		}
	}
	return nil, fmt.Errorf("no manifest key %q", key)
}

// SetExtra returns the workbook with the Translation cell of the row of
// the extra paragraph after segment after ("-" for the start) set to
// text.
func SetExtra(data []byte, after, text string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sh, row, err := findExtra(f, after)
	if err != nil {
		return nil, err
	}
	if err := f.SetCellStr(sh, cell("F", row), text); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = f.Write(&buf)
	return buf.Bytes(), err
}

// Extra returns the row of the extra paragraph after segment after: the
// ID of the row above it, its kind and its Translation cell.
func Extra(data []byte, after string) (above, kind, text string, err error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return "", "", "", err
	}
	defer f.Close()
	sh, row, err := findExtra(f, after)
	if err != nil {
		return "", "", "", err
	}
	above, _ = f.GetCellValue(sh, cell("A", row-1))
	kind, _ = f.GetCellValue(sh, cell("B", row))
	text, _ = f.GetCellValue(sh, cell("F", row))
	return above, kind, text, nil
}

func findExtra(f *excelize.File, after string) (string, int, error) {
	for _, sh := range f.GetSheetList() {
		if sh == xlsx.InstructionsSheet || sh == xlsx.ManifestSheet {
			continue
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			return "", 0, err
		}
		for i, r := range rows {
			if len(r) >= 12 && r[0] == "" && r[9] == "extra" && r[11] == after {
				return sh, i + 1, nil
			}
		}
	}
	return "", 0, fmt.Errorf("no row of an extra paragraph after %s", after)
}
