//===- ReplayMain.cpp - running fuzz inputs without libFuzzer -------------===//
//
// Builds without libFuzzer (the default and sanitize presets) link each fuzz
// target with this main(): every file named, and every file in a directory
// named, goes through LLVMFuzzerTestOneInput once, in name order. ctest
// replays the seeds and the inputs that once failed
// (test/fuzz/regressions/<target>/) this way, so a fixed crash stays fixed
// in every build, not only in the fuzz one. A failure is what it is under
// libFuzzer: a crash, an abort from the target's own checks, or (in the
// sanitize build) a sanitizer report. Arguments that start with '-' are
// libFuzzer's flags and are ignored.
//
//===----------------------------------------------------------------------===//
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size);

int main(int argc, char **argv) {
  std::vector<std::string> Files;
  for (int I = 1; I < argc; ++I) {
    std::string Arg = argv[I];
    // libFuzzer's flags (-runs=0, ...), so one command line serves both.
    if (llvm::StringRef(Arg).starts_with("-"))
      continue;
    if (!llvm::sys::fs::is_directory(Arg)) {
      Files.push_back(Arg);
      continue;
    }
    std::vector<std::string> InDir;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Arg, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::sys::fs::is_regular_file(It->path()))
        InDir.push_back(It->path());
    if (EC) {
      llvm::errs() << Arg << ": cannot list: " << EC.message() << "\n";
      return 2;
    }
    llvm::sort(InDir);
    Files.insert(Files.end(), InDir.begin(), InDir.end());
  }
  if (Files.empty()) {
    llvm::errs() << "usage: " << argv[0] << " <input or directory>...\n"
                 << "Runs each input through the fuzz target once.\n";
    return 2;
  }
  for (const std::string &F : Files) {
    auto Buf = llvm::MemoryBuffer::getFile(F, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf) {
      llvm::errs() << F << ": cannot read: " << Buf.getError().message()
                   << "\n";
      return 2;
    }
    auto Start = std::chrono::steady_clock::now();
    // A copy of its own, exactly as long as the input: reading past the
    // end is then a sanitizer report, as under libFuzzer.
    std::vector<uint8_t> Data((*Buf)->getBuffer().begin(),
                              (*Buf)->getBuffer().end());
    LLVMFuzzerTestOneInput(Data.data(), Data.size());
    double Secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count();
    llvm::outs() << "ran " << F << " (" << Data.size() << " bytes, "
                 << llvm::format("%.3f", Secs) << " s)\n";
  }
  llvm::outs() << "replayed " << Files.size() << " input(s)\n";
  return 0;
}
