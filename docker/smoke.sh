#!/usr/bin/env bash
# Smoke test of the Docker images, for a machine with Docker (BuildKit) and network access:
# builds sapenet:cpu and sapenet:gpu, then runs `sapenet env` and a tiny demo in each. The GPU
# image runs only when `nvidia-smi` works here (and it is skipped with a message otherwise).
# `env` runs on a read-only root file system: a container that had to extract natives would fail.
# Exits non-zero when anything fails.
#
# Usage: docker/smoke.sh [--no-build]
# Environment: SAPENET_CPU_IMAGE (default sapenet:cpu), SAPENET_GPU_IMAGE (default sapenet:gpu),
#              SAPENET_SMOKE_GPU=0 to skip the GPU image, =1 to require it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cpu_image="${SAPENET_CPU_IMAGE:-sapenet:cpu}"
gpu_image="${SAPENET_GPU_IMAGE:-sapenet:gpu}"
build=true
if [[ "${1:-}" == "--no-build" ]]; then
  build=false
elif [[ $# -gt 0 ]]; then
  echo "usage: docker/smoke.sh [--no-build]" >&2
  exit 2
fi

failures=()
run_step() {
  local name="$1"
  shift
  echo "== $name"
  echo "   \$ $*"
  local start=$SECONDS
  if "$@"; then
    echo "   ok: $name ($((SECONDS - start)) s)"
  else
    echo "   FAILED: $name (exit $?)" >&2
    failures+=("$name")
  fi
}

if ! command -v docker >/dev/null; then
  echo "smoke: docker is not installed" >&2
  exit 1
fi
if ! docker info >/dev/null 2>&1; then
  echo "smoke: cannot reach the Docker engine (is it running, may this user use it?)" >&2
  exit 1
fi

gpu=false
case "${SAPENET_SMOKE_GPU:-auto}" in
  0) echo "== GPU image skipped: SAPENET_SMOKE_GPU=0" ;;
  *)
    if command -v nvidia-smi >/dev/null && nvidia-smi >/dev/null 2>&1; then
      gpu=true
    elif [[ "${SAPENET_SMOKE_GPU:-auto}" == 1 ]]; then
      echo "smoke: SAPENET_SMOKE_GPU=1 but nvidia-smi does not work here" >&2
      exit 1
    else
      echo "== GPU image skipped: nvidia-smi does not work on this machine"
    fi
    ;;
esac

# A read-only root file system with writable, executable tmpfs for /tmp and the home folder (JNA
# unpacks its small stub there): DJL's natives must already be in the image.
read_only=(--read-only --tmpfs "/tmp:rw,exec,mode=1777" --tmpfs "/home/sapenet:rw,exec,mode=1777")
demo=(demo --rows 20000 --epochs 1)

env_on_cpu() {
  local out
  out="$(docker run --rm -e NVIDIA_VISIBLE_DEVICES=void "${read_only[@]}" "$1" --device auto env)" \
    || return 1
  echo "$out"
  grep -q '^device *cpu()' <<<"$out"
}

export DOCKER_BUILDKIT=1
if [[ "$build" == true ]]; then
  run_step "build $cpu_image" docker build -f "$root/docker/Dockerfile.cpu" -t "$cpu_image" "$root"
fi
run_step "cpu: env (read-only)" docker run --rm "${read_only[@]}" "$cpu_image" env
run_step "cpu: demo" docker run --rm "$cpu_image" --device cpu "${demo[@]}"

if [[ "$gpu" == true ]]; then
  if [[ "$build" == true ]]; then
    run_step "build $gpu_image" docker build -f "$root/docker/Dockerfile.gpu" -t "$gpu_image" "$root"
  fi
  # --device gpu fails unless the cu118 natives loaded and see the GPU.
  run_step "gpu: env (read-only)" \
    docker run --rm --gpus all "${read_only[@]}" "$gpu_image" --device gpu env
  run_step "gpu: demo" docker run --rm --gpus all "$gpu_image" --device gpu "${demo[@]}"
  # With the GPUs hidden, DJL must fall back to the baked CPU natives of the same image.
  run_step "gpu image, GPUs hidden: env on the CPU fallback" env_on_cpu "$gpu_image"
fi

echo "== image sizes"
images=("$cpu_image")
[[ "$gpu" == true ]] && images+=("$gpu_image")
for image in "${images[@]}"; do
  if size=$(docker image inspect -f '{{.Size}}' "$image" 2>/dev/null); then
    echo "   $image: $((size / 1000000)) MB"
  fi
done

if [[ ${#failures[@]} -gt 0 ]]; then
  echo "smoke: ${#failures[@]} step(s) failed: ${failures[*]}" >&2
  exit 1
fi
echo "smoke: all steps passed"
