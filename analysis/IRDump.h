//===- IRDump.h - a readable dump of the lock IR ----------------*- C++ -*-===//
#ifndef HOLDWAIT_ANALYSIS_IRDUMP_H
#define HOLDWAIT_ANALYSIS_IRDUMP_H

#include "analysis/Program.h"
#include "analysis/Summaries.h"
#include "llvm/Support/raw_ostream.h"

namespace holdwait {

/// Prints the IR of every function whose name contains Filter (all when
/// empty): blocks, events with their terms, and edges.
void dumpIR(llvm::raw_ostream &OS, const Program &P, llvm::StringRef Filter);

/// Prints what the program stores into each structure field whose name
/// contains Filter, as Program::link() uses it.
void dumpFields(llvm::raw_ostream &OS, const Program &P,
                llvm::StringRef Filter);

class SummaryTable;
/// Prints the summaries of functions whose name contains Filter.
void dumpSummaries(llvm::raw_ostream &OS, const Program &P,
                   const SummaryTable &S, llvm::StringRef Filter);

} // namespace holdwait

#endif
