package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"verso/export/apparatus"

	"verso/export/exchange"
)

// Format names the workbook layout in the manifest; Read refuses others.
const Format = "verso-review-1"

// Sheet names of the instructions and of the hidden manifest.
const (
	InstructionsSheet = "Instructions"
	ManifestSheet     = "verso"
)

// Columns of a document sheet, 1-based.
const (
	colID = iota + 1
	colKind
	colState
	colSource
	colOldSource
	colTranslation
	colPrevious
	colStatus
	colNote
	colSourceHash
	colTrFP
	colReviewFP
	colCheck
	// colSuggestion is read-only and follows the hidden columns, so that
	// it shows beside the translator note; workbooks written before it
	// existed lack it and still import.
	colSuggestion
	numCols = colSuggestion
)

// MaxCellChars is Excel's limit on the characters (UTF-16 code units) of a
// cell.
const MaxCellChars = 32767

// Statuses are the values of the status drop-down: the review flags.
var Statuses = exchange.Statuses

// header returns the header row of a document sheet. The words of the
// target locale, where verso has them, follow on a second line.
func header(sourceLang, locale string) []string {
	en := []string{"ID", "Kind", "State", "Source (" + sourceLang + ")", "Old source text",
		"Translation (" + locale + ")", "Previous translation", "Status", "Translator note",
		"source hash", "translation fingerprint", "review fingerprint", "row check", "Suggestion (translation memory)"}
	if tr := wordsOf(locale); tr != nil && tr.name != english.name {
		for i := range colNote {
			if tr.header[i] != "" && tr.header[i] != en[i] {
				en[i] += "\n" + tr.header[i]
			}
		}
		if tr.suggestion != "" {
			en[colSuggestion-1] += "\n" + tr.suggestion
		}
	}
	return en
}

// rowCheck covers the cells import trusts.
func rowCheck(doc, id, hash, trFP, reviewFP string) string {
	return exchange.Fingerprint("row", doc, id, hash, trFP, reviewFP)
}

// SheetNames returns a sheet name for each document name: invalid
// characters replaced, at most 31 characters, unique regardless of case and
// distinct from the instructions and manifest sheets.
func SheetNames(docs []string) []string {
	used := map[string]bool{strings.ToLower(InstructionsSheet): true, strings.ToLower(ManifestSheet): true}
	out := make([]string, len(docs))
	for i, d := range docs {
		base := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
				return '_'
			}
			return r
		}, d)
		base = strings.Trim(base, "'")
		if base == "" {
			base = "doc"
		}
		name := truncRunes(base, 31)
		for n := 2; used[strings.ToLower(name)]; n++ {
			suffix := "~" + strconv.Itoa(n)
			name = truncRunes(base, 31-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// lang holds the words of the workbook in one language.
type lang struct {
	name   string   // the language's own name
	header []string // column headers A..I
	// suggestion is the header of the suggestion column.
	suggestion string
	intro      []string // instruction paragraphs
	counts     [5]string
	// columns explains the columns A..I and the suggestion column, in the
	// order of columnHelp, under the heading columnsTitle.
	columns      []string
	columnsTitle string
}

// The message IDs of the workbook's words in export/apparatus's files.
var (
	introIDs = []string{"WorkbookHowTo", "WorkbookSheets", "WorkbookWrite", "WorkbookColours", "WorkbookConfirm",
		"WorkbookReview", "WorkbookSafety", "WorkbookStatus", "WorkbookReturn"}
	countIDs  = [5]string{"CountDocument", "CountTranslate", "CountRevise", "CountReview", "CountRows"}
	columnIDs = []string{"ColumnID", "ColumnKind", "ColumnState", "ColumnSource", "ColumnOldSource",
		"ColumnTranslation", "ColumnPrevious", "ColumnStatus", "ColumnNote", "ColumnSuggestion"}
)

// wordsOf returns the workbook's words in locale, from verso's message
// files (export/apparatus), or nil when verso has none in that language.
func wordsOf(locale string) *lang {
	w := apparatus.For(locale)
	if !w.Known() {
		return nil
	}
	say := func(id string) string { return w.Say(id, nil) }
	l := &lang{name: say("LanguageName"), suggestion: say("ColumnSuggestion"), columnsTitle: say("ColumnsTitle")}
	for _, id := range introIDs {
		l.intro = append(l.intro, say(id))
	}
	for i, id := range countIDs {
		l.counts[i] = say(id)
	}
	for _, id := range columnIDs {
		if id != "ColumnSuggestion" {
			l.header = append(l.header, say(id))
		}
		l.columns = append(l.columns, say(id+"Help"))
	}
	return l
}

// english is the workbook's first language, always shown.
var english = wordsOf(apparatus.Fallback)

// columnHelp names and explains the columns, in English.
var columnHelp = func() [][2]string {
	var out [][2]string
	for i, id := range columnIDs {
		out = append(out, [2]string{apparatus.For(apparatus.Fallback).Say(id, nil), english.columns[i]})
	}
	return out
}()

// plural returns "1 thing" or "n things".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
