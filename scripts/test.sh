#!/usr/bin/env bash
# The test command: sets up a fresh machine (scripts/setup.sh), builds everything and runs every test project.
# Ends with one line "N passed, N failed, N skipped"; exits non-zero when a test failed or did not run.
#
#   MNIST_EMR_REQUIRE_TERRAFORM=1   fail, instead of skip, the Terraform tests when terraform or the mirror is missing
#   MNIST_EMR_REQUIRE_SERVERS=1     fail, instead of skip, the tests that need node and s3rver
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
# One project at a time, each with its own result file (parallel runs can name their files alike).
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
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
