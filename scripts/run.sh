#!/usr/bin/env bash
# The main command: sets up a fresh machine (scripts/setup.sh), synthesizes the pipeline's Terraform with the
# embedded defaults (or your MNIST_EMR_* settings) into cdktf.out/stacks/mnist-pipeline/, then reviews its plan
# (offline unless AWS credentials are present) into cdktf.out/review/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

dotnet run --project pipeline.csproj
stack=cdktf.out/stacks/${MNIST_EMR_STACK_NAME:-mnist-pipeline}
echo "synthesized $stack/cdk.tf.json"

if command -v terraform >/dev/null; then
  dotnet run --project review/Review.csproj -- --stack-dir "$stack"
else
  echo "no terraform on the PATH: skipping the plan review (install Terraform $(cat .terraform-version))" >&2
fi
