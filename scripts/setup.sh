#!/usr/bin/env bash
# Everything the other commands need on a fresh machine (the .NET SDK, Node.js with npm, Terraform):
# the pinned npm packages, the CDK for Terraform .NET bindings (built once, then cached), and Terraform's CLI
# configuration. Safe to run again: each step is skipped when already done.
#
# Run it ("bash scripts/setup.sh"), or source it (". scripts/setup.sh") to also get TF_CLI_CONFIG_FILE and the
# variables that keep the tools quiet in your shell; sourcing leaves your shell's options (set -e ...) as they were.
#
# Environment:
#   TF_PLUGIN_MIRROR  folder of a Terraform provider mirror to install providers from (default /opt/tf-plugins,
#                     used only when it exists; otherwise Terraform uses its registry as usual)
#   MNIST_EMR_CACHE   cache root of the built bindings (see scripts/bindings.sh)
_mnist_emr_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: the steps run in a child bash (this file, executed), so their strict mode never reaches the caller's
  # shell, where `set -e` would make the user's next failing command close the terminal. Not a ( subshell ): bash
  # ignores `set -e` inside one whose status the caller tests (". scripts/setup.sh || ..."). A failed step returns
  # non-zero, which stops a strict caller (scripts/test.sh, run.sh) and leaves an interactive shell open.
  if ! bash "$_mnist_emr_root/scripts/setup.sh"; then
    unset _mnist_emr_root
    return 1
  fi
  export TF_CLI_CONFIG_FILE="$_mnist_emr_root/.work/terraform/cli.tfrc"
  export CHECKPOINT_DISABLE=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
  # jsii under Node 20 prints an end-of-life banner on every start (the value lists the major versions to keep quiet about).
  export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}
  unset _mnist_emr_root
  return 0
fi

# Executed: the steps themselves, in strict mode.
set -euo pipefail
cd "$_mnist_emr_root"
for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is not on the PATH; install it first (see README.md)" >&2; exit 1; }
done

# npm packages: reinstalled only when package-lock.json changed since the last install.
lock_sha=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.installed-lock-sha256 2>/dev/null)" != "$lock_sha" ]; then
  echo "setup: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sha" > node_modules/.installed-lock-sha256
fi

bash scripts/bindings.sh

mkdir -p .work/terraform
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
if [ -d "$mirror" ]; then
  printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$mirror" > .work/terraform/cli.tfrc
else
  : > .work/terraform/cli.tfrc   # empty, still valid: providers come from the registry
fi

