#!/usr/bin/env bash
# Installs the Debian 12 packages holdwait builds and tests with, if missing.
# Everything comes from Debian's own archive (bookworm has LLVM 19).
set -euo pipefail

packages=(
  cmake ninja-build g++ python3
  llvm-19-dev libclang-19-dev clang-19 clang-tidy-19 llvm-19-tools
  libclang-rt-19-dev  # clang-19's sanitizer and libFuzzer runtimes (fuzz preset)
  libfmt-dev libgtest-dev
  python3-jsonschema python3-yaml
  pre-commit git
)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "[deps] installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
