// Package txn changes a set of files in a repository as one transaction:
// after a failure, or a crash at any instant, every file is either as it
// was before or as the transaction leaves it, never a mix of the two.
//
// # The protocol
//
// [Commit] writes a set of files in these steps; the journal is
// .verso/journal under the repository root, written whole (to
// .verso/journal.tmp, synced, then renamed) each time it changes.
//
//  1. Plan: resolve each target (a symbolic link is followed to the file it
//     names, which is the one replaced, so the link is kept), refuse a
//     directory, choose the names of a temporary file and, for a file that
//     exists, of a backup, both in the target's own directory (so that a
//     rename never crosses file systems).
//  2. Journal "staging": the names of every temporary file, backup and
//     directory the transaction may create.
//  3. Stage: create each temporary file, write it, sync it, give it the
//     target's permissions, close it. An interrupt (SIGINT, SIGTERM,
//     SIGHUP, see [Hold]) stops staging here: everything staged is
//     removed.
//  4. Verify: each file the caller read (File.Check) must still hold the
//     bytes it read (File.Base), else the transaction is abandoned with a
//     [*ChangedError] naming the file. The content hashes (SHA-256) of each
//     target before and after are recorded.
//  5. Back up: hard-link each existing target to its backup name (a copy
//     where links are not supported); sync the directories.
//  6. Journal "commit": the commit point. From here on the transaction is
//     completed, not undone, if the process dies.
//  7. Rename every temporary file over its target (a file to delete,
//     File.Delete, has no temporary file: it is removed, its backup kept
//     until step 8), then sync the directories. If a rename fails, the journal turns to "rollback": the
//     renamed targets get their backups back (a new file is removed), so
//     the repository is exactly as before, and the error is returned.
//  8. Remove the backups, then the journal.
//
// # Recovery
//
// The next verso command, reader or writer, calls [Recover] (holding the
// repository lock) before it reads anything. A "staging" journal is
// undone: the temporary files and backups it names are removed (no target
// had been touched). A "commit" journal is completed: each temporary file
// still present is renamed over its target (a file to delete is
// removed), whose content must still hash to the "before" value. If some target holds neither the before nor the
// after content (it was edited after the crash), the transaction is rolled
// back instead from the backups, keeping that edit. A "rollback" journal is
// rolled back. Each case is reported in one line on stderr. Recover also
// removes stray temporary files of verso (names .NAME.verso-tmp-… and
// .NAME.verso-old-…, and .NAME.tmpDIGITS left by verso versions without a
// journal) in the directories it is given, saying so.
//
// # Serialization
//
// Writers are serialized per repository by an advisory lock, flock(2) on
// .verso/lock ([Acquire]); the lock file holds the process ID and the
// command of its holder, for the message of a process that waits. The lock
// is released when the process exits, however it exits. Readers take no
// lock to read: every rename replaces a file whole, so a reader sees a file
// as it was before or after, never half written.
//
// Every step that touches the disk goes through a fault hook ([Inject]),
// so that tests can fail, or slow down, any step of any transaction.
package txn
