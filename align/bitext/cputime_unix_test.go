//go:build unix

package bitext

import "syscall"

// cpuTime returns the CPU time (user and system) the process has used so
// far, in seconds: on a machine shared with other work, a steadier measure
// of an algorithm's cost than the wall time.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
