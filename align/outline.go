package align

// OutlineNode is a heading in a document's section tree: the heading, what
// follows it up to the next heading of the same or a higher level, and the
// headings of lower levels under it.
type OutlineNode struct {
	Heading    int // index of the heading segment
	Level      int // the heading's level, 1 to 6
	Start, End int // segment index range [Start, End): the heading and everything under it
	Children   []OutlineNode
}

// Outline returns the document's section tree, built from the heading
// levels: a heading is the child of the nearest heading before it with a
// lower level (a jump from level 1 to 3 nests the level-3 heading under
// the level-1 one). The title stands above the tree and is not in it;
// segments before the first heading belong to no node. Bookmarks and a
// table of contents follow this tree.
func (d *Document) Outline() []OutlineNode {
	var root []OutlineNode
	// path holds the open nodes from the top down, as index paths into
	// the tree, so that appending a child never leaves a stale pointer.
	var path []*OutlineNode
	closeTo := func(level, at int) {
		for len(path) > 0 && path[len(path)-1].Level >= level {
			path[len(path)-1].End = at
			path = path[:len(path)-1]
		}
	}
	for i, s := range d.Segments {
		if s.Kind != KindHeading {
			continue
		}
		level := max(1, s.Level)
		closeTo(level, i)
		n := OutlineNode{Heading: i, Level: level, Start: i}
		if len(path) == 0 {
			root = append(root, n)
			path = append(path, &root[len(root)-1])
		} else {
			p := path[len(path)-1]
			p.Children = append(p.Children, n)
			path = append(path, &p.Children[len(p.Children)-1])
		}
	}
	closeTo(0, len(d.Segments))
	return root
}

// Parents returns, for every segment, the index of the heading whose
// section holds it, or -1 before the first heading; a heading's parent is
// the heading above it in the [Document.Outline]. Following parents from a
// segment up gives its place in the document ("Chapter 2 › Article 5").
func (d *Document) Parents() []int {
	out := make([]int, len(d.Segments))
	var path []int // open headings from the top level down
	for i, s := range d.Segments {
		if s.Kind != KindHeading {
			out[i] = -1
			if len(path) > 0 {
				out[i] = path[len(path)-1]
			}
			continue
		}
		level := max(1, s.Level)
		for len(path) > 0 && max(1, d.Segments[path[len(path)-1]].Level) >= level {
			path = path[:len(path)-1]
		}
		out[i] = -1
		if len(path) > 0 {
			out[i] = path[len(path)-1]
		}
		path = append(path, i)
	}
	return out
}
