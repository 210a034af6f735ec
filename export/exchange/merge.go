package exchange

import (
	"fmt"
	"strings"

	"verso/align"
)

// File is an exchange file as a codec read it back.
type File struct {
	Name   string // display name, for problems
	Locale string
	Parts  []Part
	// Problems are what the codec found while reading: entries it
	// rejected (marked Bad) and warnings. Fatal problems are the codec's
	// error instead: nothing of such a file may be imported.
	Problems Problems
	// Locate returns the place of a field of the entry at pos of a part
	// (pos 0: the part itself), for problems.
	Locate func(part, pos int, f Field) Place
	Terms  Terms
}

// Part is one document's part of a file.
type Part struct {
	Doc     string // document name
	Label   string // the part as its users know it ("sheet alpha"), for messages
	Entries []Entry
	// Extras are the document's extra paragraphs, for codecs that carry
	// them (workbooks).
	Extras []ExtraEntry
}

// Entry is one unit as read back.
type Entry struct {
	ID string
	// Source is the source text the file holds.
	Source string
	// Base is the export's fingerprints; HasBase says whether the file
	// still holds them (a tool may drop them: the file is then merged as
	// if exported from the repository as it is now, and conflicts with
	// changes since cannot be detected).
	Base    Base
	HasBase bool
	// BaseErr, when not nil, rejects the entry: the codec found the
	// fingerprints edited (reported at FieldBase).
	BaseErr error
	// Text, Status and Note are what the translator left: a translation
	// (empty: none), a status (a review flag, "-" or empty), a note.
	Text, Status, Note string
	// Bad marks an entry the codec rejected already.
	Bad bool
	// Pos is the codec's position of the entry (a row, a line), for
	// Locate.
	Pos int
}

// ExtraEntry is an extra paragraph as read back (see [align.Extra]): the
// segment it follows, the fingerprint of its text as exported
// ([ExtraFingerprint]) and the text the translator left (empty: dropped).
type ExtraEntry struct {
	After, Base, Text string
	Pos               int
}

// Current is the repository's state of one document in the file's locale.
type Current struct {
	Doc          *align.Document
	Translations []align.Translation
	Reviews      []align.Review
	Extras       []align.Extra
	// TranslationPath and ReviewPath name the files, for problems.
	TranslationPath, ReviewPath string
}

// Result is the outcome of Merge: the new translation and review lists of
// the documents that change, and every problem found.
type Result struct {
	// Translations maps a document name to its new translations, in
	// document order, orphans last in their old order. Only documents
	// whose translations change are present.
	Translations map[string][]align.Translation
	// Reviews maps a document name to its new review state, for the
	// documents whose review state changes.
	Reviews map[string][]align.Review
	// Extras maps a document name to its new extra paragraphs, for the
	// documents whose extras change; ExtrasPlaced counts the extras whose
	// text the translator moved into a translation, ExtrasDropped those
	// emptied, ExtrasEdited those whose text changed.
	Extras                                    map[string][]align.Extra
	ExtrasPlaced, ExtrasDropped, ExtrasEdited int
	// Imported counts changed translations; Confirmed the stale
	// translations confirmed for the current source; Reviewed changed
	// review states; Changed the entries that change anything (an entry
	// may both change its translation and its review state); Unchanged
	// the entries that change nothing.
	Imported, Confirmed, Reviewed, Changed, Unchanged int
	// Accepted counts the imported translations that are proposals of
	// verso align accepted as they were (see Decide).
	Accepted int
	// Problems holds the file's problems and those of the merge.
	Problems Problems
}

// Statuses are the statuses an entry may have: the review flags.
var Statuses = []string{align.NeedsReview, align.Approved}

// Merge compares a file's entries with the repository (docs maps every
// document name of the project to its state) and plans the changes. An
// entry is identified by its ID; an ID that no document has, that occurs
// twice, that belongs to another document's part, whose fingerprints or
// source do not match the export, or whose status is not one of
// [Statuses] rejects the entry. The others are decided by [Decide].
func Merge(f *File, docs map[string]*Current, prefer Prefer) *Result {
	m := &merger{f: f, docs: docs, prefer: prefer,
		res: &Result{Translations: map[string][]align.Translation{}, Reviews: map[string][]align.Review{}, Extras: map[string][]align.Extra{},
			Problems: append(Problems(nil), f.Problems...)},
		newTr:  map[string]map[string]align.Translation{},
		newRev: map[string]map[string]align.Review{},
	}
	m.index()
	for pi := range f.Parts {
		m.part(pi)
		m.extras(pi)
	}
	for name, set := range m.newTr {
		m.res.Translations[name] = align.ApplyTranslations(docs[name].Doc, docs[name].Translations, set)
	}
	for name, set := range m.newRev {
		m.res.Reviews[name] = mergeReviews(docs[name].Reviews, set)
	}
	m.res.Problems.Sort()
	return m.res
}

type owner struct {
	doc string
	seg int
}

type place struct{ part, pos int }

// merger is the state of one Merge.
type merger struct {
	f      *File
	docs   map[string]*Current
	prefer Prefer
	res    *Result
	owners map[string]owner
	partOf map[string]int     // document -> part index
	seen   map[string][]place // ID -> entries
	newTr  map[string]map[string]align.Translation
	newRev map[string]map[string]align.Review
}

func (m *merger) index() {
	m.owners = map[string]owner{}
	for name, c := range m.docs {
		for i, s := range c.Doc.Segments {
			m.owners[s.ID] = owner{name, i}
		}
	}
	m.partOf = map[string]int{}
	m.seen = map[string][]place{}
	for pi, p := range m.f.Parts {
		m.partOf[p.Doc] = pi
		for _, e := range p.Entries {
			if e.ID != "" {
				m.seen[e.ID] = append(m.seen[e.ID], place{pi, e.Pos})
			}
		}
	}
}

func (m *merger) add(part, pos int, fl Field, lvl Level, err error) {
	m.res.Problems = append(m.res.Problems, &Problem{File: m.f.Name, Place: m.f.Locate(part, pos, fl), Level: lvl, Err: err})
}

func (m *merger) part(pi int) {
	p := &m.f.Parts[pi]
	cur := m.docs[p.Doc]
	if cur == nil && p.Doc == "" {
		m.add(pi, 0, FieldNone, LevelRejected, fmt.Errorf("%w: this %s names no document (a tool dropped its name); export a new %s and translate that one (nothing of this %s was imported)", ErrUnknownID, m.f.Terms.Part, exportNoun(m.f.Terms), m.f.Terms.Part))
		return
	}
	if cur == nil {
		m.add(pi, 0, FieldNone, LevelRejected, fmt.Errorf("%w: document %s is no longer in the repository; nothing of this %s was imported", ErrUnknownID, p.Doc, m.f.Terms.Part))
		return
	}
	trs := make(map[string]*align.Translation, len(cur.Translations))
	for i := range cur.Translations {
		trs[cur.Translations[i].ID] = &cur.Translations[i]
	}
	revs := make(map[string]align.Review, len(cur.Reviews))
	for _, rv := range cur.Reviews {
		revs[rv.ID] = rv
	}
	for i := range p.Entries {
		e := &p.Entries[i]
		if e.Bad {
			continue
		}
		seg, flag, ok := m.check(pi, e, cur)
		if !ok {
			continue
		}
		rv := revs[e.ID]
		if rv.Flag == noFlag {
			rv.Flag = ""
		}
		repo := trs[e.ID]
		base := e.Base
		if !e.HasBase {
			base = Base{SourceHash: align.Hash(e.Source), ReviewFP: ReviewFingerprint(rv.Flag, rv.Note)}
			if repo != nil {
				base.TrFP = TrFingerprint(repo.Hash, repo.Text)
			}
		}
		out := Decide(Case{ID: e.ID, Base: base, Text: CleanText(e.Text), Flag: flag, Note: CleanText(e.Note),
			Repo: repo, Review: rv, Source: seg.Text, MarkupDiff: cur.Doc.MarkupDiff, TranslationPath: cur.TranslationPath, ReviewPath: cur.ReviewPath,
			Prefer: m.prefer, Terms: m.f.Terms})
		m.apply(pi, e, p.Doc, seg, base, out)
	}
}

// check applies the identity checks to an entry; it returns the entry's
// segment and its status as a flag, or false when the entry is rejected.
func (m *merger) check(pi int, e *Entry, cur *Current) (*align.Segment, string, bool) {
	p, u := &m.f.Parts[pi], m.f.Terms.Unit
	reject := func(fl Field, err error) (*align.Segment, string, bool) {
		m.add(pi, e.Pos, fl, LevelRejected, err)
		return nil, "", false
	}
	if e.ID == "" {
		if CleanText(e.Text) != "" || e.Status != "" || CleanText(e.Note) != "" {
			return reject(FieldID, fmt.Errorf("%w: %ss cannot be added; put the text in the %s of its segment (the %s was not imported)", ErrNoID, u, u, u))
		}
		return nil, "", false
	}
	if ps := m.seen[e.ID]; len(ps) > 1 {
		var others []string
		for _, o := range ps {
			if o.part != pi || o.pos != e.Pos {
				others = append(others, m.f.Locate(o.part, o.pos, FieldID).String())
			}
		}
		return reject(FieldID, fmt.Errorf("%w %s, also in %s: keep one %s per ID (the %ss were not imported)", ErrDuplicateID, e.ID, strings.Join(others, ", "), u, u))
	}
	own, known := m.owners[e.ID]
	switch {
	case known && own.doc != p.Doc:
		where := "its own " + m.f.Terms.Part
		if oi, ok := m.partOf[own.doc]; ok {
			where = m.f.Parts[oi].Label
		}
		return reject(FieldID, fmt.Errorf("%w: %s is a segment of %s; move the %s back to %s (the %s was not imported)", ErrMovedRow, e.ID, own.doc, u, where, u))
	case !known:
		return reject(FieldID, fmt.Errorf("%w %q: no segment of %s has it (edited, or the segment was removed from the source); the %s was not imported", ErrUnknownID, e.ID, p.Doc, u))
	case e.BaseErr != nil:
		return reject(FieldBase, e.BaseErr)
	}
	seg := &cur.Doc.Segments[own.seg]
	if e.HasBase && e.Source != seg.Text && align.Hash(e.Source) != e.Base.SourceHash {
		return reject(FieldSource, fmt.Errorf("%w: the source text is read-only; undo the edit and write in %s (the %s was not imported)", ErrSourceEdited, m.f.Terms.Target, u))
	}
	flag := strings.ToLower(e.Status)
	if flag == noFlag {
		flag = ""
	}
	if flag != "" && flag != align.NeedsReview && flag != align.Approved {
		return reject(FieldStatus, fmt.Errorf("%w %q: choose %s or %s, or leave it empty (the %s was not imported)", ErrStatus, e.Status, align.NeedsReview, align.Approved, u))
	}
	return seg, flag, true
}

func (m *merger) apply(pi int, e *Entry, doc string, seg *align.Segment, base Base, out Outcome) {
	for _, fd := range out.Findings {
		m.add(pi, e.Pos, fd.Field, fd.Level, fd.Err)
	}
	if out.Dropped {
		return
	}
	if out.Tr == nil && out.Review == nil {
		m.res.Unchanged++
		return
	}
	m.res.Changed++
	if out.Tr != nil {
		if m.newTr[doc] == nil {
			m.newTr[doc] = map[string]align.Translation{}
		}
		m.newTr[doc][e.ID] = *out.Tr
		switch {
		case out.Confirmed:
			m.res.Confirmed++
		case out.Accepted:
			m.res.Imported++
			m.res.Accepted++
		default:
			m.res.Imported++
		}
		if seg.Hash != base.SourceHash {
			m.add(pi, e.Pos, FieldSource, LevelWarning, fmt.Errorf("%w: imported, but the source of %s changed since the export, so the translation stays stale; revise it against the new source (export a new %s)", ErrSourceChanged, e.ID, exportNoun(m.f.Terms)))
		}
	}
	if out.Review != nil {
		if m.newRev[doc] == nil {
			m.newRev[doc] = map[string]align.Review{}
		}
		m.newRev[doc][e.ID] = *out.Review
		m.res.Reviewed++
	}
}

func mergeReviews(old []align.Review, set map[string]align.Review) []align.Review {
	var out []align.Review
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
	return out // the review file's writer sorts by ID
}

// CleanText turns a cell's or an element's text into a translation: CR LF
// and lone CR become LF, surrounding white space is trimmed.
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}
