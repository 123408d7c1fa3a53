#!/usr/bin/env bash
# Drift-detector throughput, Eddy vs MOA side by side on one machine: one million 0/1 values whose rate
# alternates between 0.15 and 0.3 every 100,000, best of several runs, updates per second.
#
#   Benchmarks/drift/compare.sh
#
# Eddy's side compiles OnlineLearning's sources with main.swift (-O -wmo); MOA's side uses the jar
# from PyPI's capymoa 0.15.1 (as Benchmarks/moa/compare.sh) and Java 17.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$root/.build-moa
mkdir -p "$work"
cd "$work"  # swiftc leaves module files in the current directory
swiftc -O -wmo -module-name DriftThroughput -o "$work/drift-throughput" \
  $(find "$root/Sources/OnlineLearning" -name '*.swift') "$root/Benchmarks/drift/main.swift"
echo "Eddy:"
"$work/drift-throughput"
if [ ! -f "$work/moa.jar" ]; then
  pip download --no-deps -q capymoa==0.15.1 -d "$work"
  python3 -c "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('capymoa/jar/moa.jar'))" \
    "$work"/capymoa-0.15.1-*.whl "$work/moa.jar"
fi
javac -cp "$work/moa.jar" -d "$work" "$root/Benchmarks/drift/MOADriftThroughput.java"
echo "MOA:"
java -cp "$work/moa.jar:$work" MOADriftThroughput
