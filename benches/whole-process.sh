#!/usr/bin/env bash
# Whole-process runs of the release binary with hyperfine, beside the in-process benches in
# benches/*.rs, plus peak memory (GNU time). Generates its inputs under target/whole-process/.
#
#   benches/whole-process.sh            # needs: hyperfine, GNU time (/usr/bin/time), python3
#
# Prints a Markdown table per run; BENCHMARKS.md holds the figures from the development machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked >&2
bin=target/release/claimcheck
work=target/whole-process
mkdir -p "$work"

# Generated pages: prose with a claim and a PubMed link every few sentences, in HTML with some
# page furniture, of 1, 10 and 50 MB; the 10 MB page minified onto one line; and a page of
# deeply nested, never-closed lists.
python3 - "$work" <<'PY'
import random, sys, os
out = sys.argv[1]
rng = random.Random(7)
subjects = ["patients", "adults", "participants", "people with depression", "veterans"]
verbs = ["responded", "reached remission", "relapsed", "reported side effects"]
def para(i):
    s = []
    for _ in range(rng.randint(2, 5)):
        s.append("Our clinic sees many %s every week, and each visit is planned with care." % rng.choice(subjects))
    s.append("In one trial, %d%% of %d %s %s within %d hours (<a href=\"https://pubmed.ncbi.nlm.nih.gov/%d/\">study</a>)."
             % (rng.randint(5, 95), rng.randint(20, 900), rng.choice(subjects), rng.choice(verbs), rng.randint(2, 72), 20000000 + i % 5000))
    return "<p>" + " ".join(s) + "</p>\n"
def page(size):
    parts = ["<!doctype html><html><head><title>Generated</title></head><body><nav><a href='/'>Home</a></nav><main><article><h1>Treatment</h1>\n"]
    n, i = 0, 0
    while n < size:
        p = para(i); parts.append(p); n += len(p); i += 1
        if i % 50 == 0:
            parts.append("<h2>Section %d</h2><ul><li>Sessions last 40 minutes</li><li>Costs $%d</li></ul>\n" % (i, rng.randint(100, 900)))
    parts.append("</article></main><footer>Contact</footer></body></html>\n")
    return "".join(parts)
for mb in (1, 10, 50):
    with open(os.path.join(out, "page-%dmb.html" % mb), "w") as f:
        f.write(page(mb << 20))
with open(os.path.join(out, "page-10mb.html")) as f, open(os.path.join(out, "oneline-10mb.html"), "w") as g:
    g.write(f.read().replace("\n", " "))
with open(os.path.join(out, "nested-10mb.html"), "w") as f:
    f.write("<html><body>" + "<ul><li>Up to 45% relapse <div>" * ((10 << 20) // 32) + "</body></html>")
PY

report() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%M" -o "$work/rss" "$@" > /dev/null 2>"$work/stderr" || true
  echo "| $name | peak RSS $(( $(cat "$work/rss") / 1024 )) MB |"
}

hyperfine --warmup 1 --runs 5 --export-markdown "$work/hyperfine.md" \
  -n "check demo (offline)" "$bin check fixtures/articles/ketamine-clinic.html --offline --cache fixtures/pubmed --fail-on none" \
  -n "compare fixtures (offline)" "$bin compare fixtures/articles --offline --cache fixtures/pubmed" \
  -n "extract 1 MB HTML page" "$bin extract $work/page-1mb.html --no-write --format json --max-size 100000000" \
  -n "extract 10 MB HTML page" "$bin extract $work/page-10mb.html --no-write --format json --max-size 100000000" \
  -n "extract 50 MB HTML page" "$bin extract $work/page-50mb.html --no-write --format json --max-size 100000000" \
  -n "extract 10 MB one-line HTML page" "$bin extract $work/oneline-10mb.html --no-write --format json --max-size 100000000" \
  -n "extract 10 MB nested lists" "$bin extract $work/nested-10mb.html --no-write --format json --max-size 100000000"
cat "$work/hyperfine.md"
echo
report "extract 1 MB HTML page" $bin extract $work/page-1mb.html --no-write --format json --max-size 100000000
report "extract 10 MB HTML page" $bin extract $work/page-10mb.html --no-write --format json --max-size 100000000
report "extract 50 MB HTML page" $bin extract $work/page-50mb.html --no-write --format json --max-size 100000000
report "extract 10 MB one-line HTML page" $bin extract $work/oneline-10mb.html --no-write --format json --max-size 100000000
report "extract 10 MB nested lists" $bin extract $work/nested-10mb.html --no-write --format json --max-size 100000000
report "check demo (offline)" $bin check fixtures/articles/ketamine-clinic.html --offline --cache fixtures/pubmed --fail-on none
