#!/usr/bin/env bash
# EMR bootstrap action: installs the MNIST EMR job on this node.
#   install-job.sh s3://bucket/job/mnist-emr-job-<hash>.tar.gz <sha256 of that package>
# Runs on every node before Spark starts; a non-zero exit makes EMR fail the cluster start,
# so a missing or corrupted package never leaves a half-installed cluster.
set -euo pipefail

package_uri=${1:?usage: install-job.sh <s3 uri of the job package> <sha256>}
expected_sha256=${2:?usage: install-job.sh <s3 uri of the job package> <sha256>}
# The steps run /opt/mnist-emr-job/mnist-emr-job (PipelineSteps.JobBinary); the override exists for the tests.
install_dir=${MNIST_EMR_INSTALL_DIR:-/opt/mnist-emr-job}
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
# LightGBM is loaded only when training starts: check its shared libraries now, not mid-step. Its OpenMP runtime
# (libgomp, from GCC) may be absent from the EMR 7 image (Amazon Linux 2023, where it is the package libgomp):
# install it from the distribution's repository, then check again; anything still missing fails the cluster start.
lightgbm=$install_dir/lib_lightgbm.so
if [ -f "$lightgbm" ]; then
  if ldd "$lightgbm" | grep -q 'libgomp.* not found'; then
    echo "install-job: libgomp is missing; installing it with dnf"
    if ! sudo dnf install -y -q libgomp; then
      echo "install-job: could not install libgomp (dnf failed); LightGBM cannot load" >&2
      exit 1
    fi
    echo "install-job: installed $(rpm -q libgomp)"
  fi
  if ldd "$lightgbm" | grep -q 'not found'; then
    echo "install-job: missing shared libraries for LightGBM:" >&2
    ldd "$lightgbm" | grep 'not found' >&2
    exit 1
  fi
  echo "install-job: LightGBM's shared libraries resolve"
fi
"$install_dir/mnist-emr-job" rows --help >/dev/null
echo "install-job: installed $expected_sha256 in $install_dir"
