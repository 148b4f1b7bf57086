#!/usr/bin/env bash
# EMR bootstrap action: installs the MNIST EMR job on this node.
#   install-job.sh s3://bucket/job/mnist-emr-job-<hash>.tar.gz <sha256 of that package>
# Runs on every node before Spark starts; a non-zero exit makes EMR fail the cluster start,
# so a missing or corrupted package never leaves a half-installed cluster.
set -euo pipefail

package_uri=${1:?usage: install-job.sh <s3 uri of the job package> <sha256>}
expected_sha256=${2:?usage: install-job.sh <s3 uri of the job package> <sha256>}
install_dir=/opt/mnist-emr-job
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "install-job: fetching $package_uri"
aws s3 cp --only-show-errors "$package_uri" "$work/job.tar.gz"

actual_sha256=$(sha256sum "$work/job.tar.gz" | cut -d' ' -f1)
if [ "$actual_sha256" != "$expected_sha256" ]; then
  echo "install-job: checksum mismatch for $package_uri: expected $expected_sha256, found $actual_sha256" >&2
  exit 1
fi

# Unpack beside the target, then swap it in, so the install directory is never half written.
sudo mkdir -p "$install_dir.new"
sudo tar -xzf "$work/job.tar.gz" -C "$install_dir.new"
sudo rm -rf "$install_dir"
sudo mv "$install_dir.new" "$install_dir"
sudo chmod -R a+rX "$install_dir"
# scripts/publish-job.sh puts the single-file executable at the package root; without it the steps cannot run.
if [ ! -f "$install_dir/mnist-emr-job" ]; then
  echo "install-job: $package_uri has no mnist-emr-job at its root" >&2
  exit 1
fi
sudo chmod a+x "$install_dir/mnist-emr-job"
sudo ln -sf "$install_dir/mnist-emr-job" /usr/local/bin/mnist-emr-job
# LightGBM is loaded only when training starts: check its shared libraries (libgomp, libstdc++) now, not mid-step.
if [ -f "$install_dir/lib_lightgbm.so" ] && ldd "$install_dir/lib_lightgbm.so" | grep -q 'not found'; then
  echo "install-job: missing shared libraries for LightGBM:" >&2
  ldd "$install_dir/lib_lightgbm.so" | grep 'not found' >&2
  exit 1
fi
"$install_dir/mnist-emr-job" rows --help >/dev/null
echo "install-job: installed $expected_sha256 in $install_dir"
