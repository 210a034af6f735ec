package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/exchange"
)

// DefaultMaxSize is the default limit on the uncompressed size of a
// workbook: far above any real review workbook, far below a zip bomb.
const DefaultMaxSize = 1 << 30

// ReadOptions configures Read.
type ReadOptions struct {
	// MaxSize limits the total uncompressed size of the workbook's parts.
	// Default DefaultMaxSize.
	MaxSize int64
}

// TranslationCol is the 1-based column of the translation cells, for
// problems about them found outside this package.
const TranslationCol = colTranslation

// Workbook is what Read found in a review workbook.
type Workbook struct {
	File       string // display name, for problems
	Locale     string
	SourceLang string
	// Repository is the Options.Repository of the export, "" when none was
	// recorded.
	Repository string
	Sheets     []*Sheet
	// Problems are the cells that reject their row (formulas, control
	// characters, over-long texts) and warnings; fatal problems are
	// returned by Read as its error instead.
	Problems Problems
}

// Sheet is one document sheet.
type Sheet struct {
	Name     string // sheet name
	Doc      string // document name
	Source   string // source path at export
	Exported int    // rows exported
	Rows     []Row
	index    int // position in the workbook, for sorting problems
}

// Row is one data row of a document sheet, as read.
type Row struct {
	Num                               int // 1-based row number
	ID, Kind, Source                  string
	Translation, Status, Note         string
	SourceHash, TrFP, ReviewFP, Check string
	Bad                               bool // a cell rejected the row; see Workbook.Problems
}

// Read reads and checks a review workbook of size bytes from r. name is
// the file's display name for problems. The error is a Problems list of
// fatal problems when the workbook cannot be used at all; nothing of it
// may then be imported.
func Read(r io.ReaderAt, size int64, name string, opts ReadOptions) (wb *Workbook, err error) {
	defer func() {
		// excelize trusts its input more than an import may: a crafted
		// file that makes it panic is a damaged file, not a crash.
		if v := recover(); v != nil {
			wb, err = nil, Problems{fatal(name, "", fmt.Errorf("%w: %v; export or save the workbook again", ErrDamaged, v))}
		}
	}()
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	fail := func(err error) (*Workbook, error) { return nil, Problems{fatal(name, "", err)} }
	zr, err := openPackage(r, size, opts.MaxSize)
	if err != nil {
		return fail(err)
	}
	// The full check unpacks every part; it runs beside excelize's read,
	// and nothing read is used unless it passes.
	checked := make(chan verdict, 1)
	go func() {
		formulas, err := checkParts(zr)
		checked <- verdict{formulas, err}
	}()
	var v verdict
	waited := false
	wait := func() verdict {
		if !waited {
			v, waited = <-checked, true
		}
		return v
	}
	wb, err = readBook(r, size, name, opts, wait)
	if v := wait(); v.err != nil {
		return fail(v.err)
	}
	if err != nil {
		return nil, err
	}
	return wb, nil
}

// verdict is the outcome of checkParts.
type verdict struct {
	formulas bool // a worksheet holds a formula element
	err      error
}

// readBook reads the workbook with excelize. Before it lets go of the file
// it waits for the package check, to look for formulas if there are any.
func readBook(r io.ReaderAt, size int64, name string, opts ReadOptions, wait func() verdict) (wb *Workbook, err error) {
	defer func() {
		// excelize trusts its input more than an import may: a crafted
		// file that makes it panic is a damaged file, not a crash.
		if v := recover(); v != nil {
			wb, err = nil, Problems{fatal(name, "", fmt.Errorf("%w: %v; export or save the workbook again", ErrDamaged, v))}
		}
	}()
	data := make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, Problems{fatal(name, "", err)}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: opts.MaxSize, UnzipXMLSizeLimit: min(opts.MaxSize, 16<<20)})
	if err != nil {
		return nil, Problems{fatal(name, "", fmt.Errorf("%w: %v; save it again as .xlsx", ErrDamaged, err))}
	}
	defer f.Close()
	wb = &Workbook{File: name}
	if err := readManifest(f, wb); err != nil {
		return nil, err
	}
	var fatals Problems
	for _, sh := range wb.Sheets {
		if err := readSheet(f, wb, sh); err != nil {
			var ps Problems
			if errors.As(err, &ps) {
				fatals = append(fatals, ps...)
				continue
			}
			return nil, err
		}
	}
	if len(fatals) > 0 {
		return nil, fatals.Err()
	}
	if v := wait(); v.err == nil && v.formulas {
		checkFormulas(f, wb)
	}
	return wb, nil
}

// checkFormulas rejects the rows that hold a formula. excelize's row
// iterator returns only a formula's cached value; GetCellFormula tells.
func checkFormulas(f *excelize.File, wb *Workbook) {
	for _, sh := range wb.Sheets {
		for i := range sh.Rows {
			row := &sh.Rows[i]
			for col := colID; col <= numCols; col++ {
				ref, _ := excelize.CoordinatesToCellName(col, row.Num)
				if fm, _ := f.GetCellFormula(sh.Name, ref); fm != "" {
					row.Bad = true
					wb.Problems = append(wb.Problems, &Problem{File: wb.File, Sheet: sh.Name, Row: row.Num, Col: col, Level: LevelRejected, sheetIndex: sh.index,
						Err: fmt.Errorf("%w =%s: the cell must hold plain text; type the text itself (the row was not imported)", ErrFormula, align.Excerpt(fm, 40))})
				}
			}
		}
	}
}

// openPackage checks the zip archive before excelize reads it: excelize
// ignores decompression errors and stops quietly at malformed XML, so a
// truncated sheet would read as fewer rows. It reports whether any
// worksheet holds a formula.
func openPackage(r io.ReaderAt, size int64, maxSize int64) (*zip.Reader, error) {
	head := make([]byte, 8)
	if n, _ := r.ReadAt(head, 0); n < 4 {
		return nil, fmt.Errorf("%w: the file is empty or too short", ErrNotWorkbook)
	}
	if bytes.Equal(head, []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}) {
		return nil, fmt.Errorf("%w: the file is password-protected or an old .xls workbook; remove the password and save it as .xlsx (Excel 2007-365)", ErrEncrypted)
	}
	if !bytes.HasPrefix(head, []byte("PK")) {
		return nil, fmt.Errorf("%w: the file is not a zip archive; save the workbook as .xlsx (Excel 2007-365)", ErrNotWorkbook)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v (truncated or not an xlsx file); export or save the workbook again", ErrDamaged, err)
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(maxSize) {
			return nil, fmt.Errorf("%w: its parts unpack to more than %s (a zip bomb?); verso does not read it", ErrTooLarge, sizeString(maxSize))
		}
		if strings.EqualFold(zf.Name, "xl/workbook.xml") {
			hasWorkbook = true
		}
	}
	if !hasWorkbook {
		return nil, fmt.Errorf("%w: the zip archive has no xl/workbook.xml; save the workbook as .xlsx", ErrNotWorkbook)
	}
	return zr, nil
}

// checkParts unpacks every part: each must give its declared size and
// checksum, and each worksheet must end with its closing tag. It reports
// whether a worksheet holds a formula element.
func checkParts(zr *zip.Reader) (formulas bool, err error) {
	for _, zf := range zr.File {
		sheet := strings.HasPrefix(strings.ToLower(zf.Name), "xl/worksheets/") && strings.HasSuffix(strings.ToLower(zf.Name), ".xml")
		rc, err := zf.Open()
		if err != nil {
			return false, fmt.Errorf("%w: part %s: %v; export or save the workbook again", ErrDamaged, zf.Name, err)
		}
		sc := &scanner{sheet: sheet}
		n, err := io.Copy(sc, io.LimitReader(rc, int64(zf.UncompressedSize64)+1))
		rc.Close()
		if err == nil && uint64(n) != zf.UncompressedSize64 {
			err = fmt.Errorf("unpacks to %d bytes, not the %d it declares", n, zf.UncompressedSize64)
		}
		if err != nil {
			return false, fmt.Errorf("%w: part %s is truncated or corrupt (%v); export or save the workbook again", ErrDamaged, zf.Name, err)
		}
		if sheet {
			tail := strings.TrimRightFunc(string(sc.tail), unicode.IsSpace)
			if !strings.HasSuffix(tail, "worksheet>") {
				return false, fmt.Errorf("%w: worksheet %s ends before its closing tag (truncated); export or save the workbook again", ErrDamaged, zf.Name)
			}
			formulas = formulas || sc.formula
		}
	}
	return formulas, nil
}

// scanner is an io.Writer that keeps the last bytes written and tells
// whether a worksheet's XML holds a formula element (<f> or <x:f ...>).
type scanner struct {
	sheet   bool
	formula bool
	tail    []byte
}

func (s *scanner) Write(p []byte) (int, error) {
	if !s.sheet {
		return len(p), nil
	}
	if !s.formula {
		// A pattern may straddle two writes: look at the seam too.
		seam := append(s.tail[len(s.tail)-min(len(s.tail), 3):len(s.tail):len(s.tail)], p[:min(len(p), 3)]...)
		for _, pat := range formulaPatterns {
			if bytes.Contains(p, pat) || bytes.Contains(seam, pat) {
				s.formula = true
			}
		}
	}
	const keep = 32
	if len(p) >= keep {
		s.tail = append(s.tail[:0], p[len(p)-keep:]...)
	} else {
		s.tail = append(s.tail, p...)
		if len(s.tail) > keep {
			s.tail = append(s.tail[:0], s.tail[len(s.tail)-keep:]...)
		}
	}
	return len(p), nil
}

var formulaPatterns = [][]byte{[]byte("<f>"), []byte("<f "), []byte(":f>"), []byte(":f ")}

func sizeString(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

func readManifest(f *excelize.File, wb *Workbook) error {
	fail := func(format string, args ...any) error {
		return Problems{fatal(wb.File, "", fmt.Errorf("%w: "+format, append([]any{ErrNotReview}, args...)...))}
	}
	if idx, _ := f.GetSheetIndex(ManifestSheet); idx < 0 {
		return fail("it has no hidden %q sheet; export the workbook with verso sheet export", ManifestSheet)
	}
	rows, err := f.GetRows(ManifestSheet)
	if err != nil {
		return fail("sheet %q: %v", ManifestSheet, err)
	}
	kv := map[string]string{}
	index := map[string]int{}
	for i, s := range f.GetSheetList() {
		index[s] = i
	}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		switch r[0] {
		case "format", "locale", "source-language", "repository":
			kv[r[0]] = r[1]
		case "document":
			if len(r) < 5 {
				return fail("sheet %q: short document row; export the workbook again", ManifestSheet)
			}
			n, _ := strconv.Atoi(r[4])
			sh := &Sheet{Name: r[1], Doc: r[2], Source: r[3], Exported: n}
			i, ok := index[sh.Name]
			if !ok {
				return Problems{fatal(wb.File, "", fmt.Errorf("%w: the sheet %q of document %s is missing (renamed or deleted?); undo that, or export a new workbook", ErrLayout, sh.Name, sh.Doc))}
			}
			sh.index = i
			wb.Sheets = append(wb.Sheets, sh)
		}
	}
	if kv["format"] != Format {
		return fail("format %q, want %q; export the workbook again with this verso", kv["format"], Format)
	}
	if kv["locale"] == "" {
		return fail("sheet %q names no locale; export the workbook again", ManifestSheet)
	}
	wb.Locale, wb.SourceLang, wb.Repository = kv["locale"], kv["source-language"], kv["repository"]
	return nil
}

// readSheet reads one document sheet with the row iterator.
func readSheet(f *excelize.File, wb *Workbook, sh *Sheet) error {
	rows, err := f.Rows(sh.Name)
	if err != nil {
		return Problems{fatal(wb.File, sh.Name, fmt.Errorf("%w: %v", ErrDamaged, err))}
	}
	defer rows.Close()
	want := header(wb.SourceLang, wb.Locale)
	n := 0
	sawHeader := false
	for rows.Next() {
		n++
		cols, err := rows.Columns()
		if err != nil {
			return Problems{fatal(wb.File, sh.Name, fmt.Errorf("%w: row %d: %v", ErrDamaged, n, err))}
		}
		if n == 1 {
			sawHeader = true
			if p := checkLocale(wb, sh, cols); p != nil {
				return Problems{p}
			}
			if p := checkHeader(wb.File, sh, cols, want); p != nil {
				return Problems{p}
			}
			continue
		}
		if allEmpty(cols) {
			continue
		}
		row := Row{Num: n}
		get := func(col int) string {
			if col-1 < len(cols) {
				return cols[col-1]
			}
			return ""
		}
		row.ID = strings.TrimSpace(get(colID))
		row.Kind = get(colKind)
		row.Source = get(colSource)
		row.Translation = get(colTranslation)
		row.Status = strings.TrimSpace(get(colStatus))
		row.Note = get(colNote)
		row.SourceHash = strings.TrimSpace(get(colSourceHash))
		row.TrFP = strings.TrimSpace(get(colTrFP))
		row.ReviewFP = strings.TrimSpace(get(colReviewFP))
		row.Check = strings.TrimSpace(get(colCheck))
		reject := func(col int, err error) {
			row.Bad = true
			wb.Problems = append(wb.Problems, &Problem{File: wb.File, Sheet: sh.Name, Row: n, Col: col, Level: LevelRejected, Err: err, sheetIndex: sh.index})
		}
		if t, ok, err := readPreview(row.Translation); ok && err == nil {
			row.Translation = t
		} else if ok {
			reject(colTranslation, err)
		}
		for _, col := range []int{colTranslation, colNote} {
			v := get(col)
			if n := utf16Len(v); n > MaxCellChars {
				reject(col, fmt.Errorf("%w: %d characters, more than the %d a cell holds; shorten it (the row was not imported)", ErrTooLong, n, MaxCellChars))
				continue
			}
			if r, ok := controlChar(v); ok {
				reject(col, fmt.Errorf("%w U+%04X: remove it (the row was not imported)", ErrControl, r))
			}
		}
		sh.Rows = append(sh.Rows, row)
	}
	if err := rows.Error(); err != nil {
		return Problems{fatal(wb.File, sh.Name, fmt.Errorf("%w: %v", ErrDamaged, err))}
	}
	if !sawHeader {
		return Problems{fatal(wb.File, sh.Name, fmt.Errorf("%w: the sheet is empty; it had a header and %s: export a new workbook", ErrLayout, plural(sh.Exported, "row")))}
	}
	if len(sh.Rows) < sh.Exported {
		wb.Problems = append(wb.Problems, &Problem{File: wb.File, Sheet: sh.Name, Level: LevelWarning, sheetIndex: sh.index,
			Err: fmt.Errorf("%w: %s exported, %d left (deleted?); nothing is imported for the missing ones", ErrRowsMissing, plural(sh.Exported, "row"), len(sh.Rows))})
	}
	return nil
}

func checkHeader(file string, sh *Sheet, got, want []string) *Problem {
	for i, w := range want {
		g := ""
		if i < len(got) {
			g = got[i]
		}
		if i+1 == colSuggestion && g == "" {
			continue // written before the suggestion column
		}
		if normHeader(g) != normHeader(w) {
			what := "columns were inserted, deleted or moved"
			if i+1 >= colSourceHash && i+1 < colSuggestion {
				what = "hidden columns were removed or moved"
			}
			return &Problem{File: file, Sheet: sh.Name, Row: 1, Col: i + 1, Level: LevelFatal, sheetIndex: sh.index,
				Err: fmt.Errorf("%w: header %q, want %q: %s; undo that, or export a new workbook", ErrLayout, align.Excerpt(g, 30), align.Excerpt(w, 30), what)}
		}
	}
	return nil
}

func normHeader(s string) string { return align.Normalize(s) }

// previewRE matches the marker that ends a cell cut by cellPreview.
var previewRE = regexp.MustCompile(`\n\[verso: \d+ more characters not shown: [^\]]*\(([0-9a-f]{12})\)\]\s*$`)

// readPreview recognizes a translation cell that holds the beginning of a
// translation too long for a cell (ok true): unchanged, it stands for the
// whole stored text and reads as an empty cell, which changes nothing; an
// edited one is an error, as importing it would cut the translation.
func readPreview(v string) (text string, ok bool, err error) {
	m := previewRE.FindStringSubmatchIndex(v)
	if m == nil {
		return v, false, nil
	}
	head := v[:m[0]]
	if exchange.Fingerprint("preview", head)[:12] != v[m[2]:m[3]] {
		return v, true, fmt.Errorf("%w: this cell shows only the beginning of a translation longer than a cell holds, and it was edited; importing it would cut the translation, so edit the translation file instead (the row was not imported)", ErrTooLong)
	}
	return "", true, nil
}

// checkLocale tells a hidden locale (or source language) edited in the
// manifest from a header changed by hand: the visible headers still name
// the languages the workbook was exported for.
func checkLocale(wb *Workbook, sh *Sheet, got []string) *Problem {
	for _, c := range []struct {
		col       int
		key, want string
	}{{colTranslation, "locale", wb.Locale}, {colSource, "source-language", wb.SourceLang}} {
		if c.col > len(got) {
			continue
		}
		m := headerLangRE.FindStringSubmatch(got[c.col-1])
		if m == nil || m[1] == c.want {
			continue
		}
		what := "verso sheet export"
		if c.key == "locale" {
			what = "verso sheet export --locale " + m[1]
		}
		return &Problem{File: wb.File, Sheet: sh.Name, Row: 1, Col: c.col, Level: LevelFatal, sheetIndex: sh.index,
			Err: fmt.Errorf("%w: the hidden %q sheet says %s %q, but the workbook was exported for %q (this header): the hidden sheet was changed; undo that, or export a new workbook (%s)", ErrLayout, ManifestSheet, c.key, c.want, m[1], what)}
	}
	return nil
}

// headerLangRE finds the language in a header such as "Translation (ru)".
var headerLangRE = regexp.MustCompile(`^[^(\n]*\(([^)\n]+)\)`)

func allEmpty(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// controlChar returns the first control character of s other than line
// breaks and tabs.
func controlChar(s string) (rune, bool) {
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		if r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0xfffe || r == 0xffff {
			return r, true
		}
	}
	return 0, false
}
