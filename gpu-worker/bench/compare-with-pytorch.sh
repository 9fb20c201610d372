#!/usr/bin/env bash
# One run on a GPU machine that measures the project's engine and PyTorch side by side (issue: image
# diffusion on the GPU). From the project root, after `../shared/device/pack.sh gpu-worker/bench/gpu.ts`
# has built .device-carry/ here and it travelled to the GPU machine:
#   bash gpu-worker/bench/compare-with-pytorch.sh [output folder, default ./gpu-bench]
# Writes gpu.txt (the device), torch.jsonl (one line per configuration of bench/gpu.ts), onnx.json
# (bench/gpu.ts --json) and the stderr of each, then prints them.
set -uo pipefail
out=${1:-gpu-bench}; mkdir -p "$out"
source .device-carry/setup.sh > "$out/setup.txt" 2>&1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader > "$out/gpu.txt" 2>&1
# The configurations of GPU_BENCH_CONFIGS in bench/gpu.ts: base channels and batch size.
for config in "16 64" "32 128"; do
  set -- $config
  timeout 150 python3 gpu-worker/bench/torch_reference.py --base-channels "$1" --batch "$2" --steps 100 --json \
    >> "$out/torch.jsonl" 2>> "$out/torch.err"
done
timeout 300 node .device-carry/gpu.mjs --json > "$out/onnx.json" 2> "$out/onnx.err"
echo "exit $? (124: timed out)" >> "$out/onnx.err"
for f in gpu.txt torch.jsonl onnx.json; do echo "== $f"; cat "$out/$f"; done
echo "== onnx.err (tail)"; grep -v '^$' "$out/onnx.err" | tail -n 20
