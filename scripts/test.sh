#!/usr/bin/env bash
# The test command: sets up a fresh machine (scripts/setup.sh), builds everything and runs every test project.
# Ends with one line "N passed, N failed, N skipped"; exits non-zero when a test failed or did not run.
#
#   MNIST_EMR_REQUIRE_TERRAFORM=1   fail, instead of skip, the Terraform tests when terraform or the mirror is missing
#   MNIST_EMR_REQUIRE_SERVERS=1     fail, instead of skip, the tests that need node and s3rver
#   MNIST_EMR_TEST_LANES=1          run the test projects one after another (default: the job's beside the rest)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

results=.work/test-results
rm -rf "$results" .work/synth .work/cli
status=0
dotnet build mnist-emr-pipeline.sln --nologo -v q || exit 1
# The house style (.editorconfig): a formatting difference fails the run like a failed test.
format_failed=0
if ! dotnet format whitespace mnist-emr-pipeline.sln --verify-no-changes -v q; then
  echo "formatting differs from .editorconfig: run 'dotnet format whitespace mnist-emr-pipeline.sln'" >&2
  format_failed=1
fi
# Two lanes side by side, each with its own result files (parallel runs can name their files alike): the job's tests,
# mostly CPU (training, the published binary), beside the others, which mostly wait on child processes (terraform,
# jsii's node, cdktf, s3rver). One after another they left a 2-core machine a third idle. The lanes share no build:
# the job's publish builds in a folder of its own (scripts/publish-job.sh), and only the stack's tests build, with
# `dotnet run`. MNIST_EMR_TEST_LANES=1 runs every project in one lane.
run_tests() { # project [dotnet test options...]
  local project=$1 name
  shift
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@"
}
beside=
if [ "${MNIST_EMR_TEST_LANES:-2}" != 1 ] && [ -f tests/Job.Tests/Job.Tests.csproj ]; then
  beside=tests/Job.Tests/Job.Tests.csproj
  mkdir -p "$results"
  echo "test: Job.Tests runs beside the other projects; its output follows theirs" >&2
  run_tests "$beside" "$@" > "$results/Job.Tests.log" 2>&1 &
  beside_pid=$!
  # A background job of a script ignores Ctrl-C: an interrupted run stops it and its dotnet test itself.
  trap 'pkill -TERM -P "$beside_pid" 2>/dev/null; kill "$beside_pid" 2>/dev/null; exit 130' INT TERM
fi
for project in tests/*/*.csproj; do
  if [ "$project" != "$beside" ]; then
    run_tests "$project" "$@" || status=$?
  fi
done
if [ -n "$beside" ]; then
  wait "$beside_pid" || status=$?
  cat "$results/Job.Tests.log"
fi

# Totals from the TRX files (dotnet test's own summary is per project).
node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1], formatFailed = Number(process.argv[2] || 0);
  let passed = 0, failed = 0, skipped = 0, files = 0;
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!f.endsWith(".trx")) continue;
    files++;
    const counters = fs.readFileSync(path.join(dir, f), "utf8").match(/<Counters [^>]*>/)[0];
    const n = k => Number((counters.match(new RegExp(" " + k + "=\"(\\d+)\"")) || [0, 0])[1]);
    passed += n("passed");
    failed += n("failed") + n("error") + n("timeout") + n("aborted");
    skipped += n("notExecuted");
  }
  if (files === 0) failed++;  // no result at all is a failure, not a pass
  failed += formatFailed;      // the formatting check counts as one test
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed > 0 ? 1 : 0);
 ' "$results" "$format_failed" || status=1
exit "$status"
