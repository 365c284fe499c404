#!/bin/sh
# Build stage helper: copies the CLI jar and its runtime class path into one folder and writes the
# class path order to DEST/classpath (one file name a line), CUDA native jars first.
#
# Why the order: DJL (ai.djl.util.Platform.detectPlatform) walks the native/lib/pytorch.properties
# files in class path order and takes the first whose flavour matches the machine; a CPU native jar
# matches every machine, so with Maven's order (CPU native before the cu118 one) DJL would never
# load the CUDA natives even on a GPU.
#
# Usage: stage-app.sh TRAIN_TARGET_DIR DEST_DIR
#   TRAIN_TARGET_DIR  sapenet-train/target after `mvn package` (holds the jar and classpath.txt)
set -eu

if [ "$#" -ne 2 ]; then
  echo "usage: stage-app.sh TRAIN_TARGET_DIR DEST_DIR" >&2
  exit 2
fi
target="$1"
dest="$2"

if [ ! -f "$target/classpath.txt" ]; then
  echo "stage-app.sh: $target/classpath.txt not found: run mvn package first" >&2
  exit 1
fi
set -- "$target"/sapenet-train-*.jar
if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
  echo "stage-app.sh: expected exactly one sapenet-train-*.jar in $target, found: $*" >&2
  exit 1
fi
main_jar="$1"

mkdir -p "$dest"
list="$dest/classpath.all"
: >"$list"

copy() {
  name="$(basename "$1")"
  if [ ! -f "$1" ]; then
    echo "stage-app.sh: class path entry $1 is not a file" >&2
    exit 1
  fi
  if [ -e "$dest/$name" ]; then
    echo "stage-app.sh: two class path entries are named $name" >&2
    exit 1
  fi
  cp "$1" "$dest/$name"
  echo "$name" >>"$list"
}

copy "$main_jar"
old_ifs="$IFS"
IFS=:
# shellcheck disable=SC2013 # the file is one line of ':'-separated paths
for entry in $(cat "$target/classpath.txt"); do
  IFS="$old_ifs"
  [ -n "$entry" ] && copy "$entry"
  IFS=:
done
IFS="$old_ifs"

{
  grep '^pytorch-native-cu' "$list" || true
  grep -v '^pytorch-native-cu' "$list" || true
} >"$dest/classpath"
rm "$list"
echo "stage-app.sh: $(wc -l <"$dest/classpath") jars in $dest" >&2
