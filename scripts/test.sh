#!/usr/bin/env bash
# The test command: sets up a fresh machine (scripts/setup.sh), builds everything and runs every test project.
# Ends with one line "N passed, N failed, N skipped"; exits non-zero when a test failed or did not run.
#
#   MNIST_EMR_REQUIRE_TERRAFORM=1   fail, instead of skip, the Terraform tests when terraform or the mirror is missing
#   MNIST_EMR_REQUIRE_SERVERS=1     fail, instead of skip, the tests that need node and s3rver
#   MNIST_EMR_TEST_LANES=1          run the test projects one after another (default 3: the job's, the review's and
#                                   the rest in three lanes side by side; 2: the job's beside the rest)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

results=.work/test-results
rm -rf "$results" .work/test-runs   # what an interrupted run left
status=0
dotnet build mnist-emr-pipeline.sln --nologo -v q || exit 1
# Lanes side by side, each project with its own result files (parallel runs can name their files alike). On a
# 2-core machine one lane left a third of the CPU idle: the job's tests are mostly compute, the others mostly wait on
# child processes (terraform, jsii's node, cdktf, s3rver). So the job's tests and the review's each run in a lane of
# their own, beside the loader's and the stack's, one after the other, in this shell. The lanes share no build: the
# job's publish builds in a folder of its own (scripts/publish-job.sh), and the stack's tests only run what the build
# above built (dotnet run --no-build). Each project says how long it took. MNIST_EMR_TEST_LANES=2 runs the review's
# tests in this shell's lane too, and MNIST_EMR_TEST_LANES=1 runs every project here, one after another.
run_tests() { # project [dotnet test options...]; says how long the project took
  local project=$1 name start outcome=0
  shift
  name=$(basename "$project" .csproj)
  start=$SECONDS
  dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || outcome=$?
  echo "test: $name took $((SECONDS - start)) s" >&2
  return "$outcome"
}
case "${MNIST_EMR_TEST_LANES:-3}" in
  1) beside=() ;;
  2) beside=(tests/Job.Tests/Job.Tests.csproj) ;;
  *) beside=(tests/Job.Tests/Job.Tests.csproj tests/Review.Tests/Review.Tests.csproj) ;;
esac
beside_pids=()
mkdir -p "$results"
for project in "${beside[@]}"; do
  if [ -f "$project" ]; then
    echo "test: $(basename "$project" .csproj) runs in a lane of its own; its output follows" >&2
    run_tests "$project" "$@" > "$results/$(basename "$project" .csproj).log" 2>&1 &
    beside_pids+=($!)
  fi
done
# A background job of a script ignores Ctrl-C: an interrupted run stops each lane and its dotnet test itself.
trap 'for pid in "${beside_pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done; exit 130' INT TERM
# The house style (.editorconfig): a formatting difference fails the run like a failed test. Checked in this lane,
# while the other lanes' tests start: it only reads the sources (no restore: the build has just restored), and it took
# about 20 s on its own before the tests.
format_failed=0
if ! dotnet format whitespace mnist-emr-pipeline.sln --no-restore --verify-no-changes -v q; then
  echo "formatting differs from .editorconfig: run 'dotnet format whitespace mnist-emr-pipeline.sln'" >&2
  format_failed=1
fi
for project in tests/*/*.csproj; do
  if [[ " ${beside[*]} " != *" $project "* ]]; then
    run_tests "$project" "$@" || status=$?
  fi
done
for pid in "${beside_pids[@]}"; do
  wait "$pid" || status=$?
done
for project in "${beside[@]}"; do
  log="$results/$(basename "$project" .csproj).log"
  if [ -f "$log" ]; then cat "$log"; fi
done

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
