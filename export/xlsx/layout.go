package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"

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
	if tr := words[baseLang(locale)]; tr != nil {
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

func baseLang(locale string) string {
	l, _, _ := strings.Cut(strings.ToLower(locale), "-")
	l, _, _ = strings.Cut(l, "_")
	return l
}

// lang holds the words of the workbook in one language.
type lang struct {
	name   string   // the language's own name
	header []string // column headers A..I
	// suggestion is the header of the suggestion column.
	suggestion string
	intro      []string // instruction paragraphs
	counts     [5]string
	// columns explains the columns A..I, in the order of columnHelp,
	// under the heading columnsTitle.
	columns      []string
	columnsTitle string
}

// words holds the target languages verso speaks besides English.
var words = map[string]*lang{
	"en": english,
	"ru": {
		name:       "Русский",
		header:     []string{"ID", "Тип", "Состояние", "Исходный текст", "Прежний исходный текст", "Перевод", "Прежний перевод", "Статус", "Примечание переводчика"},
		suggestion: "Подсказка (память переводов)",
		intro: []string{
			"Как работать с этой книгой",
			"На каждом листе, кроме этого, — один документ: по строке на абзац, в порядке документа. Заголовки разделов выделены жирным шрифтом.",
			"Впишите перевод в столбец «Перевод». Менять можно только столбцы «Перевод», «Статус» и «Примечание переводчика»; остальные защищены.",
			"Жёлтым выделены строки без перевода (состояние missing), оранжевым — устаревшие переводы (stale): исходный текст изменился после перевода. В строках stale рядом с исходным текстом показан прежний исходный текст (изменения выделены), а рядом с переводом — прежний перевод: исправьте перевод по новому тексту и впишите его в столбец «Перевод».",
			"Если прежний перевод по-прежнему верен (например, в исходном тексте исправили только опечатку), подтвердите его: выберите статус approved и оставьте ячейку «Перевод» пустой (или скопируйте в неё прежний перевод). При импорте прежний перевод будет записан для нового исходного текста и перестанет быть устаревшим.",
			"Строки со статусом needs-review (выделен сиреневым) включены, даже если они переведены: это переводы, которые нужно проверить (например, предложенные автоматически). Проверьте перевод, при необходимости исправьте его в столбце «Перевод» и выберите статус approved. Предложение verso align уже вписано в ячейку «Перевод» строки missing (курсив на сиреневом, уверенность — в примечании): статус approved принимает его как есть. В строках типа extra — абзацы выровненного перевода, которым не соответствует ни один сегмент: перенесите текст в «Перевод» строки выше или ниже или очистите ячейку, чтобы удалить его.",
			"Пустая ячейка перевода ничего не удаляет. Не вставляйте формулы; не переименовывайте, не перемещайте и не удаляйте строки, листы и скрытые столбцы.",
			"Статус (выпадающий список): needs-review — перевод нужно проверить; approved — перевод проверен и одобрен; пусто — без отметки. Примечание переводчика сохраняется вместе с переводом.",
			"Сохраните файл в формате .xlsx (Excel или LibreOffice) и верните его; verso sheet import внесёт переводы.",
		},
		counts:       [5]string{"Документ", "Перевести", "Исправить", "Проверить", "Строк"},
		columnsTitle: "Столбцы",
		columns: []string{
			"постоянный идентификатор сегмента (не меняйте)",
			"заголовок (title, heading), абзац (paragraph), пункт списка (item), дата (date) или примечание (note)",
			"translated — переведено, missing — перевода ещё нет, stale — исходный текст изменился после перевода",
			"исходный текст (только для чтения)",
			"строки stale: исходный текст, с которого сделан прежний перевод (виден, если на листе есть такие строки)",
			"ваш перевод (можно менять)",
			"строки stale: перевод прежнего исходного текста (виден, если на листе есть такие строки)",
			"needs-review, approved или пусто (можно менять); approved в строке stale с пустой ячейкой «Перевод» подтверждает прежний перевод",
			"примечание, которое хранится вместе с переводом (можно менять)",
			"перевод похожего сегмента из памяти переводов с оценкой сходства и источником: скопируйте его в столбец «Перевод» и исправьте (только для чтения; при импорте не учитывается)",
		},
	},
}

var english = &lang{
	name:   "English",
	header: []string{"", "", "", "", "", "", "", "", ""},
	intro: []string{
		"How to work with this workbook",
		"Every sheet after this one holds one document: a row per paragraph, in document order. Section headings are bold.",
		"Write the translation in the Translation column. Only the Translation, Status and Translator note columns can be edited; the others are protected.",
		"Yellow marks rows without a translation (state missing), orange marks stale translations: the source changed after it was translated. Stale rows show the old source text beside the source (with the changes marked) and the previous translation beside the translation: revise the translation against the new source and write it in the Translation column.",
		"If the previous translation is still right (for example, only a typo in the source was fixed), confirm it: set Status to approved and leave the Translation cell empty (or copy the previous translation there). The import then records the previous translation for the new source, and it is no longer stale.",
		"Rows whose Status is needs-review (marked lavender) are included even when translated: translations to be checked, such as automatic proposals. Check the translation, correct it in the Translation column if needed, and set Status to approved. A proposal of verso align is already in the Translation cell of its missing row (italic on lavender, the confidence in the note): approved accepts it as it is. Rows of kind extra hold paragraphs of the aligned translation that face no source segment: move the text into the Translation of the row above or below it, or empty the cell to drop it.",
		"An empty translation cell deletes nothing. Do not enter formulas; do not rename, move or delete rows, sheets or the hidden columns.",
		"Status (drop-down list): needs-review — the translation must be checked; approved — checked and accepted; empty — no flag. The translator note is kept with the translation.",
		"Save the file as .xlsx (Excel or LibreOffice) and send it back; verso sheet import brings the translations in.",
	},
	counts: [5]string{"Document", "To translate", "To revise", "To review", "Rows"},
}

// columnHelp explains the columns, in English.
var columnHelp = [][2]string{
	{"ID", "the segment's stable ID (do not change)"},
	{"Kind", "the kind of segment and its place: title, heading 2, paragraph, item 1. (depth 2), footnote 3, table 2, row 1, column 3, date, note; (quote) inside a block quote. Keep the Markdown marks of the source (**bold**, *italic*, `code`, [text](link), [^1]) in the translation"},
	{"State", "translated, missing (no translation yet) or stale (the source changed since it was translated)"},
	{"Source", "the source text (read-only)"},
	{"Old source text", "stale rows: the source text the previous translation was made from (shown when a sheet has stale rows)"},
	{"Translation", "your translation (editable)"},
	{"Previous translation", "stale rows: the translation of the old source text (shown when a sheet has stale rows)"},
	{"Status", "needs-review, approved or empty (editable); approved on a stale row whose Translation cell is empty confirms the previous translation"},
	{"Translator note", "a note kept with the translation (editable)"},
	{"Suggestion", "the translation of a similar segment from the translation memory, with its score and origin: copy it into the Translation column and adapt it (read-only; the import ignores it)"},
}

// plural returns "1 thing" or "n things".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
