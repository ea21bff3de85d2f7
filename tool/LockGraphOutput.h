//===- LockGraphOutput.h - lock-order graph queries -------------*- C++ -*-===//
//
// --dump-lock-graph writes the whole graph (DOT or JSON, chosen by the file
// name); --explain-lock-order A B prints the chain of edges that orders
// lock class A before B, each edge with its best evidence.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_LOCKGRAPHOUTPUT_H
#define HOLDWAIT_TOOL_LOCKGRAPHOUTPUT_H

#include "analysis/Analysis.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace holdwait {

/// Writes DOT to `-` (stdout) or a `.dot`/`.gv` file, JSON to a `.json`
/// file; anything else is an error naming the file.
llvm::Error writeLockGraph(const Analysis &A, llvm::StringRef Path);

/// Prints why From is ordered before To; returns false when nothing orders
/// them (and says so).
bool explainLockOrder(llvm::raw_ostream &OS, const Analysis &A,
                      const std::string &From, const std::string &To);

} // namespace holdwait

#endif
