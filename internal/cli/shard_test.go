package cli

import (
	"fmt"
	"slices"
	"testing"
)

// TestShardsPartition checks that the N shards of a set are disjoint, cover
// it, are balanced by weight and do not depend on the order of the input.
func TestShardsPartition(t *testing.T) {
	var keys []string
	var weights []int
	for i := range 37 {
		keys = append(keys, fmt.Sprintf("doc%02d\x00en", i))
		weights = append(weights, 10+(i*7919)%300)
	}
	total := 0
	for _, w := range weights {
		total += w
	}
	for n := 1; n <= 8; n++ {
		seen := make([]int, len(keys))
		heaviest := 0
		for k := 1; k <= n; k++ {
			load := 0
			for _, i := range (shard{k, n}).pick(keys, weights) {
				seen[i]++
				load += weights[i]
			}
			heaviest = max(heaviest, load)
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("%d shards: item %d is in %d shards, want 1", n, i, c)
			}
		}
		if limit := total/n + slices.Max(weights); heaviest > limit {
			t.Errorf("%d shards: heaviest part %d, more than the mean plus one item (%d)", n, heaviest, limit)
		}
	}
	// Reversing the input changes which indexes are picked but not which
	// keys.
	rk, rw := slices.Clone(keys), slices.Clone(weights)
	slices.Reverse(rk)
	slices.Reverse(rw)
	for k := 1; k <= 3; k++ {
		var a, b []string
		for _, i := range (shard{k, 3}).pick(keys, weights) {
			a = append(a, keys[i])
		}
		for _, i := range (shard{k, 3}).pick(rk, rw) {
			b = append(b, rk[i])
		}
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("shard %d/3 depends on the input order: %q vs %q", k, a, b)
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, s := range []string{"", "1", "0/2", "3/2", "a/b", "1/0", "-1/2"} {
		if _, err := parseShard(s); err == nil {
			t.Errorf("parseShard(%q) accepted", s)
		}
	}
	if got, err := parseShard("2/4"); err != nil || got != (shard{2, 4}) {
		t.Errorf("parseShard(2/4) = %v, %v", got, err)
	}
}
