#!/usr/bin/env bash
# Ensembles of ten Hoeffding trees, Eddy vs MOA side by side on one machine: accuracy and instances per CPU
# second of a plain prequential loop on the reference stream.
#
#   Benchmarks/ensembles/compare.sh [STREAM.csv.gz] [--no-moa]
#
# Eddy's side builds OnlineLearning as a module of its own (-O -wmo, as a release build does) and drives it
# from main.swift, so the generic ensembles are specialised across the module boundary as in a client.
# MOA's side uses the jar from PyPI's capymoa 0.15.1 (as Benchmarks/moa/compare.sh) and Java 17; its speed
# is EvaluatePrequential's own CPU time (ARFF parsing included).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
stream=${1:-$root/../shared/reference/sea_abrupt.csv.gz}
work=$root/.build-moa
mkdir -p "$work/ensembles"
gzip -dc "$stream" > "$work/ensembles/stream.csv"

cd "$work/ensembles"
swiftc -O -wmo -parse-as-library -emit-module -emit-library -module-name OnlineLearning \
  $(find "$root/Sources/OnlineLearning" -name '*.swift') -o libOnlineLearning.so
swiftc -O "$root/Benchmarks/ensembles/main.swift" -I . -L . -lOnlineLearning \
  -Xlinker -rpath -Xlinker "$work/ensembles" -o ensemble-throughput
echo "Eddy:"
./ensemble-throughput stream.csv

[ "${2:-}" = "--no-moa" ] && exit 0
if [ ! -f "$work/moa.jar" ]; then
  pip download --no-deps -q capymoa==0.15.1 -d "$work"
  python3 -c "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('capymoa/jar/moa.jar'))" \
    "$work"/capymoa-0.15.1-*.whl "$work/moa.jar"
fi
python3 - stream.csv stream.arff <<'PY'
import sys
rows = open(sys.argv[1]).read().splitlines()
with open(sys.argv[2], "w") as out:
    out.write("@relation stream\n")
    for name in rows[0].split(",")[:-1]:
        out.write(f"@attribute {name} numeric\n")
    out.write("@attribute class {groupA,groupB}\n@data\n" + "\n".join(rows[1:]) + "\n")
PY
echo "MOA:"
for learner in "meta.OzaBag -l trees.HoeffdingTree -s 10" "meta.LeveragingBag -l trees.HoeffdingTree -s 10" \
               "meta.OzaBagAdwin -l trees.HoeffdingTree -s 10" "meta.AdaptiveRandomForest -s 10 -j 1"; do
  java -cp "$work/moa.jar" moa.DoTask "EvaluatePrequential -l ($learner) -s (ArffFileStream -f stream.arff -c -1) \
    -e BasicClassificationPerformanceEvaluator -f 1000000000 -d moa.csv" >/dev/null 2>&1
  python3 - "$learner" moa.csv <<'PY'
import csv, sys
r = list(csv.DictReader(open(sys.argv[2])))[-1]
n, cpu = float(r["learning evaluation instances"]), float(r["evaluation time (cpu seconds)"])
print(f"| {sys.argv[1]} | {float(r['classifications correct (percent)']):.2f} | {int(n / cpu)} |")
PY
done
