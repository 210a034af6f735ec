// Package history reads what a repository's git history knows and its
// working tree does not: the source texts that stale translations were made
// from, the repository's identity, and the date of its last commit. Without
// git, or outside a repository, every answer is "unknown", never an error:
// history only adds information.
package history

import (
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"verso/align"
)

// depth is how many commits that touched an ID record are searched for old
// texts.
const depth = 100

// Texts returns, by hash, the texts of past versions of the ID record at
// recordPath (relative to root) whose hashes are wanted: the versions in
// the last 100 commits that touched it, newest first. A text history does
// not have is absent from the map.
func Texts(root, recordPath string, want map[string]bool) map[string]string {
	out := map[string]string{}
	if len(want) == 0 {
		return out
	}
	logOut, err := git(root, "log", "--format=%H", "-n", strconv.Itoa(depth), "--", recordPath)
	if err != nil {
		return out
	}
	for _, commit := range strings.Fields(string(logOut)) {
		data, err := git(root, "show", commit+":./"+recordPath)
		if err != nil {
			continue
		}
		rec, err := align.ParseRecord(recordPath, data)
		if err != nil {
			continue
		}
		for _, en := range rec.Entries {
			if h := align.Hash(en.Text); want[h] && out[h] == "" {
				out[h] = en.Text
			}
		}
		if len(out) == len(want) {
			break
		}
	}
	return out
}

// RepoID identifies the repository at root: "git:" and the first 12 hex
// digits of its first commit (the same in every clone), or "" without git
// history.
func RepoID(root string) string {
	out, err := git(root, "rev-list", "--max-parents=0", "HEAD")
	if err != nil {
		return ""
	}
	roots := strings.Fields(string(out))
	if len(roots) == 0 {
		return ""
	}
	slices.Sort(roots) // a history with several roots: any fixed choice
	return "git:" + roots[0][:min(12, len(roots[0]))]
}

// LastCommit returns the committer date of the last commit of the
// repository at root, and false without one.
func LastCommit(root string) (time.Time, bool) {
	out, err := git(root, "log", "-1", "--format=%ct")
	if err != nil {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(n, 0).UTC(), true
}

func git(root string, args ...string) ([]byte, error) {
	return exec.Command("git", append([]string{"-C", root}, args...)...).Output()
}
