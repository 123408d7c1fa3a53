#!/usr/bin/env bash
# Eddy vs MOA, side by side on one machine in one run: the same stream, the same learners, MOA's defaults.
#
#   Benchmarks/moa/compare.sh [STREAM.csv.gz] [LEARNER ...]
#
# STREAM defaults to ../shared/reference/sea_abrupt.csv.gz (the project's reference stream; class column last).
# LEARNER is one of NB HT HAT OzaBag10 LevBag10 ARF10 (default: all). MOA comes from PyPI's capymoa 0.15.1
# (the jar inside its wheel) and needs Java 17. Prints a Markdown table: accuracy, kappa and instances per
# second for both. MOA's speed is its own CPU time for the evaluation loop (ARFF parsing included, JVM start
# excluded); Eddy's is `eddy replay`'s CPU time and wall-clock time (start-up and CSV parsing included). On a
# busy machine compare CPU time with CPU time; the speed-up column does.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
stream=${1:-$root/../shared/reference/sea_abrupt.csv.gz}
shift || true
learners=("$@")
[ ${#learners[@]} -gt 0 ] || learners=(NB HT HAT OzaBag10 LevBag10 ARF10)
work=$root/.build-moa
mkdir -p "$work"

if [ ! -f "$work/moa.jar" ]; then
  pip download --no-deps -q capymoa==0.15.1 -d "$work"
  python3 -c "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('capymoa/jar/moa.jar'))" \
    "$work"/capymoa-0.15.1-*.whl "$work/moa.jar"
fi

# The CSV for Eddy and the same rows as ARFF for MOA (nominal class values in order of first appearance sorted).
gzip -dc "$stream" > "$work/stream.csv"
python3 - "$work/stream.csv" "$work/stream.arff" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
with open(src) as f:
    header = f.readline().strip().split(",")
    rows = f.read().splitlines()
classes = sorted({r.rsplit(",", 1)[1] for r in rows})
with open(dst, "w") as out:
    out.write("@relation stream\n")
    for name in header[:-1]:
        out.write(f"@attribute {name} numeric\n")
    out.write("@attribute %s {%s}\n@data\n" % (header[-1], ",".join(classes)))
    out.write("\n".join(rows) + "\n")
PY

swift build -c release --product eddy --package-path "$root" >/dev/null
eddy=$root/.build/release/eddy

moa_learner() {
  case $1 in
    NB) echo "bayes.NaiveBayes" ;;
    HT) echo "trees.HoeffdingTree" ;;
    HAT) echo "trees.HoeffdingAdaptiveTree" ;;
    OzaBag10) echo "meta.OzaBag -l trees.HoeffdingTree -s 10" ;;
    LevBag10) echo "meta.LeveragingBag -l trees.HoeffdingTree -s 10" ;;
    ARF10) echo "meta.AdaptiveRandomForest -s 10 -j 1" ;;
  esac
}
eddy_model() {
  case $1 in
    NB) echo "naive_bayes" ;;
    HT) echo "hoeffding_tree" ;;
    HAT) echo "hoeffding_adaptive_tree" ;;
    OzaBag10) echo "online_bagging" ;;
    LevBag10) echo "leveraging_bagging" ;;
    ARF10) echo "adaptive_random_forest" ;;
  esac
}

echo "| learner | MOA accuracy % | Eddy accuracy % | MOA kappa % | Eddy kappa % | MOA inst/CPU-s | Eddy inst/CPU-s | Eddy inst/s (wall) | speed-up (CPU) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for l in "${learners[@]}"; do
  java -cp "$work/moa.jar" moa.DoTask \
    "EvaluatePrequential -l ($(moa_learner "$l")) -s (ArffFileStream -f $work/stream.arff -c -1) -e BasicClassificationPerformanceEvaluator -f 10000 -d $work/moa_$l.csv" >/dev/null 2>&1
  read -r moa_n moa_cpu moa_acc moa_kappa < <(tail -1 "$work/moa_$l.csv" | awk -F, '{print $1, $2, $5, $6}')
  rm -rf "$work/eddy_$l"
  env EDDY_MODEL="$(eddy_model "$l")" EDDY_ENSEMBLE_SIZE=10 "$eddy" replay "$work/stream.csv" --quiet --report "$work/eddy_$l" >/dev/null
  python3 - "$l" "$moa_n" "$moa_cpu" "$moa_acc" "$moa_kappa" "$work/eddy_$l/summary.json" <<'PY'
import json, sys
l, n, cpu, acc, kappa, summary = sys.argv[1:]
s = json.load(open(summary))
moa_speed = float(n) / float(cpu)
cpu = s['instances_per_cpu_second']
print(f"| {l} | {float(acc):.2f} | {s['accuracy']:.2f} | {float(kappa):.2f} | {s['kappa']:.2f} | "
      f"{moa_speed/1000:.0f}k | {cpu/1000:.0f}k | {s['instances_per_second']/1000:.0f}k | {cpu/moa_speed:.1f}× |")
PY
done
