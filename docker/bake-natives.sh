#!/bin/sh
# Build stage helper: extracts every pytorch-native-*.jar in LIB_DIR, and the matching JNI library,
# into the folder layout DJL's PyTorch engine expects under $DJL_CACHE_DIR, so that loading the
# engine in a container extracts nothing. This is what DJL itself does on first use (DJL 0.25 and
# 0.36, ai.djl.pytorch.jni.LibUtils copyNativeLibraryFromClasspath and findJniLibrary):
#
#   CACHE_DIR/pytorch/<version>-<flavor>-<classifier>/<each library listed in the jar>
#   CACHE_DIR/pytorch/<version>-<flavor>-<classifier>/<djl_version>-libdjl_torch.so
#
# version, flavor, classifier and libraries come from the native jar's native/lib/pytorch.properties
# (the libraries sit in the jar under pytorch/<flavor>/<classifier>/), djl_version from the engine
# jar's pytorch-engine.properties, and the JNI library from the JNI jar's
# jnilib/<classifier>/<flavor>/libdjl_torch.so. Doing it here matters for the CUDA jar: DJL extracts
# it only when it sees a GPU, and a docker build has none.
#
# With --slim, each native jar is then rewritten to hold only native/lib/pytorch.properties: DJL
# still finds the flavour on the class path and loads the libraries from the cache (saves the
# compressed libraries, 1.6 GB for cu118), but the cache must then stay where it was baked.
#
# Usage: bake-natives.sh [--slim] LIB_DIR CACHE_DIR     (needs the JDK's `jar` tool)
set -eu

slim=false
if [ "${1:-}" = "--slim" ]; then
  slim=true
  shift
fi
if [ "$#" -ne 2 ]; then
  echo "usage: bake-natives.sh [--slim] LIB_DIR CACHE_DIR" >&2
  exit 2
fi
lib="$(cd "$1" && pwd)"
mkdir -p "$2"
cache="$(cd "$2" && pwd)"

fail() {
  echo "bake-natives.sh: $*" >&2
  exit 1
}

command -v jar >/dev/null || fail "the JDK's jar tool is needed"

# prop FILE KEY: the value of KEY in a Java properties file of plain key=value lines.
prop() {
  sed -n "s/^$2[[:space:]]*=[[:space:]]*//p" "$1" | tr -d '\r' | head -n 1
}

# only PATTERN: the single file in LIB_DIR matching the glob PATTERN.
only() {
  pattern="$1"
  # shellcheck disable=SC2086 # the pattern is a glob on purpose
  set -- "$lib"/$pattern
  if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
    fail "expected exactly one $pattern in $lib, found: $*"
  fi
  echo "$1"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

engine_jar="$(only 'pytorch-engine-*.jar')"
jni_jar="$(only 'pytorch-jni-*.jar')"
(cd "$work" && jar xf "$engine_jar" pytorch-engine.properties)
djl_version="$(prop "$work/pytorch-engine.properties" djl_version)"
[ -n "$djl_version" ] || fail "no djl_version in $engine_jar!/pytorch-engine.properties"

baked=0
for native in "$lib"/pytorch-native-*.jar; do
  [ -f "$native" ] || continue
  rm -rf "$work/native" && mkdir "$work/native"
  (cd "$work/native" && jar xf "$native" native/lib/pytorch.properties)
  props="$work/native/native/lib/pytorch.properties"
  [ -f "$props" ] || fail "$native has no native/lib/pytorch.properties"
  version="$(prop "$props" version)"
  flavor="$(prop "$props" flavor)"
  classifier="$(prop "$props" classifier)"
  libraries="$(prop "$props" libraries)"
  if [ -z "$flavor" ]; then
    # older jars: classifier=<flavor>-<os>-<arch>
    flavor="${classifier%%-*}"
    classifier="${classifier#*-}"
  fi
  if [ -z "$version" ] || [ -z "$flavor" ] || [ -z "$classifier" ] || [ -z "$libraries" ]; then
    fail "$native: native/lib/pytorch.properties lacks version, flavor, classifier or libraries"
  fi
  case ",$libraries," in
    *,libstdc++.so.6,*) fail "$native is a pre-cxx11 build (PyTorch <= 1.9.1): not supported here" ;;
  esac

  dir="$cache/pytorch/$version-$flavor-$classifier"
  rm -rf "$dir" "$work/x" && mkdir -p "$dir" "$work/x"
  old_ifs="$IFS"
  IFS=,
  # shellcheck disable=SC2086 # split the comma-separated library list into jar entries
  set -- $libraries
  IFS="$old_ifs"
  entries=""
  for name in "$@"; do
    entries="$entries pytorch/$flavor/$classifier/$name"
  done
  # shellcheck disable=SC2086 # one argument per jar entry
  (cd "$work/x" && jar xf "$native" $entries)
  for name in "$@"; do
    if [ ! -f "$work/x/pytorch/$flavor/$classifier/$name" ]; then
      fail "$native lists $name but has no pytorch/$flavor/$classifier/$name"
    fi
    mv "$work/x/pytorch/$flavor/$classifier/$name" "$dir/$name"
  done

  (cd "$work/x" && jar xf "$jni_jar" "jnilib/$classifier/$flavor/libdjl_torch.so")
  if [ ! -f "$work/x/jnilib/$classifier/$flavor/libdjl_torch.so" ]; then
    fail "$jni_jar has no jnilib/$classifier/$flavor/libdjl_torch.so for $native"
  fi
  mv "$work/x/jnilib/$classifier/$flavor/libdjl_torch.so" "$dir/$djl_version-libdjl_torch.so"
  chmod -R a+rX,go-w "$dir"
  echo "bake-natives.sh: $(basename "$native") -> $dir" >&2

  if [ "$slim" = true ]; then
    jar cf "$work/slim.jar" -C "$work/native" native/lib/pytorch.properties
    mv "$work/slim.jar" "$native"
  fi
  baked=$((baked + 1))
done
[ "$baked" -gt 0 ] || fail "no pytorch-native-*.jar in $lib"
chmod a+rX "$cache" "$cache/pytorch"
