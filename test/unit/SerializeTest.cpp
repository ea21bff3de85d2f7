//===- SerializeTest.cpp - TUFacts to bytes and back ----------------------===//
//
// Round trips of a unit with every field set, of a default unit and of a
// real unit lowered by the front end (examples/xen-evtchn), and the reader's
// defences: every truncation, damaged bytes, wrong magic and version, and
// counts, sizes and indexes that the input cannot back.
//
//===----------------------------------------------------------------------===//
#include "analysis/Serialize.h"
#include "analysis/frontend/Action.h"
#include "annotations/Profile.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <climits>
#include <cstdio>

using namespace holdwait;
using namespace llvm;

namespace holdwait {
namespace test {

Loc loc(uint32_t File, uint32_t Line, uint32_t Col) {
  Loc L;
  L.File = File;
  L.Line = Line;
  L.Col = Col;
  return L;
}

Term term(std::string Class, int16_t Root, std::string Path,
          std::string Instance, bool Local) {
  Term T;
  T.Class = std::move(Class);
  T.Root = Root;
  T.Path = std::move(Path);
  T.Instance = std::move(Instance);
  T.Local = Local;
  return T;
}

/// A unit in which every field of every struct differs from its default,
/// with values at the edges of their types.
TUFacts richUnit() {
  TUFacts TU;
  TU.MainFile = "/src/drivers/dev.c";
  TU.Files = {"/src/drivers/dev.c", "/src/include/dev.h", "/src/include/k.h"};
  TU.Symbols.push_back({"c:@F@dev_run", "dev_run", loc(0, 10, 1)});
  TU.Symbols.push_back({"c:@F@mutex_lock", "mutex_lock", loc(2, 5, 6)});
  TU.Symbols.push_back(
      {"c:@S@Dev@F@run#", "Dev::run", loc(1, UINT32_MAX, UINT32_MAX)});
  TU.Symbols.push_back({"c:@S@Base@F@run#", "Base::run", Loc()});

  Event Full;
  Full.Kind = EventKind::Relate; // the last kind: the reader's bound
  Full.At = loc(0, 12, 3);
  Full.Callee = 1;
  Full.Lock = term("dev.lock", 0, ".lock", "$0->lock", true);
  Full.LKind = LockKind::IrqOff; // the last lock kind
  Full.Mode = LockMode::Shared;
  Full.Recursive = true;
  Full.AssumeSuccess = true;
  Full.Owner = 2;
  Full.Source = INT32_MAX;
  Full.TryId = INT32_MIN;
  Full.Targets = {2, 3, 0};
  Full.Virtual = true;
  Full.Args = {term("", Term::ThisRoot, ".mu", "this->mu", false),
               term("g", INT16_MIN, "", "", false), Term(),
               term("", INT16_MAX, ".x", "", true)};
  Full.ThisArg = term("Dev", Term::ThisRoot, "", "*this", false);
  Full.ResultOwner = 0;
  Full.ReleasesOwner = true;
  Full.WKind = WaitKind::GracePeriod;
  Full.Dom.Prefix = "srcu";
  Full.Dom.Object = term("kvm.srcu", 1, ".srcu", "$1->srcu", false);
  Full.Dom.Literal = "lit";
  Full.Dom.Suffix = ".work";
  Full.Member.Literal = "vcpu-ack";
  Full.Member.Prefix = "work";
  Full.Sleeps = true;
  Full.Released = term("dev.cond_lock", -3, ".m", "$-3.m", true);
  Full.ReleasedOwner = 1;
  Full.Implicit = "rq.__lock";
  Full.Held = {"rq.__lock", "dev.lock", ""};
  Full.Field = "work_struct.func";
  Full.Why = "dev.yaml says so";
  Full.WhyRef = "dev.yaml:3";
  ArgBits Flags = ArgBits::param(INT16_MAX);
  Flags.Added = ~0ull;
  Flags.Removed = 0x400;
  Flags.One = 0x8000000000000000ull;
  Flags.Zero = 1;
  // `gfp | mc->gfp_zero`: a field's index and the bits it may refine.
  ArgBits OrField =
      orBits(truncate(ArgBits::param(1), 32), ArgBits::field(INT32_MAX, 32));
  Full.ArgVals = {Flags,
                  OrField,
                  ArgBits::top(),
                  ArgBits::constant(0x820),
                  ArgBits::nonNull(),
                  ArgBits::test(Guard{1, false, ~0ull}),
                  ArgBits::test(Guard::value(2, 0xffffffff, 1, true))};
  ArgAlt Alt;
  Alt.When = {Guard{1, true, 0x6}, Guard::value(2, 0xffffffff, 7, false)};
  Alt.Vals = {ArgBits::top(), Flags};
  Full.ArgAlts = {Alt, ArgAlt()};

  Event Plain; // every field at its default but Kind
  Plain.Kind = EventKind::Acquire;

  Event Call;
  Call.Kind = EventKind::Call;
  Call.At = loc(NoIndex, 7, 8); // no file but a position
  Call.Callee = 2;
  Call.Targets = {2};

  FunctionIR F;
  F.Sym = 0;
  F.At = loc(0, 10, 1);
  F.NumParams = UINT16_MAX;
  F.HasThis = true;
  F.Entry = 2;
  F.Exit = 1;
  F.Blocks.resize(3);
  F.Blocks[2].Events = {Full, Plain, Call};
  Edge E1;
  E1.To = 0;
  E1.TryId = 7;
  E1.OnSuccess = true;
  Edge E2;
  E2.To = 1;
  E2.TryId = INT32_MIN;
  E2.When = Guard{INT16_MAX, true, ~0ull};
  Edge E3;
  E3.To = 1;
  E3.OnSuccess = true; // without a TryId: still a distinct value
  E3.When = Guard{0, false, 0x400};
  Edge E4;
  E4.To = 2;
  E4.When = Guard::value(1, 0xffffffff, 7, false);
  F.Blocks[2].Succs = {E1, E2};
  F.Blocks[0].Succs = {E3, E4};
  F.Blocks[0].Events = {Plain};
  F.Slots = {"guard", "lk"};
  F.Notes.RunsIn = {"vcpu-ack", "srcu:kvm.srcu"};
  F.Notes.RunsInRefs = {"dev.c:9", ""};
  F.HasModel = true;
  F.Model = {Plain, Call};
  F.NoSleep = true;
  F.Cut = LoweringCut::FunctionEvents;
  TU.Functions.push_back(F);

  FunctionIR Empty; // a declaration-like default function
  TU.Functions.push_back(Empty);

  TU.Overrides = {{2, 3}, {NoIndex, 0}};

  ConflictRule C1;
  C1.Lock = "dev.lock";
  C1.Kind = WaitKind::Sleep;
  C1.Domain = "work:dev.work";
  C1.Reason = "the worker takes it";
  C1.Reference = "https://example.org/dev";
  C1.Where.File = "/src/drivers/dev.c";
  C1.Where.Line = UINT_MAX;
  C1.Where.Column = 17;
  ConflictRule C2; // Kind unset
  C2.Lock = "other.lock";
  C2.Where.Line = 1;
  TU.Conflicts = {C1, C2};

  SlotCopy SC;
  SC.At = loc(2, 40, 5);
  SC.Dst = "fn:c:@F@kvm_x86_vcpu_put";
  SC.Src = "kvm_x86_ops.vcpu_put";
  TU.SlotCopies = {SC, SlotCopy()};
  TU.Fields = {FieldFact{"kvm_mmu_memory_cache.gfp_zero", 0x100, false, ""},
               FieldFact{"page.flags", ~0ull, true, "stores `x` at a.c:3"},
               FieldFact()};
  TU.Escapes = {RecordEscape{"c:@F@__svm_vcpu_run", "vcpu_svm"},
                RecordEscape()};
  TU.HeldRecords = {{"vcpu_svm", "kvm_vcpu"}, {"", ""}};

  FrontendNote N;
  N.At = loc(1, 99, 2);
  N.Message = "lowering stopped at the budget";
  TU.Notes = {N, FrontendNote()};
  TU.FunctionsNotLowered = 7;
  TU.FirstNotLowered = "not_lowered_fn";
  return TU;
}

std::string str(const json::Value &V) { return formatv("{0:2}", V).str(); }

void expectSameTerm(const Term &A, const Term &B, const std::string &Where) {
  EXPECT_EQ(A.Class, B.Class) << Where;
  EXPECT_EQ(A.Root, B.Root) << Where;
  EXPECT_EQ(A.Path, B.Path) << Where;
  EXPECT_EQ(A.Instance, B.Instance) << Where;
  EXPECT_EQ(A.Local, B.Local) << Where;
}

void expectSameDomain(const Domain &A, const Domain &B,
                      const std::string &Where) {
  EXPECT_EQ(A.Prefix, B.Prefix) << Where;
  expectSameTerm(A.Object, B.Object, Where + " object");
  EXPECT_EQ(A.Literal, B.Literal) << Where;
  EXPECT_EQ(A.Suffix, B.Suffix) << Where;
}

void expectSameEvent(const Event &A, const Event &B, const std::string &W) {
  EXPECT_EQ(A.Kind, B.Kind) << W;
  EXPECT_EQ(A.At, B.At) << W;
  EXPECT_EQ(A.Callee, B.Callee) << W;
  expectSameTerm(A.Lock, B.Lock, W + " lock");
  EXPECT_EQ(A.LKind, B.LKind) << W;
  EXPECT_EQ(A.Mode, B.Mode) << W;
  EXPECT_EQ(A.Recursive, B.Recursive) << W;
  EXPECT_EQ(A.AssumeSuccess, B.AssumeSuccess) << W;
  EXPECT_EQ(A.Owner, B.Owner) << W;
  EXPECT_EQ(A.Source, B.Source) << W;
  EXPECT_EQ(A.TryId, B.TryId) << W;
  EXPECT_EQ(A.Targets, B.Targets) << W;
  EXPECT_EQ(A.Virtual, B.Virtual) << W;
  ASSERT_EQ(A.Args.size(), B.Args.size()) << W;
  for (size_t I = 0; I < A.Args.size(); ++I)
    expectSameTerm(A.Args[I], B.Args[I], W + " arg " + std::to_string(I));
  expectSameTerm(A.ThisArg, B.ThisArg, W + " this");
  EXPECT_EQ(A.ResultOwner, B.ResultOwner) << W;
  EXPECT_EQ(A.ReleasesOwner, B.ReleasesOwner) << W;
  EXPECT_EQ(A.WKind, B.WKind) << W;
  expectSameDomain(A.Dom, B.Dom, W + " domain");
  expectSameDomain(A.Member, B.Member, W + " member");
  EXPECT_EQ(A.Sleeps, B.Sleeps) << W;
  expectSameTerm(A.Released, B.Released, W + " released");
  EXPECT_EQ(A.ReleasedOwner, B.ReleasedOwner) << W;
  EXPECT_EQ(A.Implicit, B.Implicit) << W;
  EXPECT_EQ(A.Held, B.Held) << W;
  EXPECT_EQ(A.Field, B.Field) << W;
  EXPECT_EQ(A.Why, B.Why) << W;
  EXPECT_EQ(A.WhyRef, B.WhyRef) << W;
  EXPECT_EQ(A.ArgVals, B.ArgVals) << W;
  EXPECT_EQ(A.ArgAlts, B.ArgAlts) << W;
}

/// Field by field, and the JSON dumps as a whole (which also checks that
/// the dump shows every field the comparison does).
void expectSameFacts(const TUFacts &A, const TUFacts &B) {
  EXPECT_EQ(str(tuFactsToJSON(A)), str(tuFactsToJSON(B)));
  EXPECT_EQ(A.MainFile, B.MainFile);
  EXPECT_EQ(A.Files, B.Files);
  ASSERT_EQ(A.Symbols.size(), B.Symbols.size());
  for (size_t I = 0; I < A.Symbols.size(); ++I) {
    EXPECT_EQ(A.Symbols[I].USR, B.Symbols[I].USR);
    EXPECT_EQ(A.Symbols[I].Name, B.Symbols[I].Name);
    EXPECT_EQ(A.Symbols[I].At, B.Symbols[I].At);
  }
  ASSERT_EQ(A.Functions.size(), B.Functions.size());
  for (size_t FI = 0; FI < A.Functions.size(); ++FI) {
    const FunctionIR &FA = A.Functions[FI], &FB = B.Functions[FI];
    std::string W = "function " + std::to_string(FI);
    EXPECT_EQ(FA.Sym, FB.Sym) << W;
    EXPECT_EQ(FA.At, FB.At) << W;
    EXPECT_EQ(FA.NumParams, FB.NumParams) << W;
    EXPECT_EQ(FA.HasThis, FB.HasThis) << W;
    EXPECT_EQ(FA.Entry, FB.Entry) << W;
    EXPECT_EQ(FA.Exit, FB.Exit) << W;
    EXPECT_EQ(FA.Slots, FB.Slots) << W;
    EXPECT_EQ(FA.Notes.RunsIn, FB.Notes.RunsIn) << W;
    EXPECT_EQ(FA.Notes.RunsInRefs, FB.Notes.RunsInRefs) << W;
    EXPECT_EQ(FA.Cut, FB.Cut) << W;
    EXPECT_EQ(FA.HasModel, FB.HasModel) << W;
    EXPECT_EQ(FA.NoSleep, FB.NoSleep) << W;
    ASSERT_EQ(FA.Model.size(), FB.Model.size()) << W;
    for (size_t EI = 0; EI < FA.Model.size(); ++EI)
      expectSameEvent(FA.Model[EI], FB.Model[EI],
                      W + " model event " + std::to_string(EI));
    ASSERT_EQ(FA.Blocks.size(), FB.Blocks.size()) << W;
    for (size_t BI = 0; BI < FA.Blocks.size(); ++BI) {
      const Block &BA = FA.Blocks[BI], &BB = FB.Blocks[BI];
      std::string WB = W + " block " + std::to_string(BI);
      ASSERT_EQ(BA.Events.size(), BB.Events.size()) << WB;
      for (size_t EI = 0; EI < BA.Events.size(); ++EI)
        expectSameEvent(BA.Events[EI], BB.Events[EI],
                        WB + " event " + std::to_string(EI));
      ASSERT_EQ(BA.Succs.size(), BB.Succs.size()) << WB;
      for (size_t EI = 0; EI < BA.Succs.size(); ++EI) {
        EXPECT_EQ(BA.Succs[EI].To, BB.Succs[EI].To) << WB;
        EXPECT_EQ(BA.Succs[EI].TryId, BB.Succs[EI].TryId) << WB;
        EXPECT_EQ(BA.Succs[EI].OnSuccess, BB.Succs[EI].OnSuccess) << WB;
        EXPECT_EQ(BA.Succs[EI].When, BB.Succs[EI].When) << WB;
      }
    }
  }
  EXPECT_EQ(A.Overrides, B.Overrides);
  ASSERT_EQ(A.Conflicts.size(), B.Conflicts.size());
  for (size_t I = 0; I < A.Conflicts.size(); ++I) {
    const ConflictRule &CA = A.Conflicts[I], &CB = B.Conflicts[I];
    EXPECT_EQ(CA.Lock, CB.Lock);
    EXPECT_EQ(CA.Kind, CB.Kind);
    EXPECT_EQ(CA.Domain, CB.Domain);
    EXPECT_EQ(CA.Reason, CB.Reason);
    EXPECT_EQ(CA.Reference, CB.Reference);
    EXPECT_EQ(CA.Where.File, CB.Where.File);
    EXPECT_EQ(CA.Where.Line, CB.Where.Line);
    EXPECT_EQ(CA.Where.Column, CB.Where.Column);
  }
  ASSERT_EQ(A.SlotCopies.size(), B.SlotCopies.size());
  for (size_t I = 0; I < A.SlotCopies.size(); ++I) {
    EXPECT_EQ(A.SlotCopies[I].At, B.SlotCopies[I].At);
    EXPECT_EQ(A.SlotCopies[I].Dst, B.SlotCopies[I].Dst);
    EXPECT_EQ(A.SlotCopies[I].Src, B.SlotCopies[I].Src);
  }
  ASSERT_EQ(A.Fields.size(), B.Fields.size());
  for (size_t I = 0; I < A.Fields.size(); ++I) {
    EXPECT_EQ(A.Fields[I].Name, B.Fields[I].Name);
    EXPECT_EQ(A.Fields[I].MayHold, B.Fields[I].MayHold);
    EXPECT_EQ(A.Fields[I].Unknown, B.Fields[I].Unknown);
    EXPECT_EQ(A.Fields[I].Why, B.Fields[I].Why);
  }
  ASSERT_EQ(A.Escapes.size(), B.Escapes.size());
  for (size_t I = 0; I < A.Escapes.size(); ++I) {
    EXPECT_EQ(A.Escapes[I].Callee, B.Escapes[I].Callee);
    EXPECT_EQ(A.Escapes[I].Record, B.Escapes[I].Record);
  }
  EXPECT_EQ(A.HeldRecords, B.HeldRecords);
  ASSERT_EQ(A.Notes.size(), B.Notes.size());
  for (size_t I = 0; I < A.Notes.size(); ++I) {
    EXPECT_EQ(A.Notes[I].At, B.Notes[I].At);
    EXPECT_EQ(A.Notes[I].Message, B.Notes[I].Message);
  }
  EXPECT_EQ(A.FunctionsNotLowered, B.FunctionsNotLowered);
  EXPECT_EQ(A.FirstNotLowered, B.FirstNotLowered);
}

/// Lowers examples/xen-evtchn/buggy/xen.c with its compile command.
TUFacts xenUnit() {
  Profile P;
  if (Error E = P.loadDefaults()) {
    ADD_FAILURE() << toString(std::move(E));
    return {};
  }
  SmallString<256> Dir(HOLDWAIT_SOURCE_DIR);
  sys::path::append(Dir, "examples", "xen-evtchn");
  SmallString<256> File(Dir);
  sys::path::append(File, "buggy", "xen.c");
  clang::tooling::FixedCompilationDatabase DB(
      Dir, {"-std=gnu11", "-nostdinc", "-I../include"});
  std::vector<UnitResult> Units;
  auto Factory = makeLoweringActionFactory(
      P, [&](UnitResult U) { Units.push_back(std::move(U)); });
  clang::tooling::ClangTool Tool(DB, {std::string(File)});
  Tool.run(Factory.get());
  if (Units.size() != 1 || Units[0].Failed) {
    ADD_FAILURE() << "xen.c did not lower";
    return {};
  }
  return std::move(Units[0].Facts);
}

/// The frame of an encoding around another payload, with a valid size and
/// checksum, so that damaged payloads reach the decoder proper.
std::string reframe(StringRef Payload) {
  return wire::frame(TUFactsMagic, TUFactsFormatVersion, Payload);
}

StringRef payloadOf(StringRef Encoded) {
  Expected<StringRef> P =
      wire::unframe(Encoded, TUFactsMagic, TUFactsFormatVersion, "TU facts");
  EXPECT_TRUE(bool(P));
  if (!P) {
    consumeError(P.takeError());
    return {};
  }
  return *P;
}

std::string errorOf(StringRef Bytes) {
  Expected<TUFacts> TU = readTUFacts(Bytes);
  if (TU)
    return "";
  return toString(TU.takeError());
}

} // namespace test
} // namespace holdwait

using namespace holdwait::test;

namespace {

TEST(SerializeTest, RoundTripsEveryField) {
  TUFacts TU = richUnit();
  ASSERT_FALSE(bool(verifyTUFacts(TU)));
  std::string Bytes = writeTUFacts(TU);
  ASSERT_TRUE(StringRef(Bytes).starts_with("HWTU"));
  Expected<TUFacts> Back = readTUFacts(Bytes);
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  expectSameFacts(TU, *Back);
  // The rich event comes back with its values, not just equal dumps.
  const Event &E = Back->Functions[0].Blocks[2].Events[0];
  EXPECT_EQ(E.Kind, EventKind::Relate);
  EXPECT_EQ(E.Source, INT32_MAX);
  EXPECT_EQ(E.TryId, INT32_MIN);
  EXPECT_EQ(E.Args[1].Root, INT16_MIN);
  EXPECT_EQ(E.Dom.name(), "lit");
  EXPECT_EQ(Back->Symbols[2].At.Line, UINT32_MAX);
  EXPECT_EQ(Back->Functions[0].NumParams, UINT16_MAX);
  EXPECT_FALSE(Back->Conflicts[1].Kind.has_value());
  EXPECT_EQ(Back->Conflicts[0].Where.Line, UINT_MAX);
  EXPECT_EQ(Back->SlotCopies[0].Src, "kvm_x86_ops.vcpu_put");
  // Deterministic: the decoded unit encodes to the same bytes.
  EXPECT_EQ(writeTUFacts(*Back), Bytes);
}

#if defined(__GLIBCXX__) && defined(__x86_64__)
TEST(SerializeTest, KnowsTheShapeOfTheIR) {
  // These sizes stand for the field lists that Serialize.cpp encodes. When
  // one changes, the IR gained or lost a field: encode, decode, verify and
  // dump it, set it in richUnit and compare it in expectSameFacts, bump
  // TUFactsFormatVersion, then update the size here. (A small field that
  // fits in padding slips through; this catches the common case.)
  EXPECT_EQ(sizeof(Loc), 12u);
  EXPECT_EQ(sizeof(Term), 16u);
  EXPECT_EQ(sizeof(Domain), 28u);
  EXPECT_EQ(sizeof(Event), 272u);
  EXPECT_EQ(sizeof(Edge), 48u);
  EXPECT_EQ(sizeof(Block), 48u);
  EXPECT_EQ(sizeof(Symbol), 80u);
  EXPECT_EQ(sizeof(FunctionNotes), 48u);
  EXPECT_EQ(sizeof(FunctionIR), 168u);
  EXPECT_EQ(sizeof(FrontendNote), 48u);
  EXPECT_EQ(sizeof(SlotCopy), 80u);
  EXPECT_EQ(sizeof(ConflictRule), 176u);
  EXPECT_EQ(sizeof(SourceRef), 40u);
  EXPECT_EQ(sizeof(TUFacts), 312u);
  EXPECT_EQ(sizeof(FieldFact), 80u);
  EXPECT_EQ(sizeof(RecordEscape), 64u);
  EXPECT_EQ(sizeof(ArgBits), 88u);
}
#endif

TEST(SerializeTest, ComparisonNoticesADifference) {
  // The helper must be able to fail: a changed deep field shows in the
  // dumps that round-trip comparisons rely on.
  TUFacts A = richUnit(), B = richUnit();
  B.Functions[0].Blocks[2].Events[0].Released.Local = false;
  EXPECT_NE(str(tuFactsToJSON(A)), str(tuFactsToJSON(B)));
  B = richUnit();
  B.Functions[0].Blocks[0].Succs[0].OnSuccess = false;
  EXPECT_NE(str(tuFactsToJSON(A)), str(tuFactsToJSON(B)));
  EXPECT_NE(writeTUFacts(A), writeTUFacts(B));
  B = richUnit();
  B.Functions[0].NoSleep = false;
  EXPECT_NE(str(tuFactsToJSON(A)), str(tuFactsToJSON(B)));
  EXPECT_NE(writeTUFacts(A), writeTUFacts(B));
  B = richUnit();
  B.Functions[0].Model.pop_back();
  EXPECT_NE(str(tuFactsToJSON(A)), str(tuFactsToJSON(B)));
  EXPECT_NE(writeTUFacts(A), writeTUFacts(B));
  B = richUnit();
  B.Functions[0].Blocks[0].Succs[0].When.Mask = 0x800;
  EXPECT_NE(str(tuFactsToJSON(A)), str(tuFactsToJSON(B)));
  EXPECT_NE(writeTUFacts(A), writeTUFacts(B));
  B = richUnit();
  B.Functions[0].Blocks[2].Events[0].ArgVals[0].Removed = 0;
  EXPECT_NE(str(tuFactsToJSON(A)), str(tuFactsToJSON(B)));
  EXPECT_NE(writeTUFacts(A), writeTUFacts(B));
}

TEST(SerializeTest, RoundTripsAnEmptyUnit) {
  TUFacts TU;
  std::string Bytes = writeTUFacts(TU);
  Expected<TUFacts> Back = readTUFacts(Bytes);
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  expectSameFacts(TU, *Back);
}

TEST(SerializeTest, JSONNamesEnums) {
  json::Value V = tuFactsToJSON(richUnit());
  std::string S = str(V);
  EXPECT_NE(S.find("\"kind\": \"relate\""), std::string::npos);
  EXPECT_NE(S.find("\"lock_kind\": \"irqs-off\""), std::string::npos);
  EXPECT_NE(S.find("\"mode\": \"shared\""), std::string::npos);
  EXPECT_NE(S.find("\"wait_kind\": \"grace-period\""), std::string::npos);
  EXPECT_NE(S.find("\"/src/drivers/dev.c:12:3\""), std::string::npos);
  EXPECT_NE(S.find("\"root\": \"this\""), std::string::npos);
}

TEST(SerializeTest, KeepsBytesThatAreNotUTF8) {
  // Paths and USRs are bytes; only the JSON dump has to be UTF-8.
  TUFacts TU = richUnit();
  TU.Files[1] = "/src/caf\xe9.h";
  TU.Symbols[0].Name = "f\xff";
  Expected<TUFacts> Back = readTUFacts(writeTUFacts(TU));
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  EXPECT_EQ(Back->Files[1], "/src/caf\xe9.h");
  EXPECT_EQ(Back->Symbols[0].Name, "f\xff");
  std::string S = str(tuFactsToJSON(*Back));
  EXPECT_NE(S.find("/src/caf\xef\xbf\xbd.h"), std::string::npos);
}

TEST(SerializeTest, RoundTripsARealUnit) {
  TUFacts TU = xenUnit();
  ASSERT_FALSE(TU.Functions.empty());
  ASSERT_FALSE(bool(verifyTUFacts(TU)));
  std::string Bytes = writeTUFacts(TU);
  Expected<TUFacts> Back = readTUFacts(Bytes);
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  expectSameFacts(TU, *Back);
  std::string Compact = formatv("{0}", tuFactsToJSON(TU)).str();
  std::string Pretty = str(tuFactsToJSON(TU));
  size_t Events = 0;
  for (const FunctionIR &F : TU.Functions)
    for (const Block &B : F.Blocks)
      Events += B.Events.size();
  // For the record (the size of the format is a design goal, not a rule).
  std::printf("xen.c: %zu functions, %zu events, %zu symbols: encoded %zu "
              "bytes, JSON %zu bytes compact, %zu indented\n",
              TU.Functions.size(), Events, TU.Symbols.size(), Bytes.size(),
              Compact.size(), Pretty.size());
  EXPECT_LT(Bytes.size() * 4, Compact.size());
}

TEST(SerializeTest, EveryTruncationIsAnError) {
  TUFacts TU = xenUnit();
  ASSERT_FALSE(TU.Functions.empty());
  std::string Bytes = writeTUFacts(TU);
  for (size_t N = 0; N < Bytes.size(); ++N) {
    std::string Err = errorOf(StringRef(Bytes).take_front(N));
    ASSERT_NE(Err, "") << "prefix of " << N << " bytes decoded";
    ASSERT_NE(Err.find("truncated at offset"), std::string::npos) << Err;
  }
  EXPECT_EQ(errorOf(Bytes), "");
}

TEST(SerializeTest, EveryTruncatedPayloadIsAnError) {
  // With the frame fixed up, truncations reach the decoder's own checks.
  for (const TUFacts &TU : {richUnit(), xenUnit()}) {
    std::string Bytes = writeTUFacts(TU);
    StringRef Payload = payloadOf(Bytes);
    for (size_t N = 0; N < Payload.size(); ++N) {
      std::string Err = errorOf(reframe(Payload.take_front(N)));
      ASSERT_NE(Err, "") << "payload prefix of " << N << " bytes decoded";
    }
  }
}

TEST(SerializeTest, OverlongLEB128IsAnErrorNotAShift) {
  // Ten bytes hold any 64-bit value; an eleventh continuation byte (zero
  // slices, as damage makes them) is rejected before LLVM's decoder would
  // shift past bit 63.
  std::string Ten(9, '\x80');
  Ten += '\x01';
  wire::Reader Ok(Ten);
  EXPECT_EQ(Ok.uleb("value"), 1ull << 63);
  EXPECT_FALSE(Ok.failed());
  std::string Eleven(10, '\x80');
  Eleven += '\x00';
  wire::Reader Bad(Eleven);
  EXPECT_EQ(Bad.uleb("value"), 0u);
  EXPECT_TRUE(Bad.failed());
  EXPECT_NE(toString(Bad.takeError()).find("longer than 10 bytes"),
            std::string::npos);
}

TEST(SerializeTest, DamagedPayloadsDoNotCrash) {
  // Each byte of the payload replaced by a few values, the frame fixed up:
  // whatever decodes must still be consistent.
  TUFacts TU = richUnit();
  std::string Bytes = writeTUFacts(TU);
  std::string Payload = payloadOf(Bytes).str();
  unsigned Errors = 0, Decoded = 0;
  for (size_t I = 0; I < Payload.size(); ++I)
    for (uint8_t V : {uint8_t(0), uint8_t(0xff), uint8_t(0x80),
                      uint8_t(Payload[I] ^ 1), uint8_t(Payload[I] + 1)}) {
      std::string Damaged = Payload;
      Damaged[I] = char(V);
      Expected<TUFacts> Back = readTUFacts(reframe(Damaged));
      if (!Back) {
        consumeError(Back.takeError());
        ++Errors;
        continue;
      }
      ++Decoded;
      EXPECT_FALSE(bool(verifyTUFacts(*Back)));
    }
  EXPECT_GT(Errors, 0u);
  EXPECT_GT(Decoded, 0u);
}

TEST(SerializeTest, ChecksumCatchesDamage) {
  std::string Bytes = writeTUFacts(richUnit());
  Bytes[Bytes.size() - 3] ^= 0x10;
  EXPECT_NE(errorOf(Bytes).find("checksum mismatch"), std::string::npos)
      << errorOf(Bytes);
}

TEST(SerializeTest, RejectsWrongMagicAndVersion) {
  std::string Bytes = writeTUFacts(richUnit());
  std::string BadMagic = Bytes;
  BadMagic[3] = 'X';
  EXPECT_NE(errorOf(BadMagic).find("bad magic"), std::string::npos)
      << errorOf(BadMagic);
  EXPECT_NE(errorOf("{\"main_file\": \"a.c\"}").find("bad magic"),
            std::string::npos);

  std::string Payload = payloadOf(Bytes).str();
  std::string Newer =
      wire::frame(TUFactsMagic, TUFactsFormatVersion + 1, Payload);
  std::string Err = errorOf(Newer);
  EXPECT_NE(Err.find("format version " +
                     std::to_string(TUFactsFormatVersion + 1) + ", expected " +
                     std::to_string(TUFactsFormatVersion)),
            std::string::npos)
      << Err;
  EXPECT_NE(errorOf(wire::frame(TUFactsMagic, 0, Payload)), "");
  EXPECT_NE(errorOf(wire::frame("HWMF", TUFactsFormatVersion, Payload)), "");
}

TEST(SerializeTest, RejectsSizesLargerThanTheInput) {
  std::string Bytes = writeTUFacts(richUnit());
  StringRef Payload = payloadOf(Bytes);

  // The frame claims a terabyte of payload.
  std::string Claim = "HWTU";
  raw_string_ostream OS(Claim);
  encodeULEB128(TUFactsFormatVersion, OS);
  encodeULEB128(uint64_t(1) << 40, OS);
  OS.write("\0\0\0\0", 4);
  OS << Payload;
  std::string Err = errorOf(Claim);
  EXPECT_NE(Err.find("claims 1099511627776 bytes"), std::string::npos) << Err;

  // A string table of 2^60 strings in a payload of a few bytes.
  std::string Huge;
  raw_string_ostream HOS(Huge);
  encodeULEB128(uint64_t(1) << 60, HOS);
  HOS << "abc";
  Err = errorOf(reframe(Huge));
  EXPECT_NE(Err.find("string table size 1152921504606846976"),
            std::string::npos)
      << Err;
  EXPECT_NE(Err.find("larger than"), std::string::npos) << Err;

  // One string that claims to be longer than the payload.
  std::string Long;
  raw_string_ostream LOS(Long);
  encodeULEB128(1, LOS);
  encodeULEB128(1000, LOS);
  LOS << "short";
  Err = errorOf(reframe(Long));
  EXPECT_NE(Err.find("truncated at offset"), std::string::npos) << Err;
  EXPECT_NE(Err.find("1000 bytes wanted"), std::string::npos) << Err;

  // A table inside the unit that claims more entries than bytes remain.
  std::string Many;
  raw_string_ostream MOS(Many);
  encodeULEB128(1, MOS); // one string
  encodeULEB128(1, MOS);
  MOS << "a";
  encodeULEB128(0, MOS);                 // main file "a"
  encodeULEB128(0, MOS);                 // no files
  encodeULEB128(uint64_t(1) << 40, MOS); // symbols
  MOS << "xyz";
  Err = errorOf(reframe(Many));
  EXPECT_NE(Err.find("symbols 1099511627776"), std::string::npos) << Err;
  EXPECT_NE(Err.find("larger than the 3 bytes"), std::string::npos) << Err;

  // A varint that does not fit 64 bits.
  std::string Overlong(11, '\xff');
  Err = errorOf(reframe(Overlong));
  EXPECT_NE(Err.find("too big"), std::string::npos) << Err;
}

TEST(SerializeTest, RejectsIndexesOutOfRange) {
  // No strings, and the main file is string 5.
  std::string Payload;
  raw_string_ostream OS(Payload);
  encodeULEB128(0, OS);
  encodeULEB128(5, OS);
  std::string Err = errorOf(reframe(Payload));
  EXPECT_NE(Err.find("string index 5 out of range (0 strings)"),
            std::string::npos)
      << Err;

  // Indexes between the unit's own tables are checked after decoding.
  TUFacts TU = richUnit();
  TU.Functions[0].Blocks[2].Succs[0].To = 3;
  Err = errorOf(writeTUFacts(TU));
  EXPECT_NE(Err.find("edge target block index 3 out of range (3)"),
            std::string::npos)
      << Err;
  TU = richUnit();
  TU.Functions[0].Blocks[2].Events[2].Targets = {4};
  Err = errorOf(writeTUFacts(TU));
  EXPECT_NE(Err.find("symbol index 4 out of range (4)"), std::string::npos)
      << Err;
  TU = richUnit();
  TU.Notes[0].At.File = 3;
  Err = errorOf(writeTUFacts(TU));
  EXPECT_NE(Err.find("file index 3 out of range (3)"), std::string::npos)
      << Err;
  TU = richUnit();
  TU.Functions[0].Exit = 3;
  EXPECT_NE(errorOf(writeTUFacts(TU)).find("exit block"), std::string::npos);
}

TEST(SerializeTest, RejectsTrailingBytes) {
  std::string Bytes = writeTUFacts(richUnit());
  std::string Err = errorOf(Bytes + "x");
  EXPECT_NE(Err.find("1 trailing bytes"), std::string::npos) << Err;
  std::string Payload = payloadOf(Bytes).str() + "xy";
  Err = errorOf(reframe(Payload));
  EXPECT_NE(Err.find("2 trailing bytes"), std::string::npos) << Err;
}

TEST(SerializeTest, StringsAreStoredOnce) {
  TUFacts TU;
  TU.Files = {"/a.c"};
  TU.Symbols.push_back({"c:@F@f", "f", Loc()});
  FunctionIR F;
  F.Sym = 0;
  F.Blocks.resize(1);
  std::string Class(200, 'k');
  for (int I = 0; I < 100; ++I) {
    Event E;
    E.Kind = EventKind::Acquire;
    E.Lock.Class = E.Lock.Instance = Class;
    F.Blocks[0].Events.push_back(E);
  }
  TU.Functions.push_back(F);
  std::string Bytes = writeTUFacts(TU);
  // One copy of the class, then a few bytes per event.
  EXPECT_LT(Bytes.size(), Class.size() + 100 * 10);
  Expected<TUFacts> Back = readTUFacts(Bytes);
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  expectSameFacts(TU, *Back);
}

} // namespace
