//===- GenerateProgram.h - C programs built from fuzz bytes -----*- C++ -*-===//
//
// The analyzer fuzz target does not hand libFuzzer's bytes to Clang as they
// are: almost every random byte string is a syntax error, which Clang
// rejects before holdwait's lowering and analysis ever run. Instead the bytes
// are decisions of a small generator that only writes C which compiles:
// functions that take and release the locks the built-in profiles model,
// wait, wake, call each other (also recursively and through function
// pointers), bind work items and threads, in ifs, loops, switches, early
// returns and gotos. A mutation of the bytes is a mutation of the program's
// shape, which is what the analysis is sensitive to.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_FUZZ_GENERATEPROGRAM_H
#define HOLDWAIT_FUZZ_GENERATEPROGRAM_H

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <cstdint>
#include <string>

namespace holdwait {
namespace fuzz {

/// The fuzz input read as a sequence of decisions.
class ByteReader {
public:
  ByteReader(const uint8_t *Data, size_t Size) : Pos(Data), End(Data + Size) {}
  /// A number below N taken from the next byte; 0 once the bytes run out,
  /// so every choice list starts with its smallest option.
  unsigned below(unsigned N) {
    if (N <= 1 || Pos == End)
      return 0;
    return *Pos++ % N;
  }
  bool empty() const { return Pos == End; }
  /// What has not been read, as text.
  llvm::StringRef rest() const {
    return llvm::StringRef(reinterpret_cast<const char *>(Pos), End - Pos);
  }

private:
  const uint8_t *Pos;
  const uint8_t *End;
};

/// Declarations of the kernel and POSIX functions the built-in profiles
/// model (and the macros that wrap them in the kernel), a few annotated
/// helpers, and the globals generated code uses. Self-contained: it
/// includes no header.
llvm::StringRef programPrelude();

/// A program of one to six functions, deterministic in the bytes read.
/// Always compiles (the analyzer target checks that it does).
std::string generateProgram(ByteReader &In);

/// A project annotation profile (as `--annotations` loads) of a few entries
/// about the generated functions, the prelude's functions and their
/// locks: lock models with every operation, waits, signals, threads,
/// relations, field contexts, aliases, callbacks, domain locks,
/// conflicts, lock orders. Mostly valid; the loader's verdict decides.
std::string generateProfile(ByteReader &In);

} // namespace fuzz
} // namespace holdwait

#endif
