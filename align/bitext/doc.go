// Package bitext aligns a source document with a translation that has its
// own paragraphs (bitext alignment): it finds which target paragraphs
// translate which source segments when paragraphs were split, merged,
// dropped, added or moved, and says how sure it is of each link. It imports
// only package align: no exporter, no message-file library.
//
// # Beads
//
// An alignment is a sequence of beads, each a run of source segments and
// the run of target paragraphs that translates it: 1-1, 1-2 (the
// translator split a paragraph), 2-1 (merged two), 1-0 (left one out), 0-1
// (added one). 2-2 beads were tried and left out: on the evaluation data
// they replaced correct pairs of 1-1 beads more often than they found a
// real 2-2. A heading the translation moved (it now follows the first
// paragraph of its section) cannot be part of a monotone alignment; after
// the dynamic programme, a segment left without a translation is linked to
// a paragraph left without a source a few beads away when the two fit (a
// moved heading, or a paragraph moved past one heading), and the bead is
// marked Moved.
//
// # Cost model
//
// The cost of a bead is a negative log-probability, the sum of:
//
//   - the shape's prior probability (Gale and Church's: 1-1 0.90, 1-2 and
//     2-1 0.045 each, 1-0 and 0-1 0.005 each), re-estimated from the
//     document pair's own first alignment, smoothed towards the default;
//   - a length model: the log of the length ratio (letters and digits, one
//     unit per Han character) is normal around the pair's own ratio, with
//     a variance that adds counting noise (1/length) for short texts, mixed
//     2% with a Laplace tail so that one free translation costs a few nats
//     instead of derailing the alignment. Ratio and variance are estimated
//     from the pair itself: first the ratio of the totals with a loose
//     variance; then, twice, from the 1-1 beads of the previous pass
//     between paragraphs of at least ten units whose ratio is within a
//     factor of 1.6 of the median (the variance from the median squared
//     deviation, at least 0.01). Nothing is fixed for one language pair.
//     Dates and notes facing their own kind skip the length model;
//   - anchors: numbers (see [Numbers]: Chinese numerals and dates
//     normalised, so 2018年6月10日, 10 June 2018 and 10 июня 2018 года
//     agree) earn 2 nats per number found on both sides and cost 1.5 per
//     number found on one side only, so disagreeing numbers lower the
//     confidence; a title, heading, date or note facing the same kind
//     earns 2, facing another kind or merged into a 2-1 or 1-2 bead costs 5
//     (kinds come from align.Parse on both sides; a one-line block without
//     closing punctuation counts as a heading whatever its length, since
//     translated headings outgrow the segmenter's 120-character limit);
//     list items facing paragraphs cost 2 (list markers); quoted titles
//     and terms (《…》 against “…”, «…», „…“, "…" or *…*) cost 0.7 per
//     quote without a partner; and each sentence of difference between
//     the two sides costs between 0.3 and 4 nats, set from the share of
//     1-1 beads of the first pass whose sentence counts agree.
//
// # Search
//
// The dynamic programme is banded, so the work is linear in the number of
// paragraphs times the band width. The first pass runs in a band of ±32
// target paragraphs around the path on which both documents advance in
// proportion to their cumulative length, and doubles the band while the
// best path runs within three cells of its edge. Two more passes, with the
// re-estimated model, run within ±8 paragraphs of the previous path; the
// last computes, with the forward-backward algorithm over the same band,
// the posterior probability of every bead of the best path.
//
// # Confidence
//
// A bead's Confidence is that posterior: the total probability, under the
// model with costs as negative log-probabilities (Options.Temperature 1),
// of the alignments that contain the bead. A moved bead's confidence is
// the softmax of its cost against the other candidates and against staying
// unlinked (6 nats). A segment cut out of a shared paragraph (2-1) gets
// the bead's confidence times the probability of the cut among all
// sentence boundaries (see [Alignment.Translations]).
//
// Calibration on the evaluation data (eval_test.go: the English and
// Russian translations of the seed document, re-paragraphed by the
// generator at four levels with ten seeds each, 6,682 confident
// proposals): beads at or above [DefaultMinConfidence] (0.9) were right
// 99.8% of the time, proposals at or above it 99.9%. By band:
//
//	confidence    beads  right
//	[0.00,0.50)       7    14%
//	[0.50,0.70)      46    72%
//	[0.70,0.80)      39    90%
//	[0.80,0.90)      70    84%
//	[0.90,0.95)      72    97%
//	[0.95,0.99)     231    99%
//	[0.99,1.00]    6310    99.9%
//
// The test TestAccuracy keeps these figures from regressing. The
// confidence is a model's estimate: on a translation much freer than the
// evaluation's, or with paragraphs of nearly equal length dropped side by
// side (which no length model can tell apart), it is optimistic.
package bitext
