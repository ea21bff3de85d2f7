//===- Program.cpp - translation units linked into one program ------------===//
#include "analysis/Program.h"

#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace holdwait {

void Program::add(TUFacts TU) {
  // Every unit lowers the header inlines it calls, so a kernel's units hold
  // thousands of copies of the same functions (the whole-kernel run reached
  // 23 GiB before linking). The copy link() will keep is known now: the
  // first whole one in canonical order (main file, then arrival), else the
  // first. Every other copy is emptied as soon as it is known to lose, so
  // one body per function waits for link(), whatever the arrival order.
  size_t Unit = PendingUnits.size();
  auto MainFile = [&](size_t U) -> const std::string & {
    return U == Unit ? TU.MainFile : PendingUnits[U].MainFile;
  };
  auto Precedes = [&](size_t A, size_t B) {
    return MainFile(A) < MainFile(B) || (MainFile(A) == MainFile(B) && A < B);
  };
  for (size_t I = 0; I < TU.Functions.size(); ++I) {
    FunctionIR &F = TU.Functions[I];
    if (F.Sym == NoIndex || F.Sym >= TU.Symbols.size())
      continue;
    auto [It, New] = BestCopy.try_emplace(TU.Symbols[F.Sym].USR, Copy{Unit, I});
    if (New)
      continue;
    Copy &Old = It->second;
    if (Old.Unit == Unit)
      continue; // twice in one unit: merge() decides, as before
    FunctionIR &OldF = PendingUnits[Old.Unit].Functions[Old.Fn];
    bool NewWins = OldF.truncated() != F.truncated() ? OldF.truncated()
                                                     : Precedes(Unit, Old.Unit);
    FunctionIR &Loser = NewWins ? OldF : F;
    Loser = FunctionIR(); // Sym = NoIndex: merge() skips it
    if (NewWins)
      Old = Copy{Unit, I};
  }
  PendingUnits.push_back(std::move(TU));
}

void Program::link() {
  std::stable_sort(PendingUnits.begin(), PendingUnits.end(),
                   [](const TUFacts &A, const TUFacts &B) {
                     return A.MainFile < B.MainFile;
                   });
  for (TUFacts &TU : PendingUnits)
    merge(TU);
  PendingUnits.clear();
  BestCopy.clear();
  resolveVirtualCalls();
  resolveSlots();
  resolveFields();
}

/// Calls Visit on every event of F: its blocks' and its model's (the events
/// an annotation gives a function in place of its body).
template <typename Fn> static void forEachEvent(FunctionIR &F, Fn Visit) {
  for (Block &B : F.Blocks)
    for (Event &E : B.Events)
      Visit(E);
  for (Event &E : F.Model)
    Visit(E);
}

/// Calls Call on every ArgBits of F's calls.
template <typename Fn> static void forEachArgBits(FunctionIR &F, Fn Call) {
  forEachEvent(F, [&](Event &E) {
    for (ArgBits &A : E.ArgVals)
      Call(A);
    for (ArgAlt &Alt : E.ArgAlts)
      for (ArgBits &A : Alt.Vals)
        Call(A);
  });
}

void Program::resolveFields() {
  // A structure given to or got from a function no unit defines may hold
  // anything, and so may those it holds.
  llvm::StringMap<std::vector<llvm::StringRef>> Holds;
  for (const auto &[Outer, Inner] : HeldRecords)
    Holds[Outer].push_back(Inner);
  llvm::StringMap<std::string> Open; // record -> why
  std::vector<llvm::StringRef> Work;
  for (const RecordEscape &E : Escapes) {
    uint32_t Sym = symbolByUSR(E.Callee);
    if (definition(Sym) || Open.count(E.Record))
      continue;
    std::string Callee = Sym == NoIndex ? E.Callee : name(Sym);
    Open[E.Record] =
        E.Record + " handed to " + Callee + ", which no unit defines";
    Work.push_back(Open.find(E.Record)->first());
  }
  while (!Work.empty()) {
    llvm::StringRef R = Work.back();
    Work.pop_back();
    auto It = Holds.find(R);
    if (It == Holds.end())
      continue;
    std::string Why = Open[R];
    for (llvm::StringRef Inner : It->second)
      if (Open.try_emplace(Inner, "held in " + R.str() + ": " + Why).second)
        Work.push_back(Inner);
  }
  for (FieldFact &F : Fields) {
    auto It = Open.find(llvm::StringRef(F.Name).split('.').first);
    if (It == Open.end())
      continue;
    if (!F.Unknown)
      F.Why = It->second;
    F.Unknown = true;
  }

  // `gfp_flags |= mc->gfp_zero` adds only the bits some unit stores into
  // the field; without the whole program (or when told not to) any bit.
  for (FunctionIR &F : Functions)
    forEachArgBits(F, [&](ArgBits &A) {
      if (A.Field < 0)
        return;
      const FieldFact *Fact =
          size_t(A.Field) < Fields.size() ? &Fields[A.Field] : nullptr;
      bool Known = UseFieldValues && Fact && !Fact->Unknown;
      A = withField(A, Known ? Fact->MayHold : ~0ull);
    });
}

void Program::resolveSlots() {
  // What each slot may hold: the functions stored into it anywhere in the
  // program (field initializers and assignments, registration calls), then
  // what flows from slot to slot, to a fixpoint.
  llvm::StringMap<std::vector<uint32_t>> Holds;
  auto Add = [&](std::vector<uint32_t> &Into, uint32_t Sym) {
    if (llvm::is_contained(Into, Sym))
      return false;
    Into.push_back(Sym);
    return true;
  };
  for (const FunctionIR &F : Functions)
    for (const Block &B : F.Blocks)
      for (const Event &E : B.Events)
        if (E.Kind == EventKind::Bind && !E.Field.empty() &&
            E.Callee != NoIndex)
          Add(Holds[E.Field], E.Callee);
  for (size_t Round = 0, Changed = 1; Changed && Round <= SlotCopies.size();
       ++Round) {
    Changed = 0;
    for (const SlotCopy &C : SlotCopies) {
      auto Src = Holds.find(C.Src);
      if (Src == Holds.end())
        continue;
      std::vector<uint32_t> From = Src->second;
      for (uint32_t Sym : From)
        Changed |= Add(Holds[C.Dst], Sym);
    }
  }
  for (auto &[Slot, Syms] : Holds)
    std::sort(Syms.begin(), Syms.end(), [&](uint32_t A, uint32_t B) {
      return Symbols[A].USR < Symbols[B].USR;
    });

  for (FunctionIR &F : Functions)
    for (Block &B : F.Blocks)
      for (Event &E : B.Events) {
        if (E.Kind != EventKind::Call)
          continue;
        std::string Slot;
        if (E.Targets.empty() && !E.Field.empty() && E.Field[0] != '?')
          Slot = E.Field;
        else if (E.Targets.size() == 1 && !definition(E.Targets[0]))
          Slot = "fn:" + Symbols[E.Targets[0]].USR; // a trampoline
        if (Slot.empty())
          continue;
        auto It = Holds.find(Slot);
        if (It == Holds.end())
          continue;
        if (It->second.size() > MaxSlotTargets) {
          ++OverBroadCalls;
          continue;
        }
        E.Targets.assign(It->second.begin(), It->second.end());
      }
}

void Program::resolveVirtualCalls() {
  // Every defined overrider, program-wide, is a target of a virtual call.
  std::vector<std::vector<uint32_t>> By(Symbols.size());
  for (auto [Overrider, Base] : Overrides)
    if (Base < By.size() && Overrider < DefinitionOf.size() &&
        DefinitionOf[Overrider] >= 0 &&
        !llvm::is_contained(By[Base], Overrider))
      By[Base].push_back(Overrider);
  for (auto &V : By)
    std::sort(V.begin(), V.end(), [&](uint32_t A, uint32_t B) {
      return Symbols[A].USR < Symbols[B].USR;
    });
  for (FunctionIR &F : Functions)
    for (Block &B : F.Blocks)
      for (Event &E : B.Events) {
        if (!E.Virtual)
          continue;
        uint32_t Callee = E.Callee;
        if (Callee >= By.size())
          continue;
        for (uint32_t O : By[Callee])
          if (!llvm::is_contained(E.Targets, O))
            E.Targets.push_back(O);
      }
}

const std::string &Program::fileName(const Loc &L) const {
  static const std::string Unknown = "<unknown>";
  return L.File < Files.size() ? Files[L.File] : Unknown;
}

const std::string &Program::name(uint32_t Sym) const {
  static const std::string Unknown = "<indirect call>";
  return Sym < Symbols.size() ? Symbols[Sym].Name : Unknown;
}

void Program::merge(TUFacts &TU) {
  std::vector<uint32_t> FileMap(TU.Files.size());
  for (size_t I = 0; I < TU.Files.size(); ++I) {
    auto [It, New] = FileByName.try_emplace(TU.Files[I], Files.size());
    if (New)
      Files.push_back(TU.Files[I]);
    FileMap[I] = It->second;
  }
  auto MapLoc = [&](Loc &L) {
    if (L.File != NoIndex && L.File < FileMap.size())
      L.File = FileMap[L.File];
  };
  std::vector<uint32_t> SymMap(TU.Symbols.size());
  for (size_t I = 0; I < TU.Symbols.size(); ++I) {
    Symbol &S = TU.Symbols[I];
    auto [It, New] = SymByUSR.try_emplace(S.USR, Symbols.size());
    if (New) {
      MapLoc(S.At);
      Symbols.push_back(S);
      DefinitionOf.push_back(-1);
    }
    SymMap[I] = It->second;
  }
  auto MapSym = [&](uint32_t &S) {
    if (S != NoIndex && S < SymMap.size())
      S = SymMap[S];
  };
  std::vector<int32_t> FieldMap(TU.Fields.size());
  for (size_t I = 0; I < TU.Fields.size(); ++I) {
    FieldFact &Fact = TU.Fields[I];
    auto [It, New] = FieldByName.try_emplace(Fact.Name, Fields.size());
    if (New)
      Fields.push_back({Fact.Name, 0, false, {}});
    FieldFact &Into = Fields[It->second];
    Into.MayHold |= Fact.MayHold;
    if (Fact.Unknown && !Into.Unknown)
      Into.Why = std::move(Fact.Why); // the first unit's reason
    Into.Unknown |= Fact.Unknown;
    FieldMap[I] = int32_t(It->second);
  }
  for (RecordEscape &E : TU.Escapes)
    if (EscapeKeys.insert(E.Callee + '\0' + E.Record).second)
      Escapes.push_back(std::move(E));
  for (auto &H : TU.HeldRecords)
    if (HeldKeys.insert(H.first + '\0' + H.second).second)
      HeldRecords.push_back(std::move(H));
  auto MapField = [&](ArgBits &A) {
    if (A.Field < 0)
      return;
    if (size_t(A.Field) < FieldMap.size())
      A.Field = FieldMap[A.Field];
    else // an index the unit's table lacks: the field stays unknown
      A = withField(A, ~0ull);
  };
  for (FunctionIR &F : TU.Functions) {
    MapSym(F.Sym);
    if (F.Sym == NoIndex)
      continue;
    // The first definition in canonical order stays, unless a budget cut
    // it short and this one is whole (a header inline lowered late in a
    // big unit and early in a small one).
    int32_t Slot = DefinitionOf[F.Sym];
    if (Slot >= 0 && (!Functions[Slot].truncated() || F.truncated()))
      continue;
    MapLoc(F.At);
    forEachEvent(F, [&](Event &E) {
      MapLoc(E.At);
      MapSym(E.Callee);
      for (uint32_t &T : E.Targets)
        MapSym(T);
    });
    forEachArgBits(F, MapField);
    // The symbol's location is the definition's.
    Symbols[F.Sym].At = F.At;
    if (Slot >= 0) {
      Functions[Slot] = std::move(F);
      continue;
    }
    DefinitionOf[F.Sym] = Functions.size();
    Functions.push_back(std::move(F));
  }
  for (auto [Overrider, Base] : TU.Overrides) {
    MapSym(Overrider);
    MapSym(Base);
    Overrides.push_back({Overrider, Base});
  }
  for (ConflictRule &R : TU.Conflicts)
    SourceConflicts.push_back(std::move(R));
  for (SlotCopy &C : TU.SlotCopies) {
    MapLoc(C.At);
    SlotCopies.push_back(std::move(C));
  }
  for (FrontendNote &N : TU.Notes) {
    MapLoc(N.At);
    Notes.push_back(std::move(N));
  }
  if (TU.FunctionsNotLowered)
    UnitCuts.push_back(
        {TU.MainFile, TU.FunctionsNotLowered, std::move(TU.FirstNotLowered)});
}

} // namespace holdwait
