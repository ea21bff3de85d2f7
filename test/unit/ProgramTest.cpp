//===- ProgramTest.cpp - linking translation units into one program -------===//
#include "analysis/Program.h"

#include "gtest/gtest.h"
#include <algorithm>

using namespace holdwait;

namespace {

std::vector<uint32_t> targetsOf(const holdwait::Event &E) {
  return std::vector<uint32_t>(E.Targets.begin(), E.Targets.end());
}

Loc at(uint32_t File, uint32_t Line) {
  Loc L;
  L.File = File;
  L.Line = Line;
  L.Col = 1;
  return L;
}

Symbol sym(const std::string &USR, const std::string &Name, Loc At = Loc()) {
  Symbol S;
  S.USR = USR;
  S.Name = Name;
  S.At = At;
  return S;
}

Event call(uint32_t Callee, Loc At, bool Virtual = false) {
  Event E;
  E.Kind = EventKind::Call;
  E.Callee = Callee;
  E.Targets = {Callee};
  E.Virtual = Virtual;
  E.At = At;
  return E;
}

Event acquire(const std::string &Class, Loc At) {
  Event E;
  E.Kind = EventKind::Acquire;
  E.Lock.Class = Class;
  E.Lock.Instance = Class;
  E.At = At;
  return E;
}

FunctionIR body(uint32_t Sym, Loc At, std::vector<Event> Events) {
  FunctionIR F;
  F.Sym = Sym;
  F.At = At;
  F.Blocks.resize(2);
  F.Blocks[0].Events = std::move(Events);
  Edge E;
  E.To = 1;
  F.Blocks[0].Succs = {E};
  F.Exit = 1;
  return F;
}

/// a.c: defines a_fn (calling shared) and the header inline `shared`.
TUFacts unitA() {
  TUFacts TU;
  TU.MainFile = "/src/a.c";
  TU.Files = {"/src/a.c", "/inc/h.h"};
  TU.Symbols = {sym("c:@F@shared", "shared", at(1, 3)),
                sym("c:@F@a_fn", "a_fn", at(0, 10)), sym("c:@F@ext", "ext")};
  TU.Functions.push_back(
      body(1, at(0, 10), {call(0, at(0, 11)), call(2, at(0, 12))}));
  TU.Functions.push_back(body(0, at(1, 3), {acquire("from_a", at(1, 4))}));
  FrontendNote N;
  N.At = at(1, 7);
  N.Message = "note from a";
  TU.Notes.push_back(N);
  return TU;
}

/// b.c: its own copy of `shared` (different body), b_fn, the same `ext`.
TUFacts unitB() {
  TUFacts TU;
  TU.MainFile = "/src/b.c";
  TU.Files = {"/inc/h.h", "/src/b.c"};
  TU.Symbols = {sym("c:@F@ext", "ext"), sym("c:@F@b_fn", "b_fn", at(1, 20)),
                sym("c:@F@shared", "shared", at(0, 3))};
  TU.Functions.push_back(body(2, at(0, 3), {acquire("from_b", at(0, 4))}));
  TU.Functions.push_back(
      body(1, at(1, 20), {call(0, at(1, 21)), call(2, at(1, 22))}));
  FrontendNote N;
  N.At = at(1, 30);
  N.Message = "note from b";
  TU.Notes.push_back(N);
  ConflictRule R;
  R.Lock = "dev.lock";
  R.Reason = "because";
  TU.Conflicts.push_back(R);
  return TU;
}

Program linked(std::vector<TUFacts> Units) {
  Program P;
  for (TUFacts &U : Units)
    P.add(std::move(U));
  P.link();
  return P;
}

TEST(ProgramTest, SymbolsAreDedupedByUSR) {
  Program P = linked({unitA(), unitB()});
  ASSERT_EQ(P.Symbols.size(), 4u);
  ASSERT_EQ(P.DefinitionOf.size(), 4u);
  for (const char *U : {"c:@F@shared", "c:@F@a_fn", "c:@F@ext", "c:@F@b_fn"}) {
    uint32_t S = P.symbolByUSR(U);
    ASSERT_NE(S, NoIndex) << U;
    EXPECT_EQ(P.Symbols[S].USR, U);
  }
  EXPECT_EQ(P.symbolByUSR("c:@F@nope"), NoIndex);
  EXPECT_EQ(P.DefinitionOf[P.symbolByUSR("c:@F@ext")], -1);
  EXPECT_EQ(P.definition(P.symbolByUSR("c:@F@ext")), nullptr);
  EXPECT_EQ(P.Functions.size(), 3u);
}

TEST(ProgramTest, FirstDefinitionInMainFileOrderWins) {
  for (bool BFirst : {false, true}) {
    Program P =
        BFirst ? linked({unitB(), unitA()}) : linked({unitA(), unitB()});
    uint32_t Shared = P.symbolByUSR("c:@F@shared");
    const FunctionIR *F = P.definition(Shared);
    ASSERT_NE(F, nullptr);
    ASSERT_EQ(F->Blocks[0].Events.size(), 1u);
    EXPECT_EQ(F->Blocks[0].Events[0].Lock.Class, "from_a") << BFirst;
    EXPECT_EQ(F->Sym, Shared);
    // The symbol's location is its definition's, in a.c's numbering.
    EXPECT_EQ(P.fileName(P.Symbols[Shared].At), "/inc/h.h");
    EXPECT_EQ(P.Symbols[Shared].At.Line, 3u);
    EXPECT_EQ(P.fileName(F->Blocks[0].Events[0].At), "/inc/h.h");
  }
}

TEST(ProgramTest, LinkIsIndependentOfAddOrder) {
  Program P1 = linked({unitA(), unitB()});
  Program P2 = linked({unitB(), unitA()});
  EXPECT_EQ(P1.Files, P2.Files);
  ASSERT_EQ(P1.Symbols.size(), P2.Symbols.size());
  for (size_t I = 0; I < P1.Symbols.size(); ++I)
    EXPECT_EQ(P1.Symbols[I].USR, P2.Symbols[I].USR);
  ASSERT_EQ(P1.Functions.size(), P2.Functions.size());
  for (size_t I = 0; I < P1.Functions.size(); ++I)
    EXPECT_EQ(P1.Functions[I].Sym, P2.Functions[I].Sym);
  EXPECT_EQ(P1.DefinitionOf, P2.DefinitionOf);
}

TEST(ProgramTest, FileIndexesAreRemapped) {
  Program P = linked({unitB(), unitA()});
  EXPECT_EQ(P.Files,
            (std::vector<std::string>{"/src/a.c", "/inc/h.h", "/src/b.c"}));
  uint32_t BFn = P.symbolByUSR("c:@F@b_fn");
  const FunctionIR *F = P.definition(BFn);
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(P.fileName(F->At), "/src/b.c");
  EXPECT_EQ(F->At.File, 2u);
  EXPECT_EQ(P.fileName(P.Symbols[BFn].At), "/src/b.c");
  ASSERT_EQ(F->Blocks[0].Events.size(), 2u);
  EXPECT_EQ(P.fileName(F->Blocks[0].Events[0].At), "/src/b.c");
  EXPECT_EQ(F->Blocks[0].Events[0].At.Line, 21u);
  // Callees and targets use the program's symbol numbering.
  uint32_t Ext = P.symbolByUSR("c:@F@ext");
  uint32_t Shared = P.symbolByUSR("c:@F@shared");
  EXPECT_EQ(F->Blocks[0].Events[0].Callee, Ext);
  const auto &Targets = F->Blocks[0].Events[0].Targets;
  EXPECT_EQ(std::vector<uint32_t>(Targets.begin(), Targets.end()),
            std::vector<uint32_t>{Ext});
  EXPECT_EQ(F->Blocks[0].Events[1].Callee, Shared);
  const auto &Targets1 = F->Blocks[0].Events[1].Targets;
  EXPECT_EQ(std::vector<uint32_t>(Targets1.begin(), Targets1.end()),
            std::vector<uint32_t>{Shared});

  const FunctionIR *A = P.definition(P.symbolByUSR("c:@F@a_fn"));
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(P.fileName(A->At), "/src/a.c");
  EXPECT_EQ(A->Blocks[0].Events[0].Callee, Shared);
  EXPECT_EQ(A->Blocks[0].Events[1].Callee, Ext);

  // Notes are remapped too; conflicts are collected.
  ASSERT_EQ(P.Notes.size(), 2u);
  EXPECT_EQ(P.Notes[0].Message, "note from a");
  EXPECT_EQ(P.fileName(P.Notes[0].At), "/inc/h.h");
  EXPECT_EQ(P.Notes[1].Message, "note from b");
  EXPECT_EQ(P.fileName(P.Notes[1].At), "/src/b.c");
  ASSERT_EQ(P.SourceConflicts.size(), 1u);
  EXPECT_EQ(P.SourceConflicts[0].Lock, "dev.lock");
}

TEST(ProgramTest, NamesOfUnknownIndexes) {
  Program P = linked({unitA()});
  EXPECT_EQ(P.name(NoIndex), "<indirect call>");
  EXPECT_EQ(P.name(P.symbolByUSR("c:@F@a_fn")), "a_fn");
  EXPECT_EQ(P.fileName(Loc()), "<unknown>");
  EXPECT_EQ(P.fileName(at(17, 1)), "<unknown>");
}

/// drive() calls Base::run virtually; overriders live in other units.
TUFacts virtualCaller() {
  TUFacts TU;
  TU.MainFile = "/src/drive.cpp";
  TU.Files = {"/src/drive.cpp"};
  TU.Symbols = {sym("c:@S@Base@F@run#", "Base::run"),
                sym("c:@F@drive#", "drive"), sym("c:@F@plain#", "plain")};
  TU.Functions.push_back(body(1, at(0, 5),
                              {call(0, at(0, 6), /*Virtual=*/true),
                               call(0, at(0, 7), /*Virtual=*/false)}));
  return TU;
}

TUFacts overriderUnit(const std::string &File, const std::string &Class,
                      bool Defined) {
  TUFacts TU;
  TU.MainFile = File;
  TU.Files = {File};
  TU.Symbols = {sym("c:@S@" + Class + "@F@run#", Class + "::run"),
                sym("c:@S@Base@F@run#", "Base::run")};
  if (Defined)
    TU.Functions.push_back(
        body(0, at(0, 3), {acquire(Class + ".mu", at(0, 4))}));
  TU.Overrides = {{0, 1}};
  return TU;
}

TEST(ProgramTest, VirtualCallReachesOverridersOfOtherUnits) {
  for (bool Reverse : {false, true}) {
    std::vector<TUFacts> Units = {
        virtualCaller(), overriderUnit("/src/d2.cpp", "Derived2", true),
        overriderUnit("/src/d1.cpp", "Derived1", true),
        overriderUnit("/src/decl.cpp", "OnlyDeclared", false)};
    if (Reverse)
      std::reverse(Units.begin(), Units.end());
    Program P = linked(std::move(Units));
    uint32_t Base = P.symbolByUSR("c:@S@Base@F@run#");
    uint32_t D1 = P.symbolByUSR("c:@S@Derived1@F@run#");
    uint32_t D2 = P.symbolByUSR("c:@S@Derived2@F@run#");
    uint32_t OD = P.symbolByUSR("c:@S@OnlyDeclared@F@run#");
    ASSERT_NE(D1, NoIndex);
    ASSERT_NE(D2, NoIndex);
    ASSERT_NE(OD, NoIndex);
    const FunctionIR *Drive = P.definition(P.symbolByUSR("c:@F@drive#"));
    ASSERT_NE(Drive, nullptr);
    const Event &V = Drive->Blocks[0].Events[0];
    // Every defined overrider, in USR order; the declared-only one is not
    // a target.
    EXPECT_EQ(targetsOf(V), (std::vector<uint32_t>{Base, D1, D2})) << Reverse;
    // A qualified (non-virtual) call is left alone.
    const Event &NV = Drive->Blocks[0].Events[1];
    EXPECT_EQ(targetsOf(NV), std::vector<uint32_t>{Base});
    EXPECT_EQ(P.definition(OD), nullptr);
    ASSERT_NE(P.definition(D1), nullptr);
    EXPECT_EQ(P.definition(D1)->Blocks[0].Events[0].Lock.Class, "Derived1.mu");
  }
}

TEST(ProgramTest, VirtualCallTargetsAreNotDuplicated) {
  // The calling unit already knew the overrider (same USR).
  TUFacts Caller = virtualCaller();
  Caller.Symbols.push_back(sym("c:@S@Derived1@F@run#", "Derived1::run"));
  Caller.Functions[0].Blocks[0].Events[0].Targets.push_back(3);
  Program P = linked({Caller, overriderUnit("/src/d1.cpp", "Derived1", true),
                      overriderUnit("/src/d1b.cpp", "Derived1", true)});
  uint32_t Base = P.symbolByUSR("c:@S@Base@F@run#");
  uint32_t D1 = P.symbolByUSR("c:@S@Derived1@F@run#");
  const FunctionIR *Drive = P.definition(P.symbolByUSR("c:@F@drive#"));
  ASSERT_NE(Drive, nullptr);
  EXPECT_EQ(targetsOf(Drive->Blocks[0].Events[0]),
            (std::vector<uint32_t>{Base, D1}));
}

} // namespace

TEST(ProgramTest, AWholeDefinitionReplacesOneABudgetCut) {
  // a.c comes first in canonical order, but its copy of `shared` was cut
  // by its unit's budget: b.c's whole copy is the one analyzed.
  TUFacts A = unitA();
  A.Functions[1].Cut = LoweringCut::UnitEvents;
  A.FunctionsNotLowered = 3;
  A.FirstNotLowered = "later_fn";
  Program P = linked({unitB(), std::move(A)});
  const FunctionIR *F = P.definition(P.symbolByUSR("c:@F@shared"));
  ASSERT_NE(F, nullptr);
  EXPECT_FALSE(F->truncated());
  ASSERT_EQ(F->Blocks[0].Events.size(), 1u);
  EXPECT_EQ(F->Blocks[0].Events[0].Lock.Class, "from_b");
  // Its location and file numbering are b.c's.
  EXPECT_EQ(P.fileName(F->Blocks[0].Events[0].At), "/inc/h.h");
  ASSERT_EQ(P.UnitCuts.size(), 1u);
  EXPECT_EQ(P.UnitCuts[0].File, "/src/a.c");
  EXPECT_EQ(P.UnitCuts[0].NotLowered, 3u);
  EXPECT_EQ(P.UnitCuts[0].First, "later_fn");

  // Both cut: the first in canonical order stays, as for whole ones.
  TUFacts A2 = unitA(), B2 = unitB();
  A2.Functions[1].Cut = LoweringCut::FunctionEvents;
  B2.Functions[0].Cut = LoweringCut::FunctionEvents;
  Program P2 = linked({std::move(B2), std::move(A2)});
  const FunctionIR *F2 = P2.definition(P2.symbolByUSR("c:@F@shared"));
  ASSERT_NE(F2, nullptr);
  EXPECT_EQ(F2->Blocks[0].Events[0].Lock.Class, "from_a");
  EXPECT_TRUE(P2.UnitCuts.empty());
}

TEST(ProgramTest, LosingCopiesAreDroppedWhenAddedWithTheSameResult) {
  // add() empties the copies link() would not keep; what is linked is the
  // same in every arrival order, cut copies included.
  auto Units = [](bool CutA) {
    std::vector<TUFacts> U = {unitA(), unitB()};
    if (CutA)
      U[0].Functions[1].Cut = LoweringCut::UnitEvents;
    return U;
  };
  for (bool CutA : {false, true}) {
    std::vector<TUFacts> Fwd = Units(CutA), Rev = Units(CutA);
    std::reverse(Rev.begin(), Rev.end());
    Program P1 = linked(std::move(Fwd)), P2 = linked(std::move(Rev));
    for (Program *P : {&P1, &P2}) {
      const FunctionIR *F = P->definition(P->symbolByUSR("c:@F@shared"));
      ASSERT_NE(F, nullptr);
      ASSERT_EQ(F->Blocks[0].Events.size(), 1u);
      EXPECT_EQ(F->Blocks[0].Events[0].Lock.Class, CutA ? "from_b" : "from_a")
          << CutA;
      EXPECT_EQ(P->Functions.size(), 3u);
    }
  }
}
