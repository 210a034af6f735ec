package xlsx

import (
	"fmt"
	"strings"

	"verso/align"
	"verso/align/msgfile"
)

// Current is the repository's state of one document in the workbook's
// locale.
type Current struct {
	Doc          *align.Document
	Translations []align.Translation
	Reviews      []msgfile.Review
	// TranslationPath and ReviewPath name the files, for problems.
	TranslationPath, ReviewPath string
}

// Prefer decides conflicts: a row that the translator changed and whose
// translation (or review state) also changed in the repository since the
// export.
type Prefer int

// The ways to decide a conflict.
const (
	PreferNone  Prefer = iota // report the conflict and import nothing of the row
	PreferSheet               // take the sheet's version
	PreferRepo                // keep the repository's version
)

// Result is the outcome of Merge: the new translation and review lists of
// the documents that change, and every problem found.
type Result struct {
	// Translations maps a document name to its new translations, in
	// document order, orphans last in their old order. Only documents
	// whose translations change are present.
	Translations map[string][]align.Translation
	// Reviews maps a document name to its new review state, for the
	// documents whose review state changes.
	Reviews map[string][]msgfile.Review
	// Imported counts changed translations; Confirmed the stale
	// translations confirmed for the current source; Reviewed changed
	// review states; Changed the rows that change anything (a row may
	// both change its translation and its review state); Unchanged the
	// rows that change nothing.
	Imported, Confirmed, Reviewed, Changed, Unchanged int
	// Problems holds the workbook's problems and those of the merge.
	Problems Problems
}

// Merge compares the workbook's rows with the repository (docs maps every
// document name of the project to its state) and plans the changes:
//
//   - a row is identified by its ID; an ID that no document has, that
//     occurs twice, that belongs to another document's sheet, whose row
//     check or source cell does not match the export, or whose status is
//     not one of [Statuses] rejects the row;
//   - a translation cell that is empty, or equal (after normalization) to
//     the translation exported, changes nothing (but see confirmation
//     below): an empty cell never deletes a translation;
//   - a changed translation is recorded with the source hash of the export:
//     if the source changed since, the translation is imported but stays
//     stale, with a warning;
//   - a stale row (the repository's translation, as exported, was made from
//     an older source) whose status the translator set to approved while
//     leaving the translation cell empty, or whose translation cell holds
//     the previous translation, is confirmed: the previous translation is
//     recorded unchanged with the source hash of the export, so that it is
//     no longer stale. If the repository's translation changed since the
//     export, there is nothing sure to confirm: the row is a conflict;
//   - if the repository's translation (or review state) also changed since
//     the export, the row is a conflict: rejected, unless prefer decides;
//   - status and note are compared the same way, against the review state
//     exported.
func Merge(wb *Workbook, docs map[string]*Current, prefer Prefer) *Result {
	res := &Result{Translations: map[string][]align.Translation{}, Reviews: map[string][]msgfile.Review{},
		Problems: append(Problems(nil), wb.Problems...)}
	type owner struct {
		doc string
		seg int
	}
	owners := map[string]owner{}
	for name, c := range docs {
		for i, s := range c.Doc.Segments {
			owners[s.ID] = owner{name, i}
		}
	}
	sheetOf := map[string]string{}
	for _, sh := range wb.Sheets {
		sheetOf[sh.Doc] = sh.Name
	}
	type place struct {
		sheet string
		row   int
	}
	seen := map[string][]place{}
	for _, sh := range wb.Sheets {
		for _, r := range sh.Rows {
			if r.ID != "" {
				seen[r.ID] = append(seen[r.ID], place{sh.Name, r.Num})
			}
		}
	}
	// Planned changes by document and ID.
	newTr := map[string]map[string]align.Translation{}
	newRev := map[string]map[string]msgfile.Review{}
	for _, sh := range wb.Sheets {
		add := func(r *Row, col int, lvl Level, err error) {
			res.Problems = append(res.Problems, &Problem{File: wb.File, Sheet: sh.Name, Row: r.Num, Col: col, Level: lvl, Err: err, sheetIndex: sh.index})
		}
		cur := docs[sh.Doc]
		if cur == nil {
			res.Problems = append(res.Problems, &Problem{File: wb.File, Sheet: sh.Name, Level: LevelRejected, sheetIndex: sh.index,
				Err: fmt.Errorf("%w: document %s is no longer in the repository; nothing of this sheet was imported", ErrUnknownID, sh.Doc)})
			continue
		}
		trs := map[string]*align.Translation{}
		for i := range cur.Translations {
			trs[cur.Translations[i].ID] = &cur.Translations[i]
		}
		revs := map[string]msgfile.Review{}
		for _, rv := range cur.Reviews {
			revs[rv.ID] = rv
		}
		for i := range sh.Rows {
			r := &sh.Rows[i]
			if r.Bad {
				continue
			}
			text := cleanText(r.Translation)
			note := cleanText(r.Note)
			if r.ID == "" {
				if text != "" || r.Status != "" || note != "" {
					add(r, colID, LevelRejected, fmt.Errorf("%w: rows cannot be added; put the text in the row of its segment (the row was not imported)", ErrNoID))
				}
				continue
			}
			if ps := seen[r.ID]; len(ps) > 1 {
				var others []string
				for _, p := range ps {
					if p.sheet != sh.Name || p.row != r.Num {
						others = append(others, fmt.Sprintf("%s!A%d", quoteSheet(p.sheet), p.row))
					}
				}
				add(r, colID, LevelRejected, fmt.Errorf("%w %s, also in %s: keep one row per ID (the rows were not imported)", ErrDuplicateID, r.ID, strings.Join(others, ", ")))
				continue
			}
			own, known := owners[r.ID]
			switch {
			case known && own.doc != sh.Doc:
				where := "its own sheet"
				if s := sheetOf[own.doc]; s != "" {
					where = "sheet " + quoteSheet(s)
				}
				add(r, colID, LevelRejected, fmt.Errorf("%w: %s is a segment of %s; move the row back to %s (the row was not imported)", ErrMovedRow, r.ID, own.doc, where))
				continue
			case !known:
				add(r, colID, LevelRejected, fmt.Errorf("%w %q: no segment of %s has it (edited, or the segment was removed from the source); the row was not imported", ErrUnknownID, r.ID, sh.Doc))
				continue
			case rowCheck(sh.Doc, r.ID, r.SourceHash, r.TrFP, r.ReviewFP) != r.Check:
				add(r, colSourceHash, LevelRejected, fmt.Errorf("%w: the ID or the hidden columns J:M of this row do not match the export; undo the edit, or export a new workbook (the row was not imported)", ErrHiddenEdited))
				continue
			case r.Source != cur.Doc.Segments[own.seg].Text && align.Hash(r.Source) != r.SourceHash:
				add(r, colSource, LevelRejected, fmt.Errorf("%w: the source text is read-only; undo the edit and write in the Translation column (the row was not imported)", ErrSourceEdited))
				continue
			}
			flag := strings.ToLower(r.Status)
			if flag == msgfile.NoFlag {
				flag = ""
			}
			if flag != "" && flag != msgfile.NeedsReview && flag != msgfile.Approved {
				add(r, colStatus, LevelRejected, fmt.Errorf("%w %q: choose %s or %s, or leave it empty (the row was not imported)", ErrStatus, r.Status, msgfile.NeedsReview, msgfile.Approved))
				continue
			}
			seg := cur.Doc.Segments[own.seg]
			rv := revs[r.ID]
			rflag := rv.Flag
			if rflag == msgfile.NoFlag {
				rflag = ""
			}
			// Translation.
			var setTr *align.Translation
			confirmed := false
			repo := trs[r.ID]
			repoFP := ""
			if repo != nil {
				repoFP = trFingerprint(repo.Hash, repo.Text)
			}
			// The translator set the status to approved: it was not
			// approved as exported (the row's note, or the repository's
			// review state when it is the one exported, tells).
			approvedNow := flag == msgfile.Approved && reviewFingerprint(flag, note) != r.ReviewFP &&
				!(rflag == msgfile.Approved && reviewFingerprint(rflag, rv.Note) == r.ReviewFP)
			// Stale as exported: the repository's translation is the one
			// exported, and it was made from another source than the
			// exported one.
			staleRow := repo != nil && r.TrFP != "" && repoFP == r.TrFP && repo.Hash != r.SourceHash
			// The repository already has this text for this source: nothing
			// to do, whether or not the row was edited (a cheap test first).
			same := repo != nil && repo.Hash == r.SourceHash && text == strings.TrimSpace(repo.Text)
			if approvedNow && text == "" && repo == nil {
				add(r, colStatus, LevelRejected, fmt.Errorf("%w: approved, but the row has no translation; enter the translation or clear the status (the row was not imported)", ErrStatus))
				continue
			}
			switch {
			case staleRow && (text == "" && approvedNow || text != "" && align.Normalize(text) == align.Normalize(repo.Text)):
				setTr = &align.Translation{ID: r.ID, Hash: r.SourceHash, Text: repo.Text}
				confirmed = true
			case text == "" && approvedNow && repo != nil && r.TrFP != "" && repoFP != r.TrFP && repo.Hash != r.SourceHash:
				// Approved without a translation, but the translation
				// exported is no longer the repository's.
				if prefer == PreferRepo {
					add(r, colStatus, LevelWarning, fmt.Errorf("%w (--prefer repo): %s changed the translation of %s since the export; it was not confirmed and the row was not imported", ErrKeptRepo, cur.TranslationPath, r.ID))
				} else {
					add(r, colStatus, LevelRejected, fmt.Errorf("%w: %s changed the translation of %s since the export, so the previous translation shown cannot be confirmed; export a new workbook (the row was not imported)", ErrConflict, cur.TranslationPath, r.ID))
				}
				continue
			case text != "" && !same && trFingerprint(r.SourceHash, text) != r.TrFP:
				same = repo != nil && repo.Hash == r.SourceHash && align.Normalize(repo.Text) == align.Normalize(text)
				switch {
				case same:
				case repoFP != r.TrFP && prefer == PreferNone:
					add(r, colTranslation, LevelRejected, fmt.Errorf("%w: %s changed %s since the export (now %q) and so did this row; keep one: edit the file or the row, or import with --prefer sheet or --prefer repo (the row was not imported)",
						ErrConflict, cur.TranslationPath, r.ID, excerptText(repoText(repo), 40)))
					continue
				case repoFP != r.TrFP && prefer == PreferRepo:
					add(r, colTranslation, LevelWarning, fmt.Errorf("%w (--prefer repo): %s changed %s since the export; the row's translation was not imported", ErrKeptRepo, cur.TranslationPath, r.ID))
				default:
					if diff := cur.Doc.MarkupDiff(seg.Text, text); diff != nil {
						add(r, colTranslation, LevelRejected, fmt.Errorf("%w: %s; keep the source's links, code and footnote references as they are (the row was not imported)", ErrMarkup, strings.Join(diff, "; ")))
						continue
					}
					setTr = &align.Translation{ID: r.ID, Hash: r.SourceHash, Text: text}
				}
			}
			// Review state.
			var setRev *msgfile.Review
			if !(rflag == flag && rv.Note == note) && reviewFingerprint(flag, note) != r.ReviewFP {
				repoRevFP := reviewFingerprint(rflag, rv.Note)
				switch {
				case rflag == flag && align.Normalize(rv.Note) == align.Normalize(note):
				case repoRevFP != r.ReviewFP && prefer == PreferNone:
					add(r, colStatus, LevelRejected, fmt.Errorf("%w: %s changed the status or note of %s since the export and so did this row; keep one, or import with --prefer sheet or --prefer repo (the row was not imported)",
						ErrConflict, cur.ReviewPath, r.ID))
					continue
				case repoRevFP != r.ReviewFP && prefer == PreferRepo:
					add(r, colStatus, LevelWarning, fmt.Errorf("%w (--prefer repo): %s changed the status or note of %s since the export; the row's were not imported", ErrKeptRepo, cur.ReviewPath, r.ID))
				default:
					setRev = &msgfile.Review{ID: r.ID, Flag: flag, Note: note}
				}
			}
			if setTr == nil && setRev == nil {
				res.Unchanged++
				continue
			}
			res.Changed++
			if setTr != nil {
				if newTr[sh.Doc] == nil {
					newTr[sh.Doc] = map[string]align.Translation{}
				}
				newTr[sh.Doc][r.ID] = *setTr
				if confirmed {
					res.Confirmed++
				} else {
					res.Imported++
				}
				if seg.Hash != r.SourceHash {
					add(r, colSource, LevelWarning, fmt.Errorf("%w: imported, but the source of %s changed since the export, so the translation stays stale; revise it against the new source (export a new workbook)", ErrSourceChanged, r.ID))
				}
			}
			if setRev != nil {
				if newRev[sh.Doc] == nil {
					newRev[sh.Doc] = map[string]msgfile.Review{}
				}
				newRev[sh.Doc][r.ID] = *setRev
				res.Reviewed++
			}
		}
	}
	for name, set := range newTr {
		res.Translations[name] = align.ApplyTranslations(docs[name].Doc, docs[name].Translations, set)
	}
	for name, set := range newRev {
		res.Reviews[name] = mergeReviews(docs[name].Reviews, set)
	}
	res.Problems.Sort()
	return res
}

func repoText(t *align.Translation) string {
	if t == nil {
		return ""
	}
	return t.Text
}

func mergeReviews(old []msgfile.Review, set map[string]msgfile.Review) []msgfile.Review {
	var out []msgfile.Review
	for _, r := range old {
		if n, ok := set[r.ID]; ok {
			out = append(out, n)
			delete(set, r.ID)
		} else {
			out = append(out, r)
		}
	}
	for _, r := range set {
		out = append(out, r)
	}
	return out // MarshalReview sorts by ID
}

// cleanText turns a cell's text into a translation: CR LF and lone CR
// become LF, surrounding white space is trimmed.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}
