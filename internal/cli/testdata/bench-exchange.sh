#!/bin/sh
# bench-exchange.sh: end-to-end figures of the exchange formats, as a user
# runs them: the built verso binary on a generated repository of N segments
# (default 100000, one document, one complete locale), each command under
# /usr/bin/time -v. Not part of make test; run it from the repository root:
#
#	internal/cli/testdata/bench-exchange.sh [N]
#	REPEAT=5 VERSO=/tmp/verso-main internal/cli/testdata/bench-exchange.sh
#
# For every format it times the export, the import of the untouched file
# (nothing changes), and the import of the file with one translation in ten
# edited (those are imported); the repository is restored after each. The
# workbook (sheet export --all, sheet import) is timed untouched, as a
# reference. It prints one line per command: wall seconds, CPU seconds
# (user+sys), peak RSS in MB, exit status: the fastest of REPEAT runs
# (default 3; the machine's other work only slows a run down), with the
# highest peak of them.
set -eu
n=${1:-100000}
repeat=${REPEAT:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/verso-bench.XXXXXX)}
verso=${VERSO:-$work/verso} # VERSO: time another build (an older commit's)
if [ -z "${VERSO:-}" ]; then
	go build -o "$verso" ./cmd/verso
fi
repo=$work/repo
rm -rf "$repo"
go run ./internal/corpus/gencorpus -n "$n" -o "$repo" >/dev/null
cp -a "$repo" "$work/orig"

restore() {
	rm -rf "$repo/translations" "$repo/.verso"
	cp -a "$work/orig/translations" "$work/orig/.verso" "$repo/"
}

# run LABEL ARGS...: one verso command in the repository, timed REPEAT
# times (a command that writes is run again on the repository as it was).
run() {
	label=$1
	shift
	: >"$work/times"
	i=0
	while [ "$i" -lt "$repeat" ]; do
		i=$((i + 1))
		if [ "$i" -gt 1 ] && [ "$label" != "${label%edited)}" ]; then
			restore
		fi
		if [ -n "${fresh:-}" ]; then
			rm -f "$repo/$fresh" # an export to a new file
		fi
		set +e
		(cd "$repo" && /usr/bin/time -v -o "$work/time" "$verso" "$@" >"$work/out" 2>"$work/err")
		code=$?
		set -e
		awk -v code="$code" '
			/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
			/User time/ { cpu += $NF }
			/System time/ { cpu += $NF }
			/Maximum resident/ { rss = $NF / 1024 }
			END { print wall, cpu, rss, code }' "$work/time" >>"$work/times"
		if [ "$code" -gt 1 ]; then
			cat "$work/err" >&2
			break
		fi
	done
	awk -v label="$label" '
		NR == 1 || $1 < wall { wall = $1; cpu = $2 }
		$3 > rss { rss = $3 }
		{ code = $4 }
		END { printf "%-30s %6.2f s wall %6.2f s cpu %7.0f MB rss  exit %s\n", label, wall, cpu, rss, code }' "$work/times"
	sed -n 1p "$work/out" | cut -c1-150 | sed 's/^/    /'
}

# edit FILE PATTERN: prefix every tenth translation (the first match of
# PATTERN on a line, an opening tag or msgstr) with "✎ ".
edit() {
	awk -v pat="$2" '
		$0 ~ pat && !/^msgstr ""$/ { if (++k % 10 == 0) { match($0, pat); $0 = substr($0, 1, RSTART+RLENGTH-1) "✎ " substr($0, RSTART+RLENGTH) } }
		{ print }' "$1" >"$1.edited"
}

# format NAME EXPORT-ARGS FILE PATTERN IMPORT-COMMAND
format() {
	name=$1 args=$2 file=$3 pat=$4 imp=$5
	fresh=$file
	# shellcheck disable=SC2086
	run "$name export" $args
	fresh=
	ls -l "$repo/$file" | awk '{ printf "%-28s %6.1f MB\n", "  file", $5 / 1e6 }'
	# shellcheck disable=SC2086
	run "$name import (untouched)" $imp "$file"
	restore
	edit "$repo/$file" "$pat"
	# shellcheck disable=SC2086
	run "$name import (10% edited)" $imp "$file.edited"
	restore
}

echo "verso exchange, $n segments, $(nproc) cores, $(uptime | sed 's/.*load/load/')"
format po "po export" po/en.po '^msgstr "' "po import"
format xliff-2.1 "xliff export --version 2.1 -o xliff/en21.xlf --locale en" xliff/en21.xlf '<target>' "xliff import"
format xliff-1.2 "xliff export --version 1.2 -o xliff/en12.xlf --locale en" xliff/en12.xlf '<target[^>]*>' "xliff import"
format tmx "tmx export" tmx/verso.tmx '<tuv xml:lang="en"><seg>' "tmx import"
fresh=sheets/en.xlsx
run "xlsx export" sheet export --all
fresh=
ls -l "$repo"/sheets/*.xlsx | awk '{ printf "%-28s %6.1f MB\n", "  file", $5 / 1e6 }'
run "xlsx import (untouched)" sheet import sheets/en.xlsx
restore
run "load (verso status)" status
if [ -z "${BENCH_DIR:-}" ]; then
	rm -rf "$work"
fi
