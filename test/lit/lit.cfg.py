# lit configuration for holdwait's end-to-end tests.
#
# Substitutions:
#   %holdwait     the analyzer (built-in profiles loaded)
#   %annotations  the repository's annotations/ directory
#   %inputs       test/lit/Inputs (our own kernel-like and C++ headers)
#   %python       the Python running lit
#   %holdwait_tidy     the clang-tidy plugin (libholdwait-tidy.so)
#   %clang_tidy        clang-tidy-19, which loads it
#   %run_clang_tidy    run-clang-tidy-19
#   %clang_tidy_diff   clang-tidy-diff-19.py
#   (tests of the plugin say `REQUIRES: holdwait-tidy`)
#   %srcroot      the repository (for scripts/ and .pre-commit-hooks.yaml)
#   %unprivileged runs a command as an unprivileged user when the tests run
#                 as root (for whom no file is unreadable); empty otherwise
#   (tests of unreadable files say `REQUIRES: unreadable-files`)
#   (tests that run the pre-commit tool say `REQUIRES: pre-commit`)
import os
import shutil
import lit.formats

config.name = "holdwait"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(os.path.dirname(config.holdwait), "..",
                                     "test", "lit-out")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])
# Before %holdwait and %clang_tidy, whose names prefix theirs.
if all(os.path.exists(p) for p in (config.holdwait_tidy, config.clang_tidy,
                                   config.run_clang_tidy,
                                   config.clang_tidy_diff)):
    config.available_features.add("holdwait-tidy")
    config.substitutions.append(("%holdwait_tidy", config.holdwait_tidy))
    config.substitutions.append(("%clang_tidy_diff", config.clang_tidy_diff))
    config.substitutions.append(("%clang_tidy", config.clang_tidy))
    config.substitutions.append(("%run_clang_tidy", config.run_clang_tidy))
config.substitutions.append(("%holdwait", config.holdwait))
config.substitutions.append(("%srcroot", config.holdwait_src_root))
# chmod 000 stops everyone but root; as root, the command runs as nobody.
if os.geteuid() != 0:
    config.available_features.add("unreadable-files")
    config.substitutions.append(("%unprivileged", ""))
elif shutil.which("setpriv"):
    config.available_features.add("unreadable-files")
    config.substitutions.append(
        ("%unprivileged",
         "setpriv --reuid=65534 --regid=65534 --clear-groups"))
if shutil.which("pre-commit") and shutil.which("git"):
    config.available_features.add("pre-commit")
config.substitutions.append(
    ("%annotations", os.path.join(config.holdwait_src_root, "annotations")))
config.substitutions.append(
    ("%inputs", os.path.join(config.test_source_root, "Inputs")))
# The interpreter running lit, for small checks of JSON files.
import sys
config.substitutions.append(("%python", sys.executable))
