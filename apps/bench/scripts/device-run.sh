#!/bin/bash
# The bench's GPU rows on a lent machine with a GPU and no Node: unpacks the kit that
# device-kit.mjs wrote beside this script (as .device-kit/run.sh), then runs the bench there:
# Node WebGPU (Dawn on the machine's Vulkan driver) for Dendrite and tfjs-layers, the MLP and the
# CNN, and the native backend against NumPy on the machine's cores. Results go to $OUT (or
# .device-kit/out): one Markdown table and one JSON file per part, and the GPU's name.
#
#   bash .device-kit/run.sh                      # the rows of BENCHMARKS.md (about 4 minutes)
#   KIT_ARGS='--batch-sizes 128 --epochs 1' bash .device-kit/run.sh   # smaller: flags for both parts
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$here/out}
work=${KIT_WORK:-/tmp/dendrite-kit}
mkdir -p "$out"
rm -rf "$work" && mkdir -p "$work" && tar -xzf "$here/kit.tar.gz" -C "$work" || exit 1
export PATH="$work/bin:$PATH"

# Dawn needs libvulkan.so.1; the kit carries Debian's loader for a machine without one.
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
  for deb in "$work"/debs/*.deb; do [ -f "$deb" ] && dpkg -x "$deb" /; done
  ldconfig
fi
# NVIDIA's Vulkan driver where the lent machines mount it, unless a driver is named already.
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_ICD_FILENAMES:-}${VK_DRIVER_FILES:-}" ] && [ -f "$nvidia_icd" ]; then
  export VK_DRIVER_FILES="$nvidia_icd"
fi
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
export DENDRITE_DATA_DIR="$work/data"

{
  echo "node $(node --version), $(nproc) cores"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null ||
    echo 'no nvidia-smi'
} | tee "$out/machine.txt"

# shellcheck disable=SC2086 # KIT_ARGS is a list of flags
node "$work/bundle/bench.mjs" --backends webgpu --models mlp,cnn --samples 12000 \
  --batch-sizes 32,128,512 --epochs 2 --no-numpy ${KIT_ARGS:-} --json "$out/webgpu.json" \
  2>&1 | tee "$out/webgpu.md"
# shellcheck disable=SC2086
node "$work/bundle/bench.mjs" --backends native --models mlp --samples 12000 \
  --batch-sizes 32,128,512 --epochs 2 --frameworks dendrite ${KIT_ARGS:-} --models mlp \
  --json "$out/native.json" 2>&1 | tee "$out/native.md"
