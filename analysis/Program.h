//===- Program.h - translation units linked into one program ----*- C++ -*-===//
//
// Merges TUFacts into one table of files, symbols (keyed by USR) and
// function bodies. A function defined in several units (a header inline)
// keeps its first definition in canonical order, so the result does not
// depend on the order in which units were analyzed.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_PROGRAM_H
#define HOLDWAIT_ANALYSIS_PROGRAM_H

#include "analysis/IR.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace holdwait {

class Program {
public:
  std::vector<std::string> Files;
  std::vector<Symbol> Symbols;
  std::vector<FunctionIR> Functions;
  std::vector<ConflictRule> SourceConflicts;
  std::vector<SlotCopy> SlotCopies;
  std::vector<FrontendNote> Notes;
  /// What the program stores into each integer field (the units' facts
  /// joined), by name.
  std::vector<FieldFact> Fields;
  /// The units' escapes and held records, each once.
  std::vector<RecordEscape> Escapes;
  std::vector<std::pair<std::string, std::string>> HeldRecords;
  /// Whether link() refines values that OR in a field by its stores:
  /// sound only when every unit that may store into it is in the program.
  bool UseFieldValues = false;
  /// Units whose unit-functions budget left functions unlowered.
  struct UnitCut {
    std::string File;
    uint32_t NotLowered = 0;
    std::string First;
  };
  std::vector<UnitCut> UnitCuts;
  /// Symbol -> index into Functions, or -1 when only declared.
  std::vector<int32_t> DefinitionOf;

  /// Add units; call link() once all are in.
  void add(TUFacts TU);
  /// Sort pending units canonically and merge them.
  void link();

  const std::string &fileName(const Loc &L) const;
  const std::string &name(uint32_t Sym) const;
  const FunctionIR *definition(uint32_t Sym) const {
    if (Sym >= DefinitionOf.size() || DefinitionOf[Sym] < 0)
      return nullptr;
    return &Functions[DefinitionOf[Sym]];
  }
  uint32_t symbolByUSR(llvm::StringRef USR) const {
    auto It = SymByUSR.find(USR);
    return It == SymByUSR.end() ? NoIndex : It->second;
  }

  /// A slot holding more functions than this is left unresolved: calling
  /// every `file_operations.release` is no better than calling none.
  static constexpr size_t MaxSlotTargets = 32;
  /// Calls left unresolved because their slot holds too many functions.
  unsigned OverBroadCalls = 0;

private:
  void merge(TUFacts &TU);
  void resolveVirtualCalls();
  void resolveSlots();
  void resolveFields();
  std::vector<std::pair<uint32_t, uint32_t>> Overrides;
  std::vector<TUFacts> PendingUnits;
  /// USR -> the copy of its definition that link() will keep, so far.
  struct Copy {
    size_t Unit, Fn;
  };
  llvm::StringMap<Copy> BestCopy;
  llvm::StringMap<uint32_t> SymByUSR;
  llvm::StringMap<uint32_t> FileByName;
  llvm::StringMap<uint32_t> FieldByName;
  llvm::StringSet<> EscapeKeys, HeldKeys;
};

} // namespace holdwait

#endif
