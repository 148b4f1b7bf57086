#!/usr/bin/env bash
# Benchmark of the hyperparameter sweep on the sample's 8,000 training digits: the wall time of `train` (one
# configuration on every digit) against `train --sweep K` (K configurations, the best kept), alternated pair by pair
# so both see the same machine, then the medians and the last sweep's table. Usage: bench-sweep.sh [runs] [K]
# (defaults 3 and 4). Needs the sample in .work/sample (scripts/run.sh writes it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3} candidates=${2:-4}
sample=.work/sample out=.work/bench-sweep
[ -f "$sample/train-images-idx3-ubyte.gz" ] || { echo "no sample in $sample: run scripts/run.sh first" >&2; exit 2; }
dotnet build -c Release --nologo -v q emr-job/Host/Job.Host.csproj >/dev/null
job=emr-job/Host/bin/Release/net10.0/mnist-emr-job
rm -rf "$out" && mkdir -p "$out"
"$job" explode --source "$sample" --format-a "$out/format-a" --split train >/dev/null 2>&1

seconds() {
  local start=$(date +%s%N)
  "$@" >/dev/null 2>"$out/last.log" || { cat "$out/last.log" >&2; exit 1; }
  awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }'
}
single=() swept=()
for i in $(seq 1 "$runs"); do
  single+=("$(seconds "$job" train --format-a "$out/format-a" --models "$out/models" --run-id "single-$i")")
  swept+=("$(seconds "$job" train --format-a "$out/format-a" --models "$out/models" --run-id "sweep-$i" --sweep "$candidates")")
  echo "run $i: train ${single[-1]} s, train --sweep $candidates ${swept[-1]} s" >&2
done

node -e '
  const [single, swept, k, card] = [process.argv[1], process.argv[2], process.argv[3], require(process.argv[4])];
  const median = s => { const v = s.split(" ").map(Number).sort((a, b) => a - b); return v[(v.length - 1) >> 1]; };
  console.log(`median of ${single.split(" ").length}: train ${median(single).toFixed(1)} s, train --sweep ${k} ${median(swept).toFixed(1)} s (${(median(swept) / median(single)).toFixed(2)}x)`);
  console.log("candidate | learning rate | leaves | rounds | min per leaf | feature fraction | validation log-loss | validation accuracy | training s | threads | kept");
  for (const c of card.sweep.candidates) {
    const s = c.settings;
    console.log([c.index, s.learningRate, s.leaves, s.iterations, s.minExamplesPerLeaf, s.featureFraction, c.validationLogLoss.toFixed(4),
      (100 * c.validationAccuracy).toFixed(2) + " %", c.trainingSeconds.toFixed(1), c.threads, c.index === card.sweep.kept ? "yes" : ""].join(" | "));
  }
' "${single[*]}" "${swept[*]}" "$candidates" "$PWD/$out/models/runs/sweep-$runs/model-card.json"
