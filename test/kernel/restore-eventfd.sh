#!/usr/bin/env bash
# restore-eventfd.sh TREE
#
# Puts TREE/virt/kvm/eventfd.c back to the original saved by
# apply-seed000-fix.sh (same as apply-seed000-fix.sh --restore TREE).
set -euo pipefail
(($# == 1)) || { echo "usage: $0 TREE" >&2; exit 2; }
exec "$(dirname "${BASH_SOURCE[0]}")/apply-seed000-fix.sh" --restore "$1"
