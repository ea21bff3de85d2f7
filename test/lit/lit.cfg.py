# lit configuration for holdwait's end-to-end tests.
#
# Substitutions:
#   %holdwait     the analyzer (built-in profiles loaded)
#   %annotations  the repository's annotations/ directory
#   %inputs       test/lit/Inputs (our own kernel-like and C++ headers)
#   %python       the Python running lit
import os
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
config.substitutions.append(("%holdwait", config.holdwait))
config.substitutions.append(
    ("%annotations", os.path.join(config.holdwait_src_root, "annotations")))
config.substitutions.append(
    ("%inputs", os.path.join(config.test_source_root, "Inputs")))
# The interpreter running lit, for small checks of JSON files.
import sys
config.substitutions.append(("%python", sys.executable))
