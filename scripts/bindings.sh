#!/usr/bin/env bash
# Puts the .NET bindings of CDK for Terraform (Constructs, HashiCorp.Cdktf, HashiCorp.Cdktf.Providers.Aws)
# into the local package feed that nuget.config names (.bindings/).
#
# Order of preference, cheapest first:
#   1. the feed already holds them for this package-lock.json            -> nothing to do
#   2. the machine-wide cache holds them for this package-lock.json      -> copy (milliseconds)
#   3. the configured NuGet feeds serve the published packages           -> nothing to build
#   4. otherwise build them with jsii-pacmak from the pinned npm packages -> 3 to 4 minutes, ~9 GB peak, then cached
#
# Environment:
#   MNIST_EMR_CACHE   cache root (default: $XDG_CACHE_HOME/mnist-emr or ~/.cache/mnist-emr)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Exact versions: the same ones package.json pins for the npm side.
packages=("Constructs 10.4.2" "HashiCorp.Cdktf 0.21.0" "HashiCorp.Cdktf.Providers.Aws 20.1.0")
feed="$root/.bindings"
# The cache key: what the lock file resolved for the binding sources and the generator, plus the build recipe.
# Other npm packages (test tools) and edits elsewhere in this script do not force a rebuild.
recipe="jsii-pacmak --targets dotnet constructs cdktf @cdktf/provider-aws; recipe 1"
key=$( (node -e '
  const lock = require("./package-lock.json").packages;
  for (const p of ["constructs", "cdktf", "@cdktf/provider-aws", "jsii-pacmak"]) {
    const e = lock["node_modules/" + p];
    if (!e) { console.error("bindings: package-lock.json does not pin " + p); process.exit(1); }
    console.log(p, e.version, e.integrity);
  }' && echo "$recipe") | sha256sum | cut -c1-16)
cache_root=${MNIST_EMR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mnist-emr}
cache="$cache_root/bindings/$key"
# jsii under Node 20 prints an end-of-life banner; the variable lists the Node major versions to keep quiet about.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20} DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { echo "bindings: $*" >&2; }

has_all() { # dir -> 0 when every pinned package is there as a .nupkg
  local dir=$1 p
  for p in "${packages[@]}"; do
    set -- $p
    [ -f "$dir/$1.$2.nupkg" ] || return 1
  done
}

mkdir -p "$feed"
if [ -f "$feed/.key" ] && [ "$(cat "$feed/.key")" = "$key" ] && has_all "$feed"; then
  log "up to date in .bindings/ (key $key)"
  exit 0
fi

if has_all "$cache"; then
  log "copying from cache $cache"
  cp "$cache"/*.nupkg "$feed"/
  echo "$key" > "$feed/.key"
  exit 0
fi

# Published packages first: on the public NuGet feed this restore succeeds and nothing is built.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
{
  echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup>'
  for p in "${packages[@]}"; do set -- $p; echo "<PackageReference Include=\"$1\" Version=\"[$2]\" />"; done
  echo '</ItemGroup></Project>'
} > "$probe/probe.csproj"
# --packages: a private folder, so packages restored earlier from .bindings cannot pass for served ones.
if (cd "$probe" && dotnet restore --nologo -v q --packages "$probe/packages" >/dev/null 2>&1); then
  log "the configured NuGet feeds serve the published packages; nothing to build"
  echo "$key" > "$feed/.key"
  exit 0
fi
log "the configured NuGet feeds do not serve them; building with jsii-pacmak (3 to 4 minutes on 2 cores, ~9 GB peak)"

[ -d node_modules/@cdktf/provider-aws ] || npm ci --no-audit --no-fund
out="$probe/out"
start=$(date +%s)
npx --no-install jsii-pacmak --targets dotnet --outdir "$out" \
  node_modules/constructs node_modules/cdktf node_modules/@cdktf/provider-aws >&2
log "built in $(( $(date +%s) - start )) s"

mkdir -p "$cache.partial"
find "$out" -name '*.nupkg' -exec cp {} "$cache.partial"/ \;
has_all "$cache.partial" || { log "jsii-pacmak finished but a package is missing: $(ls "$cache.partial")"; exit 1; }
rm -rf "$cache" && mv "$cache.partial" "$cache"   # a cache entry appears whole or not at all
cp "$cache"/*.nupkg "$feed"/
echo "$key" > "$feed/.key"
log "cached in $cache"
