#!/bin/sh
# Entry point of the sapenet images (installed as /app/bin/sapenet): runs the command line offline
# on the jars in $SAPENET_HOME/lib, in the order $SAPENET_HOME/lib/classpath lists them. The order
# matters: DJL loads the first pytorch-native jar whose flavour fits the machine, and a CPU jar fits
# every machine, so a CUDA native jar must come before the CPU one.
#
# Environment:
#   SAPENET_JAVA_OPTS        JVM options (default: -XX:MaxRAMPercentage=50, half the container's memory
#                            for the heap; PyTorch tensors live outside the heap)
#   SAPENET_IMAGE_JAVA_OPTS  JVM options the image itself needs (set by the Dockerfile)
#   DJL_CACHE_DIR            the PyTorch natives, extracted when the image was built
#   MALLOC_*                 glibc allocator settings (defaults below)
set -eu

home="${SAPENET_HOME:-/app}"
lib="$home/lib"
if [ ! -r "$lib/classpath" ]; then
  echo "sapenet: $lib/classpath is missing: the image was not built from docker/Dockerfile.*" >&2
  exit 1
fi

cp=""
while IFS= read -r jar || [ -n "$jar" ]; do
  [ -n "$jar" ] || continue
  cp="${cp:+$cp:}$lib/$jar"
done <"$lib/classpath"

# glibc keeps freed memory for the next batch instead of handing it back to the kernel (fresh pages
# fault in one by one, a large cost on some virtual machines); the same defaults as ./sapenet.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
export MALLOC_MMAP_MAX_="${MALLOC_MMAP_MAX_:-0}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-68719476736}"

# shellcheck disable=SC2086 # the option lists are split into words on purpose
exec java ${SAPENET_JAVA_OPTS:--XX:MaxRAMPercentage=50} ${SAPENET_IMAGE_JAVA_OPTS:-} \
  -Dai.djl.offline=true \
  -Djava.awt.headless=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  -Dorg.slf4j.simpleLogger.log.ai.djl=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error \
  -cp "$cp" \
  org.sapenet.train.cli.SapenetCli "$@"
