package pdf

import "hash/maphash"

// breakMemo keeps where the lines of every paragraph set end, so that an
// edition laid out a second time (see [Write]) sets its lines again
// without breaking its paragraphs again: choosing the breaks (the
// segmentation into atoms, their widths and glue, the search for the
// best breaks) is most of the cost of setting a paragraph. It takes a
// few bytes a line, where the lines themselves are let go.
//
// Laying out again sets the same paragraphs in the same order; each is
// checked against the one recorded at its place (its text's hash and
// length, its measure),
// and at the first that differs the memo is dropped and the rest are
// broken anew, so that a memo out of step costs time, never a wrong line.
type breakMemo struct {
	seed      maphash.Seed
	paras     []memoPara
	breaks    []lineBreak
	replaying bool
	next      int // the paragraph to replay next
}

// newBreakMemo returns an empty memo, recording.
func newBreakMemo() *breakMemo { return &breakMemo{seed: maphash.MakeSeed()} }

// memoPara is a paragraph recorded: its text's hash and length in
// bytes, its measure and its lines, breaks[start:end].
type memoPara struct {
	hash       uint64
	n          int
	measure    float64
	start, end int
}

// record notes the breaks of a paragraph set while not replaying.
func (m *breakMemo) record(text string, measure float64, brks []lineBreak) {
	if m == nil || m.replaying {
		return
	}
	m.paras = append(m.paras, memoPara{hash: maphash.String(m.seed, text), n: len(text), measure: measure, start: len(m.breaks), end: len(m.breaks) + len(brks)})
	m.breaks = append(m.breaks, brks...)
}

// rewind starts replaying the paragraphs recorded, from the first.
func (m *breakMemo) rewind() {
	if m != nil {
		m.replaying, m.next = true, 0
	}
}

// replay returns the breaks recorded for the next paragraph, if it is
// text set in measure.
func (m *breakMemo) replay(text string, measure float64) ([]lineBreak, bool) {
	if m == nil || !m.replaying {
		return nil, false
	}
	if m.next >= len(m.paras) {
		return nil, false
	}
	p := m.paras[m.next]
	if p.n != len(text) || p.measure != measure || p.hash != maphash.String(m.seed, text) {
		*m = breakMemo{replaying: true} // out of step: break the rest anew
		return nil, false
	}
	m.next++
	return m.breaks[p.start:p.end], true
}
