//===- DiffFilter.h - keeping the findings a change touches -----*- C++ -*-===//
//
// A review wants the findings of its own change, not the project's old ones:
// --diff and --since keep a finding when any location it shows (the call,
// the acquisition, a step of either side's chain, an edge of a lock-order
// cycle) is on a line the change added or modified.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_DIFFFILTER_H
#define HOLDWAIT_TOOL_DIFFFILTER_H

#include "analysis/Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <set>
#include <string>

namespace holdwait {

/// The added and modified lines of each new file, by canonical path.
class ChangedLines {
public:
  void add(llvm::StringRef Path, unsigned Line);
  bool contains(const SourcePoint &P) const;
  /// True when any location of the finding is on a changed line.
  bool touches(const Finding &F) const;
  bool empty() const { return Lines.empty(); }

private:
  std::map<std::string, std::set<unsigned>> Lines;
  /// real_path is a system call; a report repeats the same few files.
  mutable std::map<std::string, std::string> Canonical;
  const std::string &canonical(llvm::StringRef Path) const;
};

/// Reads a unified diff (`git diff`, `diff -u`). Relative paths are taken
/// from BaseDir; a `b/` prefix is dropped when the old side has `a/` or is
/// /dev/null, as git writes them.
llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Text,
                                              llvm::StringRef BaseDir);

/// Runs `git diff -U0 <Rev>` in the repository holding the current directory
/// and parses it, with paths taken from the repository's top directory.
llvm::Expected<ChangedLines> changedSince(llvm::StringRef Rev);

} // namespace holdwait

#endif
