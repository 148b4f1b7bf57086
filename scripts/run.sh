#!/usr/bin/env bash
# The main command: sets up a fresh machine (scripts/setup.sh) and synthesizes the pipeline's Terraform with the
# embedded defaults (or your MNIST_EMR_* settings) into cdktf.out/stacks/mnist-pipeline/cdk.tf.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

dotnet run --project pipeline.csproj
stack=$(ls -d cdktf.out/stacks/*/ | head -1)
resources=$(node -e 'const c=require("./"+process.argv[1]+"cdk.tf.json");console.log(Object.values(c.resource).reduce((n,t)=>n+Object.keys(t).length,0))' "$stack")
echo "synthesized ${stack}cdk.tf.json: ${resources} resources"
echo "review it with: (cd $stack && terraform init && terraform plan)   deploy with: npx cdktf deploy"
