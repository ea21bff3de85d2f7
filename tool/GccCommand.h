//===- GccCommand.h - GCC compile commands for Clang's parser ---*- C++ -*-===//
//
// A compile database written by a GCC build (Kbuild's `make` without LLVM=,
// CMake or Meson with CC=gcc) holds GCC's command lines. Clang's driver
// accepts most of them, drops nothing by itself, and fails the whole unit
// on the rest. Flags Clang has never heard of are dropped later by
// dropUnknownFlags (CompileDatabase.h); this step handles what that cannot
// see, because Clang does know the flag or the word:
//
//   * the compiler's name: `aarch64-linux-gnu-gcc-12` builds for
//     aarch64-linux-gnu, and Clang's driver, run as a library, does not take
//     the target from argv[0] as the clang binary does, so `--target=` is
//     added (unless the command has one);
//   * flags Clang knows but rejects or would act on wrongly for GCC:
//     `-fplugin=` (a GCC plugin; Clang fails trying to load it),
//     `-mrecord-mcount`/`-mnop-mcount` (Clang: SystemZ only), `-mabi=` on x86
//     (Clang rejects it there), sanitizer names only GCC has
//     (`-fsanitize=bounds-strict`), `-fdiagnostics-format=` (GCC's values);
//   * GCC's own header directory (`-isystem /usr/lib/gcc/<triple>/<v>/include`,
//     `include-fixed`): ahead of Clang's resource directory it replaces
//     Clang's intrinsics headers with GCC's, which call GCC's builtins and do
//     not parse (`<immintrin.h>`: 21 errors with GCC 12's, none with Clang's);
//   * GCC-only options whose value is a separate word (`-imultiarch X`):
//     dropped as unknown, the value would be left as an input file.
//
// Compiler launchers (`ccache gcc ...`) are removed from any command, so the
// compiler is argv[0]. Everything else in the command is kept: it is what
// the build parsed the file with.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_GCCCOMMAND_H
#define HOLDWAIT_TOOL_GCCCOMMAND_H

#include "tool/CompileDatabase.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <utility>
#include <vector>

namespace holdwait {

/// Whether `Argv0` names GCC's driver: gcc or g++, optionally with a target
/// prefix (`x86_64-linux-gnu-gcc`) and a version (`gcc-12`,
/// `aarch64-linux-gnu-g++-12.2`), or the system's cc or c++ (GCC on
/// GNU/Linux; a build with Clang names clang). The target prefix, if any,
/// goes to `*TargetPrefix`.
bool isGccDriver(llvm::StringRef Argv0, std::string *TargetPrefix = nullptr);

/// Whether `Dir` is GCC's own header directory,
/// `.../gcc[-cross]/<triple>/<version>/include[-fixed]`.
bool isGccHeaderDir(llvm::StringRef Dir);

/// What translateGccCommand did to one command line.
struct GccTranslation {
  std::vector<std::string> Args;
  /// Each dropped flag (with its value when that is a word of its own) and
  /// why Clang cannot use it.
  std::vector<std::pair<std::string, std::string>> Dropped;
  /// The compiler's name and the `--target=` taken from it; empty when none
  /// was added.
  std::string Compiler, Target;
};

/// Translates one command line (argv[0] first). A command that GCC does not
/// run is returned as it is, less a compiler launcher in front of it.
GccTranslation translateGccCommand(llvm::ArrayRef<std::string> Args);

/// translateGccCommand as an arguments adjuster; what it drops and the
/// targets it adds go to `Changes`, for one note each per run.
clang::tooling::ArgumentsAdjuster translateGccFlags(DroppedFlags &Changes);

} // namespace holdwait

#endif
