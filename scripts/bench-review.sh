#!/usr/bin/env bash
# Benchmark of the review command on the default stack, offline: one cold run (no .terraform folder, so init
# installs the provider from the mirror) and three warm runs, each with Terraform's share from review.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh >/dev/null
dotnet build review/Review.csproj -c Release --nologo -v q >/dev/null
review="dotnet review/bin/Release/net10.0/mnist-pipeline-review.dll"
out=.work/bench-review

run() {
  local label=$1 start end
  start=$(date +%s.%N)
  $review --offline --out "$out" >/dev/null 2>&1
  end=$(date +%s.%N)
  node -e '
    const t = require(process.argv[1]).timingsSeconds;
    const tf = ["terraform init", "terraform plan", "terraform show"].reduce((s, k) => s + (t[k] || 0), 0);
    const wall = Number(process.argv[4]) - Number(process.argv[3]);
    console.log(`${process.argv[2].padEnd(6)} wall ${wall.toFixed(2)} s  synth ${t.synth.toFixed(2)} s  terraform ${tf.toFixed(2)} s (init ${t["terraform init"].toFixed(2)}, plan ${t["terraform plan"].toFixed(2)}, show ${t["terraform show"].toFixed(2)})  analysis+render ${t.analysis.toFixed(3)} s`);
  ' "$PWD/$out/review.json" "$label" "$start" "$end"
}

rm -rf cdktf.out/stacks/*/.terraform cdktf.out/stacks/*/.terraform.lock.hcl
run cold
for i in 1 2 3; do run warm; done
