#!/bin/sh
# bench-peers.sh typesets the seed's own pairs (Chinese | English) three
# ways, with the same fonts (AR PL UMing CN, Liberation Serif), page and
# sizes, and runs the line-metrics checker (internal/cmd/linemetrics) on
# every PDF: verso publish; Typst (the typst.ts Node binding); xelatex with
# paracol and xeCJK. It prints one Markdown table: the metrics of each PDF,
# the median wall time of RUNS runs and the peak memory (RSS). Not part of
# the test suite.
#
# Needs go, python3 (3.11+), node and npm, and the Debian packages:
#	apt-get install --no-install-recommends mupdf-tools fonts-arphic-uming \
#		texlive-xetex texlive-lang-chinese
# (texlive: about 700 MB). Typst comes from npm into a temporary
# directory (@myriaddreamin/typst-ts-node-compiler); set TYPST_NODE_MODULES
# to a node_modules that has it to skip the download. Run from anywhere:
#
#	sh export/pdf/testdata/bench-peers.sh [RUNS]
#
# Set KEEP=DIR to keep the PDFs.
set -eu
runs=${1:-3}
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
go build -o "$work/verso" ./cmd/verso
go build -o "$work/linemetrics" ./internal/cmd/linemetrics
cp -r sources translations verso.toml "$work/"
serif=$(go list -m -f '{{.Dir}}' github.com/go-fonts/liberation)
mkdir -p "$work/fonts"
cp "$serif"/liberationserif*/*.ttf /usr/share/fonts/truetype/arphic/uming.ttc "$work/fonts/"

if [ -n "${TYPST_NODE_MODULES:-}" ]; then
	ln -s "$TYPST_NODE_MODULES" "$work/node_modules"
else
	(cd "$work" && npm install --silent --no-save @myriaddreamin/typst-ts-node-compiler > /dev/null)
fi

# The pairs as Typst (a two-column grid row per pair, so that both start
# level) and as LaTeX (paracol, columns synchronised at every pair).
"$work/verso" -C "$work" segments --json > "$work/segments.json"
python3 - "$work" <<'PY'
import json, sys, tomllib, pathlib
work = pathlib.Path(sys.argv[1])
doc = json.loads((work / "segments.json").read_text())[0]
tr = tomllib.loads((work / "translations" / (doc["doc"] + ".en.toml")).read_text())
segs = [(s["kind"], " ".join(s["text"].split()), " ".join(tr[s["id"]]["other"].split())) for s in doc["segments"]]

# Typst: A4, margins and sizes as verso's (text block 62 pt from the sides,
# 78 pt from the top, 70 from the bottom; Chinese 10.5/18 with a two-em
# indent, English 10/13.5).
q = lambda s: json.dumps(s, ensure_ascii=False)
t = ['#set page(paper: "a4", margin: (x: 62pt, top: 78pt, bottom: 70pt))',
     '#set text(font: ("Liberation Serif", "AR PL UMing CN"), size: 10pt, lang: "en")',
     '#set par(justify: true)',
     '#let zh(body, size: 10.5pt, indent: 2em) = text(lang: "zh", region: "cn", size: size, par(leading: 18pt - 10.5pt, first-line-indent: (amount: indent, all: true), body))',
     '#let en(body) = par(leading: 13.5pt - 10pt, body)']
for kind, zh, en in segs:
    if kind == "title":
        t.append('#align(center, text(weight: "bold", size: 17pt)[#zh(%s, size: 21pt, indent: 0em) #v(12pt) #%s])' % (q(zh), q(en)))
        continue
    if kind == "heading":
        t.append('#pagebreak(weak: true)')
        t.append('#grid(columns: (1fr, 1fr), column-gutter: 24pt, align(center, strong(zh(%s, size: 13.5pt, indent: 0em))), align(center, strong(text(size: 11.5pt, %s))))' % (q(zh), q(en)))
    else:
        t.append('#grid(columns: (1fr, 1fr), column-gutter: 24pt, zh(%s), en(%s))' % (q(zh), q(en)))
    t.append('#v(4.5pt)')
(work / "pairs.typ").write_text("\n".join(t) + "\n")

esc = lambda s: "".join({"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                         "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}.get(c, c) for c in s)
L = [r"\documentclass[10pt]{article}",
     r"\usepackage[a4paper,left=62bp,right=62bp,top=78bp,bottom=70bp]{geometry}",
     r"\usepackage{xeCJK}\usepackage{paracol}",
     r"\setmainfont{LiberationSerif}[Path=./fonts/,Extension=.ttf,UprightFont=*-Regular,BoldFont=*-Bold,ItalicFont=*-Italic,BoldItalicFont=*-BoldItalic]",
     r"\setCJKmainfont{uming.ttc}[Path=./fonts/,FontIndex=2]",
     r"\setlength{\parindent}{0pt}\setlength{\columnsep}{24bp}\pagestyle{plain}",
     r"\newcommand{\zh}[1]{{\fontsize{10.5bp}{18bp}\selectfont\hspace*{2em}#1\par}}",
     r"\newcommand{\en}[1]{{\fontsize{10bp}{13.5bp}\selectfont #1\par}}",
     r"\begin{document}"]
for kind, zh, en in segs:
    if kind == "title":
        L.append(r"\begin{center}{\fontsize{21bp}{31.5bp}\selectfont\bfseries %s\par}\vspace{12bp}{\fontsize{17bp}{22.5bp}\selectfont\bfseries %s\par}\end{center}" % (esc(zh), esc(en)))
        L.append(r"\begin{paracol}{2}")
        continue
    if kind == "heading":
        L.append(r"\end{paracol}\clearpage\begin{paracol}{2}")
        L.append(r"\begin{center}{\fontsize{13.5bp}{22.5bp}\selectfont\bfseries %s\par}\end{center}\switchcolumn\begin{center}{\fontsize{11.5bp}{18bp}\selectfont\bfseries %s\par}\end{center}\switchcolumn*" % (esc(zh), esc(en)))
    else:
        L.append(r"\zh{%s}\switchcolumn\en{%s}\switchcolumn*" % (esc(zh), esc(en)))
L += [r"\end{paracol}", r"\end{document}"]
(work / "paracol.tex").write_text("\n".join(L) + "\n")

(work / "typst.mjs").write_text("""
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { writeFileSync } from 'node:fs';
const c = NodeCompiler.create({ workspace: '.', fontArgs: [{ fontPaths: ['./fonts'] }] });
const r = c.compile({ mainFilePath: './pairs.typ' });
if (r.hasError()) { r.printErrors(); process.exit(1); }
writeFileSync('typst.pdf', c.pdf(r.result));
""")
PY

# run NAME CMD...: RUNS runs in $work; the median wall time and the peak
# RSS (of the whole process tree) go to $work/NAME.time.
run() {
	name=$1; shift
	python3 - "$work" "$runs" "$name" "$@" <<'PY'
import os, resource, statistics, subprocess, sys, time
work, runs, name, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
times, peak = [], 0
for _ in range(runs):
    t = time.monotonic()
    p = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    times.append(time.monotonic() - t)
    if status != 0:
        sys.exit("%s: %s failed" % (name, " ".join(cmd)))
    peak = max(peak, ru.ru_maxrss)
peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
open(os.path.join(work, name + ".time"), "w").write("%.2f s | %.0f MB\n" % (statistics.median(times), peak / 1024))
PY
}

run verso ./verso publish --locale en -o out
cp "$work/out/sco-2020-statements.zh-Hans-en.pdf" "$work/verso.pdf"
run typst node typst.mjs
run paracol sh -c 'xelatex -interaction=nonstopmode paracol.tex && xelatex -interaction=nonstopmode paracol.tex'

"$work/linemetrics" "$work/verso.pdf" "$work/typst.pdf" "$work/paracol.pdf" > "$work/table"
python3 - "$work" <<'PY'
import sys, pathlib
work = pathlib.Path(sys.argv[1])
rows = (work / "table").read_text().splitlines()
print(rows[0] + " time | peak RSS |")
print(rows[1] + " --- | --- |")
for r in rows[2:]:
    name = r.split("|")[1].strip().removesuffix(".pdf")
    print(r + " " + (work / (name + ".time")).read_text().strip() + " |")
PY
if [ -n "${KEEP:-}" ]; then cp "$work"/verso.pdf "$work"/typst.pdf "$work"/paracol.pdf "$KEEP/"; fi
