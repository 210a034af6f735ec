#!/bin/sh
# bench-pandoc.sh compares `verso publish` with the tool a publisher would
# otherwise use for the same content: pandoc + xelatex rendering a
# two-column table of the same segment pairs (source | English), with the
# same CJK font. Not part of the test suite.
#
# Needs go, python3 (3.11+) and the Debian packages (about 600 MB):
#	apt-get install --no-install-recommends pandoc texlive-xetex \
#		texlive-lang-chinese texlive-latex-recommended \
#		texlive-fonts-recommended lmodern fonts-arphic-uming
# Run from anywhere:
#
#	sh export/pdf/testdata/bench-pandoc.sh [RUNS]
set -eu
runs=${1:-5}
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Set KEEP=DIR to keep both PDFs for comparison.
cd "$root"
go build -o "$work/verso" ./cmd/verso
cp -r sources translations verso.toml "$work/"

# The same pairs as a pandoc Markdown pipe table (wide cells wrap: pandoc
# sets relative column widths and LaTeX longtable paragraphs).
"$work/verso" -C "$work" segments --json > "$work/segments.json"
python3 - "$work" <<'PY'
import json, sys, tomllib, pathlib
work = pathlib.Path(sys.argv[1])
doc = json.loads((work / "segments.json").read_text())[0]
tr = tomllib.loads((work / "translations" / (doc["doc"] + ".en.toml")).read_text())
esc = lambda s: " ".join(s.split()).replace("|", "\\|")
rows = ["---", "title: " + json.dumps(doc["segments"][0]["text"], ensure_ascii=False),
        "CJKmainfont: AR PL UMing CN", "mainfont: DejaVu Serif",
        "geometry: a4paper,margin=2cm", "fontsize: 10pt", "---", "",
        "| 中文 | English |", "|:---------------------|:------------------------------------|"]
for s in doc["segments"][1:]:
    rows.append("| %s | %s |" % (esc(s["text"]), esc(tr[s["id"]]["other"])))
(work / "pairs.md").write_text("\n".join(rows) + "\n")
PY

now() { date +%s.%N; }
t0=$(now)
i=0; while [ $i -lt "$runs" ]; do "$work/verso" -C "$work" publish --locale en > /dev/null; i=$((i+1)); done
t1=$(now)
i=0; while [ $i -lt "$runs" ]; do (cd "$work" && pandoc pairs.md -o pandoc.pdf --pdf-engine=xelatex); i=$((i+1)); done
t2=$(now)
python3 - "$t0" "$t1" "$t2" "$runs" "$work" <<'PY'
import sys, os
t0, t1, t2, n = map(float, sys.argv[1:5])
work = sys.argv[5]
v, p = (t1 - t0) / n, (t2 - t1) / n
print("verso publish (en, whole CLI run): %.0f ms" % (v * 1000))
print("pandoc + xelatex (same pairs):     %.0f ms" % (p * 1000))
print("ratio pandoc/verso:                %.1fx" % (p / v))
print("sizes: verso %d bytes, pandoc %d bytes" % (
    os.path.getsize(os.path.join(work, "dist", "sco-2020-statements.zh-Hans-en.pdf")),
    os.path.getsize(os.path.join(work, "pandoc.pdf"))))
PY
if [ -n "${KEEP:-}" ]; then cp "$work"/dist/*.pdf "$work/pandoc.pdf" "$KEEP/"; fi
