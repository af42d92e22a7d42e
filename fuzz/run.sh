#!/usr/bin/env bash
# Runs one fuzz target (or all five, one after the other) under AFL++ for a given time, then
# prints its execution count and any crash or hang it found.
#
#   fuzz/run.sh TARGET SECONDS     TARGET: html | extract | pubmed | evidence | claims_file | all
#
# Needs cargo-afl (`cargo install cargo-afl`; it builds AFL++ on the stable toolchain). Runs at
# the lowest priority (nice 19) so it can share a machine. Findings land in fuzz/out/TARGET/
# (ignored by git); copy each crash into fuzz/regressions/TARGET/ so `cargo test` replays it.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
secs=${2:?usage: fuzz/run.sh TARGET SECONDS}
if [ "$target" = all ]; then
  for t in html extract pubmed evidence claims_file; do "$0" "$t" "$secs"; done
  exit 0
fi
case "$target" in html|extract|pubmed|evidence|claims_file) ;; *) echo "unknown target $target" >&2; exit 2;; esac

nice -n 19 cargo afl build --release --bin "$target" >&2
seeds="out/seeds-$target"
rm -rf "$seeds" && mkdir -p "$seeds"
cp corpus/"$target"/* "$seeds"/
# The fixture articles and cached records are good seeds too; AFL wants them small, so only
# their first 8 kB is used.
case "$target" in
  html) for f in ../fixtures/articles/*.html; do head -c 8192 "$f" > "$seeds/fixture-$(basename "$f")"; done ;;
  extract) for f in ../fixtures/articles/*.md ../fixtures/articles/*.txt; do
             [ -e "$f" ] || continue
             { printf '\001'; head -c 8192 "$f"; } > "$seeds/fixture-$(basename "$f")"; done ;;
  pubmed) for f in $(ls ../fixtures/pubmed/pubmed/*.xml | head -20); do head -c 8192 "$f" > "$seeds/fixture-$(basename "$f")"; done ;;
  # The fixture records' abstracts, tags stripped, with their title as the first line.
  evidence) for f in $(ls ../fixtures/pubmed/pubmed/*.xml | head -20); do
              sed -e 's/<[^>]*>//g' "$f" | grep -v '^[[:space:]]*$' | head -c 8192 > "$seeds/fixture-$(basename "$f" .xml).txt"; done ;;
  claims_file) find ../claims -name '*.json' | while read -r f; do cp "$f" "$seeds/fixture-$(basename "$f")"; done ;;
esac

# AFL_AUTORESUME: a campaign whose output directory exists goes on from where it stopped (its
# queue and its counts), so runs of a few hours add up; delete fuzz/out/TARGET to start afresh.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_AUTORESUME=1
# A resumed campaign first re-runs its whole queue (thousands of inputs): calibrate each input
# with fewer runs, and spend the comparison-logging stage only on inputs found in this run.
export AFL_FAST_CAL=1 AFL_CMPLOG_ONLY_NEW=1
out="out/$target"
stats="$out/default/fuzzer_stats"
before=$(stat -c %Y "$stats" 2>/dev/null || echo 0)
# -V: stop after SECONDS; -t: a single input taking over 1 s is a hang; -m: 1 GB memory cap
# per input (an out-of-memory error is a crash).
nice -n 19 cargo afl fuzz -i "$seeds" -o "$out" -V "$secs" -t 1000 -m 1024 \
  "target/release/$target" > "out/$target.log" 2>&1 || true
# A run that aborted leaves an earlier campaign's statistics behind: never report those.
if [ ! -f "$stats" ] || [ "$(stat -c %Y "$stats")" -le "$before" ] \
  || grep -q 'PROGRAM ABORT' "out/$target.log"; then
  echo "$target: AFL did not run; see fuzz/out/$target.log" >&2
  tr '\r' '\n' < "out/$target.log" | grep -v '^$' | tail -12 >&2
  exit 1
fi
execs=$(awk -F' *: *' '$1=="execs_done"{print $2}' "$stats")
crashes=$(awk -F' *: *' '$1=="saved_crashes"{print $2}' "$stats")
hangs=$(awk -F' *: *' '$1=="saved_hangs"{print $2}' "$stats")
speed=$(awk -F' *: *' '$1=="execs_per_sec"{print $2}' "$stats")
echo "$target: $execs executions ($speed/s), $crashes crashes, $hangs hangs"
