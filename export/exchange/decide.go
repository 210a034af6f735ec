package exchange

import (
	"fmt"
	"strings"

	"verso/align"
)

// Prefer decides conflicts: an entry that the translator changed and whose
// translation (or review state) also changed in the repository since the
// export.
type Prefer int

// The ways to decide a conflict.
const (
	PreferNone Prefer = iota // report the conflict and import nothing of the entry
	PreferFile               // take the file's version (--prefer sheet, --prefer file)
	PreferRepo               // keep the repository's version
)

// Terms name things in messages the way the format's users know them.
type Terms struct {
	Unit   string // what an entry is: "row", "unit", "entry"
	Target string // where translations are written: "the Translation column", "msgstr"
	Part   string // what a document's part of the file is: "sheet", "file"
	Prefer string // the --prefer value that takes the file's version
}

// Case is one entry to decide: what was exported, what the file holds now,
// and what the repository holds now.
type Case struct {
	ID string
	// Base is the export; SourceHash is the source the file's text is a
	// translation of.
	Base Base
	// Text, Flag and Note are the file's, cleaned; Flag is "",
	// align.NeedsReview or align.Approved.
	Text, Flag, Note string
	// Repo is the repository's translation, nil for none; Review its
	// review state (Flag "" for none).
	Repo   *align.Translation
	Review align.Review
	// Source is the segment's current text; MarkupDiff, when not nil,
	// says how a translation's inline markup (links, code, footnote
	// references) differs from its source's: a new text that differs is
	// rejected.
	Source     string
	MarkupDiff func(source, translation string) []string
	// Paths name the repository's files in messages.
	TranslationPath, ReviewPath string
	Prefer                      Prefer
	Terms                       Terms
}

// Finding is a problem of one entry, at one of its fields.
type Finding struct {
	Field Field
	Level Level
	Err   error
}

// Outcome is what Decide decided: the translation and review state to
// record (nil: unchanged), whether the translation is a confirmation of a
// stale one, and what to report. An outcome with a rejected finding
// changes nothing.
type Outcome struct {
	Tr        *align.Translation
	Confirmed bool
	// Accepted: Tr is the proposal of verso align the entry accepted.
	Accepted bool
	Review   *align.Review
	Findings []Finding
	// Dropped: the entry was rejected or kept as the repository's whole;
	// it counts neither as changed nor as unchanged.
	Dropped bool
}

// Decide merges one entry. A missing entry that carries verso align's
// proposal (see decideProposal) is decided first. Translation:
//
//   - the file's text is empty, or the repository already has it for the
//     exported source: nothing to do (an empty text never deletes);
//   - the text equals the exported translation: nothing to do;
//   - a stale entry (the repository's translation is the exported one, made
//     from an older source) set to approved with no text, or whose text is
//     that translation, is confirmed: recorded unchanged with the exported
//     source hash;
//   - approved with no text while the repository has no translation:
//     rejected, unless the entry holds a proposal of verso align, which
//     decideProposal accepts;
//   - approved with no text on a stale entry whose repository translation
//     changed since the export: a conflict (rejected; with PreferRepo a
//     warning);
//   - a changed text whose repository translation is still the exported
//     one is recorded with the exported source hash; if the repository's
//     changed too, to the same text, nothing to do; to another: a
//     conflict, rejected, or decided by Prefer.
//
// The review state (flag and note) is decided the same way against the
// exported one.
func Decide(c Case) Outcome {
	if out, ok := decideProposal(&c); ok {
		return out
	}
	out := decideTranslation(c)
	if out.Dropped {
		return out
	}
	rev, fd := decideReview(c)
	if fd != nil && fd.Level == LevelRejected {
		return Outcome{Findings: []Finding{*fd}, Dropped: true}
	}
	if fd != nil {
		out.Findings = append(out.Findings, *fd)
	}
	out.Review = rev
	return out
}

// reject is the outcome of a rejected entry.
func reject(f Field, err error) Outcome {
	return Outcome{Findings: []Finding{{f, LevelRejected, err}}, Dropped: true}
}

// repoFlag is the repository's review flag, "" for none.
func (c *Case) repoFlag() string {
	if c.Review.Flag == noFlag {
		return ""
	}
	return c.Review.Flag
}

// approvedNow reports whether the translator set the status to approved:
// it was not approved as exported (the entry's note, or the repository's
// review state when it is the one exported, tells).
func (c *Case) approvedNow() bool {
	return c.Flag == align.Approved && ReviewFingerprint(c.Flag, c.Note) != c.Base.ReviewFP &&
		!(c.repoFlag() == align.Approved && ReviewFingerprint(align.Approved, c.Review.Note) == c.Base.ReviewFP)
}

// decideTranslation decides the entry's text.
func decideTranslation(c Case) Outcome {
	var out Outcome
	u, repo, text, b := c.Terms.Unit, c.Repo, c.Text, c.Base
	fp, fpDone := "", false
	repoFP := func() string { // computed when needed: most entries never need it
		if !fpDone && repo != nil {
			fp, fpDone = TrFingerprint(repo.Hash, repo.Text), true
		}
		return fp
	}
	approved := c.approvedNow()
	// Stale as exported: the repository's translation is the one exported,
	// and it was made from another source than the exported one.
	stale := repo != nil && b.TrFP != "" && repo.Hash != b.SourceHash && repoFP() == b.TrFP
	switch {
	case approved && text == "" && repo == nil:
		return reject(FieldStatus, fmt.Errorf("%w: approved, but the %s has no translation; enter the translation or clear the status (the %s was not imported)", ErrStatus, u, u))
	case stale && (text == "" && approved || text != "" && align.Normalize(text) == align.Normalize(repo.Text)):
		out.Tr = &align.Translation{ID: c.ID, Hash: b.SourceHash, Text: repo.Text}
		out.Confirmed = true
	case text == "" && approved && repo != nil && b.TrFP != "" && repo.Hash != b.SourceHash && repoFP() != b.TrFP:
		// Approved without a translation, but the translation exported is
		// no longer the repository's.
		if c.Prefer == PreferRepo {
			out.Findings = []Finding{{FieldStatus, LevelWarning, fmt.Errorf("%w (--prefer repo): %s changed the translation of %s since the export; it was not confirmed and the %s was not imported", ErrKeptRepo, c.TranslationPath, c.ID, u)}}
			out.Dropped = true
			return out
		}
		return reject(FieldStatus, fmt.Errorf("%w: %s changed the translation of %s since the export, so the previous translation shown cannot be confirmed; export a new %s (the %s was not imported)", ErrConflict, c.TranslationPath, c.ID, exportNoun(c.Terms), u))
	case text == "" || repo != nil && repo.Hash == b.SourceHash && text == strings.TrimSpace(repo.Text):
		// Empty, or the repository's text for this source (a cheap test
		// first): nothing to do, whether or not the entry was edited.
	case TrFingerprint(b.SourceHash, text) == b.TrFP:
		// The text exported: nothing to do.
	case repo != nil && repo.Hash == b.SourceHash && align.Normalize(repo.Text) == align.Normalize(text):
		// The repository already has this text for this source.
	case repoFP() != b.TrFP && c.Prefer == PreferNone:
		return reject(FieldTranslation, fmt.Errorf("%w: %s changed %s since the export (now %q) and so did this %s; keep one: edit the file or the %s, or import with --prefer %s or --prefer repo (the %s was not imported)",
			ErrConflict, c.TranslationPath, c.ID, align.Excerpt(repoText(repo), 40), u, u, c.Terms.Prefer, u))
	case repoFP() != b.TrFP && c.Prefer == PreferRepo:
		out.Findings = []Finding{{FieldTranslation, LevelWarning, fmt.Errorf("%w (--prefer repo): %s changed %s since the export; the %s's translation was not imported", ErrKeptRepo, c.TranslationPath, c.ID, u)}}
	default:
		if c.MarkupDiff != nil {
			if diff := c.MarkupDiff(c.Source, text); diff != nil {
				return reject(FieldTranslation, fmt.Errorf("%w: %s; keep the source's links, code and footnote references as they are (the %s was not imported)", ErrMarkup, strings.Join(diff, "; "), u))
			}
		}
		out.Tr = &align.Translation{ID: c.ID, Hash: b.SourceHash, Text: text}
	}
	return out
}

// decideReview decides the entry's status and note: the new review state
// (nil: unchanged) and what to report.
func decideReview(c Case) (*align.Review, *Finding) {
	rflag, note := c.repoFlag(), c.Review.Note
	u := c.Terms.Unit
	switch exported := c.Base.ReviewFP; {
	case rflag == c.Flag && note == c.Note, ReviewFingerprint(c.Flag, c.Note) == exported:
		return nil, nil // unchanged in the file, or already the repository's
	case rflag == c.Flag && align.Normalize(note) == align.Normalize(c.Note):
		return nil, nil
	case ReviewFingerprint(rflag, note) != exported && c.Prefer == PreferNone:
		return nil, &Finding{FieldStatus, LevelRejected, fmt.Errorf("%w: %s changed the status or note of %s since the export and so did this %s; keep one, or import with --prefer %s or --prefer repo (the %s was not imported)",
			ErrConflict, c.ReviewPath, c.ID, u, c.Terms.Prefer, u)}
	case ReviewFingerprint(rflag, note) != exported && c.Prefer == PreferRepo:
		return nil, &Finding{FieldStatus, LevelWarning, fmt.Errorf("%w (--prefer repo): %s changed the status or note of %s since the export; the %s's were not imported", ErrKeptRepo, c.ReviewPath, c.ID, u)}
	}
	return &align.Review{ID: c.ID, Flag: c.Flag, Note: c.Note}, nil
}

// exportNoun is what a new export of the format is called.
func exportNoun(t Terms) string {
	if t.Part == "sheet" {
		return "workbook"
	}
	return "file"
}

func repoText(t *align.Translation) string {
	if t == nil {
		return ""
	}
	return t.Text
}
