#!/usr/bin/env bash
# Minimizes what a campaign found into the committed corpus: for every edge the target's
# instrumentation saw in fuzz/out/TARGET/default/queue, keeps the smallest input that reaches
# it (afl-cmin's rule, on edges without hit counts, so the corpus stays small), and puts those
# inputs in fuzz/corpus/TARGET as afl-NNNNN (replacing the previous afl-* files; the
# hand-written seeds stay).
#
#   fuzz/minimize.sh TARGET        after fuzz/run.sh TARGET SECONDS
#
# afl-cmin itself is not used: it probes the map size of cargo-afl's persistent binaries wrong
# and then sees no coverage. AFL_FUZZER_LOOPCOUNT=1 makes each run of the binary read one input.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/minimize.sh TARGET}
queue="out/$target/default/queue"
maps="out/maps-$target"
[ -d "$queue" ] || { echo "no campaign for $target: run fuzz/run.sh $target SECONDS first" >&2; exit 2; }
showmap=$(command -v afl-showmap || ls -d ~/.local/share/afl.rs/rustc-*/afl.rs-*/afl/bin/afl-showmap | tail -1)
rm -rf "$maps"
AFL_MAP_SIZE=65536 AFL_FUZZER_LOOPCOUNT=1 AFL_CMIN_ALLOW_ANY=1 nice -n 19 \\
  "$showmap" -m 1024 -t 2000 -i "$queue" -o "$maps" -Z -- "target/release/$target" > /dev/null
python3 - "$queue" "$maps" "corpus/$target" <<'PY'
import os, shutil, sys
queue, maps, out = sys.argv[1:4]
files = sorted(os.listdir(maps), key=lambda f: (os.path.getsize(os.path.join(queue, f)), f))
best = {}
for f in files:
    for line in open(os.path.join(maps, f)):
        if line.strip():
            best.setdefault(int(line) // 1000, f)  # afl-showmap -Z writes edge * 1000 + hit bucket
keep = sorted(set(best.values()))
os.makedirs(out, exist_ok=True)
for old in os.listdir(out):
    if old.startswith("afl-"):
        os.remove(os.path.join(out, old))
for i, f in enumerate(keep):
    shutil.copy(os.path.join(queue, f), os.path.join(out, "afl-%05d" % i))
print("%s: %d inputs, %d edges, %d kept" % (out, len(files), len(best), len(keep)))
PY
