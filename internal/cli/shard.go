package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// shard is the K-th of N parts of a set of jobs (--shard K/N), 1 <= K <= N.
// The zero shard is the whole set.
type shard struct{ k, n int }

// parseShard reads "K/N".
func parseShard(s string) (shard, error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(ks)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return shard{}, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, such as 2/4", s)
	}
	return shard{k, n}, nil
}

// pick returns the indexes of the items that fall into the shard, in their
// order. Items are dealt by weight, heaviest first, each to the lightest part
// so far (ties: the lowest part, then the item's key), so the parts take
// about the same work and the partition depends only on the keys and
// weights: every machine of a CI matrix computes the same one, and the N
// shards together are the whole set, each item in exactly one.
func (s shard) pick(keys []string, weights []int) []int {
	if s.n <= 1 {
		idx := make([]int, len(keys))
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(weights[b], weights[a]), cmp.Compare(keys[a], keys[b]))
	})
	load := make([]int, s.n)
	var mine []int
	for _, i := range order {
		part := 0
		for p := 1; p < s.n; p++ {
			if load[p] < load[part] {
				part = p
			}
		}
		load[part] += max(weights[i], 1)
		if part == s.k-1 {
			mine = append(mine, i)
		}
	}
	slices.Sort(mine)
	return mine
}
