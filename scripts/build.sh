#!/usr/bin/env bash
# Installs what is missing, then configures and builds with the default
# preset (build/, 2 jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
