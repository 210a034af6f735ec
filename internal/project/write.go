package project

import "verso/internal/txn"

// File is a planned write: a slash-separated path relative to the root (or
// an absolute path) and the file's new content. The files planned from
// what Load read carry that content as their base, and their write fails
// if the file changed since (see txn.File).
type File = txn.File

// WriteFiles writes the files as one transaction (package txn): when it
// fails, or the process dies while it runs, every file is as it was
// before or, once the transaction is committed, as planned. A symbolic
// link is written through: the file it names is replaced, and the link
// kept.
func WriteFiles(root string, files []File) error {
	return txn.Commit(root, files)
}
