//===- Serialize.cpp - TUFacts on disk ------------------------------------===//
#include "analysis/Serialize.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/LEB128.h"

#include <climits>
#include <limits>

using namespace llvm;

namespace holdwait {

//===----------------------------------------------------------------------===//
// Framing and primitive values.
//===----------------------------------------------------------------------===//

namespace wire {

void writeULEB(raw_ostream &OS, uint64_t V) { encodeULEB128(V, OS); }
void writeSLEB(raw_ostream &OS, int64_t V) { encodeULEB128(zigzag(V), OS); }
void writeBytes(raw_ostream &OS, StringRef S) {
  writeULEB(OS, S.size());
  OS << S;
}

static uint32_t crcOf(StringRef S) {
  return crc32(ArrayRef<uint8_t>(S.bytes_begin(), S.size()));
}

std::string frame(StringRef Magic, uint32_t Version, StringRef Payload) {
  std::string Out;
  raw_string_ostream OS(Out);
  OS << Magic;
  writeULEB(OS, Version);
  writeULEB(OS, Payload.size());
  char CRC[4];
  support::endian::write32le(CRC, crcOf(Payload));
  OS.write(CRC, sizeof(CRC));
  OS << Payload;
  return Out;
}

Expected<StringRef> unframe(StringRef Bytes, StringRef Magic, uint32_t Version,
                            StringRef What) {
  // A prefix of the magic is a truncated file; anything else is not ours.
  if (Bytes.size() < Magic.size() && Magic.starts_with(Bytes))
    return createStringError(inconvertibleErrorCode(),
                             "%s truncated at offset %zu: expected magic '%s'",
                             What.str().c_str(), Bytes.size(),
                             Magic.str().c_str());
  if (!Bytes.starts_with(Magic))
    return createStringError(inconvertibleErrorCode(),
                             "not a %s: bad magic (expected '%s')",
                             What.str().c_str(), Magic.str().c_str());
  Reader R(Bytes.drop_front(Magic.size()), Magic.size());
  uint64_t FileVersion = R.uleb("format version");
  if (!R.failed() && FileVersion != Version)
    return createStringError(
        inconvertibleErrorCode(), "%s has format version %llu, expected %u",
        What.str().c_str(), (unsigned long long)FileVersion, Version);
  uint64_t Size = R.uleb("payload size");
  StringRef CRC = R.raw(4, "checksum");
  if (!R.failed() && Size > R.remaining())
    return createStringError(
        inconvertibleErrorCode(),
        "%s truncated at offset %zu: its header claims %llu bytes of data, "
        "%zu are present",
        What.str().c_str(), Bytes.size(), (unsigned long long)Size,
        R.remaining());
  uint64_t PayloadOffset = R.offset();
  StringRef Payload = R.raw(Size, "payload");
  if (R.failed())
    return createStringError(inconvertibleErrorCode(), "%s: %s",
                             What.str().c_str(),
                             toString(R.takeError()).c_str());
  if (!R.atEnd())
    return createStringError(inconvertibleErrorCode(),
                             "%s has %zu trailing bytes at offset %llu",
                             What.str().c_str(), R.remaining(),
                             (unsigned long long)(PayloadOffset + Size));
  if (support::endian::read32le(CRC.data()) != crcOf(Payload))
    return createStringError(inconvertibleErrorCode(),
                             "%s is damaged: checksum mismatch",
                             What.str().c_str());
  return Payload;
}

void Reader::fail(const Twine &Msg) {
  if (Failed)
    return;
  Failed = true;
  Message = Msg.str();
}

void Reader::truncated(StringRef What) {
  fail("truncated at offset " + Twine(offset()) + " (reading " + What + ")");
}

uint64_t Reader::uleb(StringRef What) {
  if (Failed)
    return 0;
  const uint8_t *Begin = Data.bytes_begin() + Pos;
  const uint8_t *End = Data.bytes_end();
  if (Begin == End) {
    truncated(What);
    return 0;
  }
  // A 64-bit value takes at most 10 bytes. LLVM's decoder shifts a zero
  // slice past bit 63 on a longer (damaged) encoding, which is undefined
  // behaviour (UBSan found it on a damaged file): reject it first.
  const uint8_t *Last = Begin;
  while (Last != End && (*Last & 0x80) && Last - Begin < 10)
    ++Last;
  if (Last - Begin >= 10) {
    fail("uleb128 too big for uint64 (longer than 10 bytes) at offset " +
         Twine(offset()) + " (reading " + What + ")");
    return 0;
  }
  unsigned N = 0;
  const char *Err = nullptr;
  uint64_t V = decodeULEB128(Begin, &N, End, &Err);
  if (Err) {
    // decodeULEB128 reports running off the end the same way as overflow;
    // the former is truncation.
    if (StringRef(Err).contains("past end"))
      truncated(What);
    else
      fail(Twine(Err) + " at offset " + Twine(offset()) + " (reading " + What +
           ")");
    return 0;
  }
  Pos += N;
  return V;
}

int64_t Reader::sleb(StringRef What) { return unzigzag(uleb(What)); }

uint64_t Reader::bounded(uint64_t Max, StringRef What) {
  uint64_t At = offset();
  uint64_t V = uleb(What);
  if (!Failed && V > Max) {
    fail(What + " " + Twine(V) + " out of range (at most " + Twine(Max) +
         ") at offset " + Twine(At));
    return 0;
  }
  return V;
}

int64_t Reader::boundedSigned(int64_t Min, int64_t Max, StringRef What) {
  uint64_t At = offset();
  int64_t V = sleb(What);
  if (!Failed && (V < Min || V > Max)) {
    fail(What + " " + Twine(V) + " out of range ([" + Twine(Min) + ", " +
         Twine(Max) + "]) at offset " + Twine(At));
    return 0;
  }
  return V;
}

uint64_t Reader::count(StringRef What, uint64_t MinElementSize) {
  uint64_t At = offset();
  uint64_t N = uleb(What);
  if (Failed)
    return 0;
  if (MinElementSize && N > remaining() / MinElementSize) {
    fail(What + " " + Twine(N) + " at offset " + Twine(At) +
         " is larger than the " + Twine(remaining()) +
         " bytes that follow can hold");
    return 0;
  }
  return N;
}

StringRef Reader::raw(uint64_t N, StringRef What) {
  if (Failed)
    return {};
  if (N > remaining()) {
    fail("truncated at offset " + Twine(offset()) + " (reading " + What + ": " +
         Twine(N) + " bytes wanted, " + Twine(remaining()) + " present)");
    return {};
  }
  StringRef S = Data.substr(Pos, N);
  Pos += N;
  return S;
}

StringRef Reader::bytes(StringRef What) {
  uint64_t N = uleb(What);
  return raw(N, What);
}

Error Reader::takeError() {
  if (!Failed)
    return Error::success();
  return createStringError(inconvertibleErrorCode(), Message);
}

} // namespace wire

//===----------------------------------------------------------------------===//
// The encoding of TUFacts.
//===----------------------------------------------------------------------===//

namespace {

// The last enumerator of each enum written as a number. A new enumerator
// must be added here (and TUFactsFormatVersion bumped) so that the reader
// accepts it.
constexpr uint64_t LastEventKind = uint64_t(EventKind::Relate);
constexpr uint64_t LastLockKind = uint64_t(LockKind::IrqOff);
constexpr uint64_t LastLockMode = uint64_t(LockMode::Shared);
constexpr uint64_t LastWaitKind = uint64_t(WaitKind::Sleep);

// Bits of the mask that says which optional fields of a Term follow.
constexpr uint64_t TF_Class = 1 << 0;
constexpr uint64_t TF_Root = 1 << 1;
constexpr uint64_t TF_Path = 1 << 2;
constexpr uint64_t TF_Instance = 1 << 3;
constexpr uint64_t TF_Local = 1 << 4;
constexpr uint64_t TF_All = (1 << 5) - 1;

// ... of a Domain.
constexpr uint64_t DF_Prefix = 1 << 0;
constexpr uint64_t DF_Object = 1 << 1;
constexpr uint64_t DF_Literal = 1 << 2;
constexpr uint64_t DF_Suffix = 1 << 3;
constexpr uint64_t DF_All = (1 << 4) - 1;

// An Event always writes Kind, At and Callee, then this mask of the fields
// that differ from their defaults, then those fields in bit order. Booleans
// live in the mask alone.
constexpr uint64_t EF_Lock = 1 << 0;
constexpr uint64_t EF_LKind = 1 << 1;
constexpr uint64_t EF_Mode = 1 << 2;
constexpr uint64_t EF_Recursive = 1 << 3;
constexpr uint64_t EF_AssumeSuccess = 1 << 4;
constexpr uint64_t EF_Owner = 1 << 5;
constexpr uint64_t EF_Source = 1 << 6;
constexpr uint64_t EF_TryId = 1 << 7;
constexpr uint64_t EF_Targets = 1 << 8;
constexpr uint64_t EF_Virtual = 1 << 9;
constexpr uint64_t EF_Args = 1 << 10;
constexpr uint64_t EF_ThisArg = 1 << 11;
constexpr uint64_t EF_ResultOwner = 1 << 12;
constexpr uint64_t EF_ReleasesOwner = 1 << 13;
constexpr uint64_t EF_WKind = 1 << 14;
constexpr uint64_t EF_Dom = 1 << 15;
constexpr uint64_t EF_Member = 1 << 16;
constexpr uint64_t EF_Sleeps = 1 << 17;
constexpr uint64_t EF_Released = 1 << 18;
constexpr uint64_t EF_ReleasedOwner = 1 << 19;
constexpr uint64_t EF_Implicit = 1 << 20;
constexpr uint64_t EF_Held = 1 << 21;
constexpr uint64_t EF_Field = 1 << 22;
constexpr uint64_t EF_Why = 1 << 23;
constexpr uint64_t EF_WhyRef = 1 << 24;
constexpr uint64_t EF_ArgVals = 1 << 25;
constexpr uint64_t EF_ArgAlts = 1 << 26;
constexpr uint64_t EF_All = (1 << 27) - 1;

// The booleans of a FunctionIR.
constexpr uint64_t FF_HasThis = 1 << 0;
// Bits 1-2: the LoweringCut.
constexpr unsigned FF_CutShift = 1;
constexpr uint64_t FF_CutMask = 3;
constexpr uint64_t FF_HasModel = 1 << 3;
constexpr uint64_t FF_NoSleep = 1 << 4;
constexpr uint64_t FF_All = (1 << 5) - 1;

bool isDefault(const Term &T) { return T == Term(); }
bool isDefault(const Domain &D) {
  return D.Prefix.empty() && D.Literal.empty() && D.Suffix.empty() &&
         isDefault(D.Object);
}

class Encoder {
public:
  Encoder() : OS(Body) {}

  std::string finish(const TUFacts &TU) {
    facts(TU);
    std::string Payload;
    raw_string_ostream P(Payload);
    wire::writeULEB(P, Strings.size());
    for (StringRef S : Strings)
      wire::writeBytes(P, S);
    P << Body;
    return wire::frame(TUFactsMagic, TUFactsFormatVersion, Payload);
  }

private:
  void u(uint64_t V) { wire::writeULEB(OS, V); }
  void s(int64_t V) { wire::writeSLEB(OS, V); }
  // NoIndex is common (an invalid Loc, an unresolved callee): it is 0, and
  // every real index is shifted up by one.
  void index(uint32_t I) { u(I == NoIndex ? 0 : uint64_t(I) + 1); }
  void str(StringRef S) {
    auto [It, New] = StringIndex.try_emplace(S, Strings.size());
    if (New)
      Strings.push_back(It->first()); // the map owns the key's storage
    u(It->second);
  }
  void strs(const std::vector<std::string> &V) {
    u(V.size());
    for (const std::string &S : V)
      str(S);
  }

  void loc(const Loc &L) {
    index(L.File);
    u(L.Line);
    u(L.Col);
  }

  void term(const Term &T) {
    uint64_t Mask = (T.Class.empty() ? 0 : TF_Class) |
                    (T.Root == Term::NoRoot ? 0 : TF_Root) |
                    (T.Path.empty() ? 0 : TF_Path) |
                    (T.Instance.empty() ? 0 : TF_Instance) |
                    (T.Local ? TF_Local : 0);
    u(Mask);
    if (Mask & TF_Class)
      str(T.Class);
    if (Mask & TF_Root)
      s(T.Root);
    if (Mask & TF_Path)
      str(T.Path);
    if (Mask & TF_Instance)
      str(T.Instance);
  }

  void domain(const Domain &D) {
    uint64_t Mask = (D.Prefix.empty() ? 0 : DF_Prefix) |
                    (isDefault(D.Object) ? 0 : DF_Object) |
                    (D.Literal.empty() ? 0 : DF_Literal) |
                    (D.Suffix.empty() ? 0 : DF_Suffix);
    u(Mask);
    if (Mask & DF_Prefix)
      str(D.Prefix);
    if (Mask & DF_Object)
      term(D.Object);
    if (Mask & DF_Literal)
      str(D.Literal);
    if (Mask & DF_Suffix)
      str(D.Suffix);
  }

  void event(const Event &E) {
    u(uint64_t(E.Kind));
    loc(E.At);
    index(E.Callee);
    uint64_t Mask = 0;
    auto Set = [&](bool Cond, uint64_t Bit) {
      if (Cond)
        Mask |= Bit;
    };
    Set(!isDefault(E.Lock), EF_Lock);
    Set(E.LKind != LockKind::Mutex, EF_LKind);
    Set(E.Mode != LockMode::Exclusive, EF_Mode);
    Set(E.Recursive, EF_Recursive);
    Set(E.AssumeSuccess, EF_AssumeSuccess);
    Set(E.Owner != -1, EF_Owner);
    Set(E.Source != -1, EF_Source);
    Set(E.TryId != -1, EF_TryId);
    Set(!E.Targets.empty(), EF_Targets);
    Set(E.Virtual, EF_Virtual);
    Set(!E.Args.empty(), EF_Args);
    Set(!isDefault(E.ThisArg), EF_ThisArg);
    Set(E.ResultOwner != -1, EF_ResultOwner);
    Set(E.ReleasesOwner, EF_ReleasesOwner);
    Set(E.WKind != WaitKind::Sleep, EF_WKind);
    Set(!isDefault(E.Dom), EF_Dom);
    Set(!isDefault(E.Member), EF_Member);
    Set(E.Sleeps, EF_Sleeps);
    Set(!isDefault(E.Released), EF_Released);
    Set(E.ReleasedOwner != -1, EF_ReleasedOwner);
    Set(!E.Implicit.empty(), EF_Implicit);
    Set(!E.Held.empty(), EF_Held);
    Set(!E.Field.empty(), EF_Field);
    Set(!E.Why.empty(), EF_Why);
    Set(!E.WhyRef.empty(), EF_WhyRef);
    Set(!E.ArgVals.empty(), EF_ArgVals);
    Set(!E.ArgAlts.empty(), EF_ArgAlts);
    u(Mask);
    if (Mask & EF_Lock)
      term(E.Lock);
    if (Mask & EF_LKind)
      u(uint64_t(E.LKind));
    if (Mask & EF_Mode)
      u(uint64_t(E.Mode));
    if (Mask & EF_Owner)
      s(E.Owner);
    if (Mask & EF_Source)
      s(E.Source);
    if (Mask & EF_TryId)
      s(E.TryId);
    if (Mask & EF_Targets) {
      u(E.Targets.size());
      for (uint32_t T : E.Targets)
        index(T);
    }
    if (Mask & EF_Args) {
      u(E.Args.size());
      for (const Term &A : E.Args)
        term(A);
    }
    if (Mask & EF_ThisArg)
      term(E.ThisArg);
    if (Mask & EF_ResultOwner)
      s(E.ResultOwner);
    if (Mask & EF_WKind)
      u(uint64_t(E.WKind));
    if (Mask & EF_Dom)
      domain(E.Dom);
    if (Mask & EF_Member)
      domain(E.Member);
    if (Mask & EF_Released)
      term(E.Released);
    if (Mask & EF_ReleasedOwner)
      s(E.ReleasedOwner);
    if (Mask & EF_Implicit)
      str(E.Implicit);
    if (Mask & EF_Held)
      strs(E.Held);
    if (Mask & EF_Field)
      str(E.Field);
    if (Mask & EF_Why)
      str(E.Why);
    if (Mask & EF_WhyRef)
      str(E.WhyRef);
    if (Mask & EF_ArgVals)
      argBits(E.ArgVals);
    if (Mask & EF_ArgAlts) {
      u(E.ArgAlts.size());
      for (const ArgAlt &A : E.ArgAlts) {
        u(A.When.size());
        for (const Guard &G : A.When) {
          u(uint64_t(G.Param));
          guard(G);
        }
        argBits(A.Vals);
      }
    }
  }

  void argBits(llvm::ArrayRef<ArgBits> Vals) {
    u(Vals.size());
    for (const ArgBits &A : Vals) {
      bool Test = A.isTest();
      bool Field = A.Known && A.Field >= 0;
      u(unsigned(A.Known) | unsigned(A.NonNull) << 1 | unsigned(Test) << 2 |
        unsigned(A.Test.NonZero) << 3 | unsigned(A.Test.IsValue) << 4 |
        unsigned(Field) << 5);
      if (!A.Known)
        continue;
      s(A.Root);
      for (uint64_t V : {A.Added, A.Removed, A.One, A.Zero})
        u(V);
      if (Field) {
        u(uint64_t(A.Field));
        u(A.FieldAdded);
        u(A.FieldZero);
      }
      if (Test)
        for (uint64_t V : {A.Test.Mask, A.Test.Val})
          u(V);
    }
  }

  /// A guard but for its parameter.
  void guard(const Guard &G) {
    u(unsigned(G.NonZero) | unsigned(G.IsValue) << 1);
    u(G.Mask);
    if (G.IsValue)
      u(G.Val);
  }

  void edge(const Edge &E) {
    u(E.To);
    // The condition in one number: the trylock id, whether a guard follows
    // in bit 1, and the trylock result in bit 0.
    bool Guarded = E.When.Param >= 0;
    u((wire::zigzag(E.TryId) << 2) | (Guarded ? 2 : 0) | (E.OnSuccess ? 1 : 0));
    if (Guarded) {
      u(uint64_t(E.When.Param));
      guard(E.When);
    }
  }

  void function(const FunctionIR &F) {
    index(F.Sym);
    loc(F.At);
    u(F.NumParams);
    u((F.HasThis ? FF_HasThis : 0) | (uint64_t(F.Cut) << FF_CutShift) |
      (F.HasModel ? FF_HasModel : 0) | (F.NoSleep ? FF_NoSleep : 0));
    u(F.Entry);
    u(F.Exit);
    u(F.Blocks.size());
    for (const Block &B : F.Blocks) {
      u(B.Events.size());
      for (const Event &E : B.Events)
        event(E);
      u(B.Succs.size());
      for (const Edge &E : B.Succs)
        edge(E);
    }
    strs(F.Slots);
    strs(F.Notes.RunsIn);
    strs(F.Notes.RunsInRefs);
    if (F.HasModel) {
      u(F.Model.size());
      for (const Event &E : F.Model)
        event(E);
    }
  }

  void conflict(const ConflictRule &C) {
    str(C.Lock);
    u(C.Kind ? uint64_t(*C.Kind) + 1 : 0);
    str(C.Domain);
    str(C.Reason);
    str(C.Reference);
    str(C.Where.File);
    u(C.Where.Line);
    u(C.Where.Column);
  }

  void facts(const TUFacts &TU) {
    str(TU.MainFile);
    strs(TU.Files);
    u(TU.Symbols.size());
    for (const Symbol &S : TU.Symbols) {
      str(S.USR);
      str(S.Name);
      loc(S.At);
    }
    u(TU.Functions.size());
    for (const FunctionIR &F : TU.Functions)
      function(F);
    u(TU.Overrides.size());
    for (auto [Overrider, Base] : TU.Overrides) {
      index(Overrider);
      index(Base);
    }
    u(TU.Conflicts.size());
    for (const ConflictRule &C : TU.Conflicts)
      conflict(C);
    u(TU.SlotCopies.size());
    for (const SlotCopy &C : TU.SlotCopies) {
      loc(C.At);
      str(C.Dst);
      str(C.Src);
    }
    u(TU.Fields.size());
    for (const FieldFact &F : TU.Fields) {
      str(F.Name);
      u(F.MayHold);
      u(F.Unknown);
      str(F.Why);
    }
    u(TU.Escapes.size());
    for (const RecordEscape &E : TU.Escapes) {
      str(E.Callee);
      str(E.Record);
    }
    u(TU.HeldRecords.size());
    for (const auto &[Outer, Inner] : TU.HeldRecords) {
      str(Outer);
      str(Inner);
    }
    u(TU.Notes.size());
    for (const FrontendNote &N : TU.Notes) {
      loc(N.At);
      str(N.Message);
    }
    u(TU.FunctionsNotLowered);
    str(TU.FirstNotLowered);
  }

  StringMap<uint32_t> StringIndex;
  std::vector<StringRef> Strings;
  std::string Body;
  raw_string_ostream OS;
};

class Decoder {
public:
  Decoder(StringRef Payload, uint64_t Base) : R(Payload, Base) {}

  Expected<TUFacts> run() {
    // Each string takes at least its length byte.
    uint64_t N = R.count("string table size");
    Strings.reserve(N);
    for (uint64_t I = 0; I < N && !R.failed(); ++I)
      Strings.push_back(R.bytes("string"));
    TUFacts TU;
    facts(TU);
    if (!R.failed() && !R.atEnd())
      R.fail(Twine(R.remaining()) + " trailing bytes at offset " +
             Twine(R.offset()));
    if (R.failed())
      return R.takeError();
    return TU;
  }

private:
  bool ok() const { return !R.failed(); }
  uint64_t u32(StringRef What) { return R.bounded(UINT32_MAX, What); }
  int32_t s32(StringRef What) {
    return int32_t(R.boundedSigned(INT32_MIN, INT32_MAX, What));
  }
  uint32_t index(StringRef What) {
    uint64_t V = R.bounded(uint64_t(UINT32_MAX), What);
    return V == 0 ? NoIndex : uint32_t(V - 1);
  }
  uint64_t mask(uint64_t All, StringRef What) {
    uint64_t At = R.offset();
    uint64_t M = R.uleb(What);
    if (ok() && (M & ~All)) {
      R.fail(What + " 0x" + Twine::utohexstr(M) +
             " has unknown bits at offset " + Twine(At));
      return 0;
    }
    return M;
  }
  std::string str(StringRef What) {
    uint64_t At = R.offset();
    uint64_t I = R.uleb(What);
    if (!ok())
      return {};
    if (I >= Strings.size()) {
      R.fail("string index " + Twine(I) + " out of range (" +
             Twine(Strings.size()) + " strings) at offset " + Twine(At) +
             " (reading " + What + ")");
      return {};
    }
    return Strings[I].str();
  }
  void strs(std::vector<std::string> &Out, StringRef What) {
    for (uint64_t I = 0, N = R.count(What); I < N && ok(); ++I)
      Out.push_back(str(What));
  }

  void loc(Loc &L) {
    L.File = index("file index");
    L.Line = u32("line");
    L.Col = u32("column");
  }

  void term(Term &T) {
    uint64_t M = mask(TF_All, "term fields");
    if (M & TF_Class)
      T.Class = str("lock class");
    if (M & TF_Root)
      T.Root = int16_t(R.boundedSigned(INT16_MIN, INT16_MAX, "term root"));
    if (M & TF_Path)
      T.Path = str("term path");
    if (M & TF_Instance)
      T.Instance = str("term instance");
    T.Local = M & TF_Local;
  }

  void domain(Domain &D) {
    uint64_t M = mask(DF_All, "domain fields");
    if (M & DF_Prefix)
      D.Prefix = str("domain prefix");
    if (M & DF_Object)
      term(D.Object);
    if (M & DF_Literal)
      D.Literal = str("domain literal");
    if (M & DF_Suffix)
      D.Suffix = str("domain suffix");
  }

  void event(Event &E) {
    E.Kind = EventKind(R.bounded(LastEventKind, "event kind"));
    loc(E.At);
    E.Callee = index("callee");
    uint64_t M = mask(EF_All, "event fields");
    if (M & EF_Lock)
      term(E.Lock);
    if (M & EF_LKind)
      E.LKind = LockKind(R.bounded(LastLockKind, "lock kind"));
    if (M & EF_Mode)
      E.Mode = LockMode(R.bounded(LastLockMode, "lock mode"));
    E.Recursive = M & EF_Recursive;
    E.AssumeSuccess = M & EF_AssumeSuccess;
    if (M & EF_Owner)
      E.Owner = s32("owner slot");
    if (M & EF_Source)
      E.Source = s32("source slot");
    if (M & EF_TryId)
      E.TryId = s32("trylock id");
    if (M & EF_Targets)
      for (uint64_t I = 0, N = R.count("call targets"); I < N && ok(); ++I)
        E.Targets.push_back(index("call target"));
    E.Virtual = M & EF_Virtual;
    if (M & EF_Args)
      for (uint64_t I = 0, N = R.count("call arguments"); I < N && ok(); ++I)
        term(E.Args.emplace_back());
    if (M & EF_ThisArg)
      term(E.ThisArg);
    if (M & EF_ResultOwner)
      E.ResultOwner = s32("result owner slot");
    E.ReleasesOwner = M & EF_ReleasesOwner;
    if (M & EF_WKind)
      E.WKind = WaitKind(R.bounded(LastWaitKind, "wait kind"));
    if (M & EF_Dom)
      domain(E.Dom);
    if (M & EF_Member)
      domain(E.Member);
    E.Sleeps = M & EF_Sleeps;
    if (M & EF_Released)
      term(E.Released);
    if (M & EF_ReleasedOwner)
      E.ReleasedOwner = s32("released owner slot");
    if (M & EF_Implicit)
      E.Implicit = str("implicit lock");
    if (M & EF_Held)
      strs(E.Held, "held locks");
    if (M & EF_Field)
      E.Field = str("bound field");
    if (M & EF_Why)
      E.Why = str("why");
    if (M & EF_WhyRef)
      E.WhyRef = str("why reference");
    if (M & EF_ArgVals)
      argBits(E.ArgVals);
    if (M & EF_ArgAlts)
      for (uint64_t I = 0, N = R.count("argument alternatives"); I < N && ok();
           ++I) {
        ArgAlt &A = E.ArgAlts.emplace_back();
        for (uint64_t J = 0, NG = R.count("alternative guards"); J < NG && ok();
             ++J) {
          Guard &G = A.When.emplace_back();
          G.Param =
              int16_t(R.bounded(INT16_MAX, "alternative guard parameter"));
          guard(G, "alternative guard");
        }
        argBits(A.Vals);
      }
  }

  void argBits(llvm::SmallVector<ArgBits, 0> &Vals) {
    for (uint64_t I = 0, N = R.count("argument bits"); I < N && ok(); ++I) {
      ArgBits &A = Vals.emplace_back();
      uint64_t Flags = R.bounded(63, "argument bits flags");
      A.Known = Flags & 1;
      A.NonNull = Flags & 2;
      if (!A.Known)
        continue;
      A.Root = int16_t(R.boundedSigned(-1, INT16_MAX, "argument bits root"));
      for (uint64_t *V : {&A.Added, &A.Removed, &A.One, &A.Zero})
        *V = R.uleb("argument bits");
      if (Flags & 32) {
        // A field's index into the unit's table (checked when linked).
        A.Field = int32_t(R.bounded(INT32_MAX, "argument bits field"));
        A.FieldAdded = R.uleb("argument bits field added");
        A.FieldZero = R.uleb("argument bits field zero");
      }
      if (Flags & 4) {
        // A test of the root.
        if (A.Root < 0)
          R.fail("argument test without a parameter");
        A.Test.Param = A.Root;
        A.Test.NonZero = Flags & 8;
        A.Test.IsValue = Flags & 16;
        A.Test.Mask = R.uleb("argument test mask");
        A.Test.Val = R.uleb("argument test value");
      }
    }
  }

  /// A guard's sense, mask and value (its parameter read before).
  void guard(Guard &G, const char *What) {
    uint64_t Sense = R.bounded(3, (Twine(What) + " sense").str());
    G.NonZero = Sense & 1;
    G.IsValue = Sense & 2;
    G.Mask = R.uleb((Twine(What) + " mask").str());
    if (G.IsValue)
      G.Val = R.uleb((Twine(What) + " value").str());
  }

  void edge(Edge &E) {
    E.To = u32("edge target");
    uint64_t At = R.offset();
    uint64_t Cond = R.uleb("edge condition");
    int64_t TryId = wire::unzigzag(Cond >> 2);
    if (ok() && (TryId < INT32_MIN || TryId > INT32_MAX))
      R.fail("edge trylock id " + Twine(TryId) + " out of range at offset " +
             Twine(At));
    E.TryId = int32_t(TryId);
    E.OnSuccess = Cond & 1;
    if (Cond & 2) {
      E.When.Param = int16_t(R.bounded(INT16_MAX, "edge guard parameter"));
      guard(E.When, "edge guard");
    }
  }

  void function(FunctionIR &F) {
    F.Sym = index("function symbol");
    loc(F.At);
    F.NumParams = uint16_t(R.bounded(UINT16_MAX, "parameter count"));
    uint64_t Flags = mask(FF_All, "function flags");
    F.HasThis = Flags & FF_HasThis;
    F.HasModel = Flags & FF_HasModel;
    F.NoSleep = Flags & FF_NoSleep;
    uint64_t Cut = (Flags >> FF_CutShift) & FF_CutMask;
    if (ok() && Cut > uint64_t(LoweringCut::NoCFG))
      R.fail("function cut reason " + Twine(Cut) + " out of range");
    F.Cut = LoweringCut(Cut);
    F.Entry = u32("entry block");
    F.Exit = u32("exit block");
    // A block is at least two counts.
    for (uint64_t I = 0, N = R.count("blocks", 2); I < N && ok(); ++I) {
      Block &B = F.Blocks.emplace_back();
      for (uint64_t J = 0, M = R.count("events"); J < M && ok(); ++J)
        event(B.Events.emplace_back());
      for (uint64_t J = 0, M = R.count("edges", 2); J < M && ok(); ++J)
        edge(B.Succs.emplace_back());
    }
    strs(F.Slots, "owner slots");
    strs(F.Notes.RunsIn, "runs-in domains");
    strs(F.Notes.RunsInRefs, "runs-in references");
    if (F.HasModel)
      for (uint64_t J = 0, M = R.count("model events"); J < M && ok(); ++J)
        event(F.Model.emplace_back());
  }

  void conflict(ConflictRule &C) {
    C.Lock = str("conflict lock");
    uint64_t Kind = R.bounded(LastWaitKind + 1, "conflict wait kind");
    if (Kind)
      C.Kind = WaitKind(Kind - 1);
    C.Domain = str("conflict domain");
    C.Reason = str("conflict reason");
    C.Reference = str("conflict reference");
    C.Where.File = str("conflict file");
    C.Where.Line = unsigned(R.bounded(UINT_MAX, "conflict line"));
    C.Where.Column = unsigned(R.bounded(UINT_MAX, "conflict column"));
  }

  void facts(TUFacts &TU) {
    TU.MainFile = str("main file");
    strs(TU.Files, "files");
    for (uint64_t I = 0, N = R.count("symbols", 3); I < N && ok(); ++I) {
      Symbol &S = TU.Symbols.emplace_back();
      S.USR = str("symbol USR");
      S.Name = str("symbol name");
      loc(S.At);
    }
    for (uint64_t I = 0, N = R.count("functions"); I < N && ok(); ++I)
      function(TU.Functions.emplace_back());
    for (uint64_t I = 0, N = R.count("overrides", 2); I < N && ok(); ++I) {
      uint32_t Overrider = index("overrider");
      uint32_t Base = index("overridden method");
      TU.Overrides.push_back({Overrider, Base});
    }
    for (uint64_t I = 0, N = R.count("conflict rules"); I < N && ok(); ++I)
      conflict(TU.Conflicts.emplace_back());
    for (uint64_t I = 0, N = R.count("slot copies", 5); I < N && ok(); ++I) {
      SlotCopy &C = TU.SlotCopies.emplace_back();
      loc(C.At);
      C.Dst = str("slot copy destination");
      C.Src = str("slot copy source");
    }
    for (uint64_t I = 0, N = R.count("fields", 4); I < N && ok(); ++I) {
      FieldFact &F = TU.Fields.emplace_back();
      F.Name = str("field name");
      F.MayHold = R.uleb("field bits");
      F.Unknown = R.bounded(1, "field unknown");
      F.Why = str("field why");
    }
    for (uint64_t I = 0, N = R.count("record escapes", 2); I < N && ok(); ++I) {
      RecordEscape &E = TU.Escapes.emplace_back();
      E.Callee = str("escape callee");
      E.Record = str("escape record");
    }
    for (uint64_t I = 0, N = R.count("held records", 2); I < N && ok(); ++I) {
      std::string Outer = str("holding record");
      TU.HeldRecords.push_back({std::move(Outer), str("held record")});
    }
    for (uint64_t I = 0, N = R.count("notes"); I < N && ok(); ++I) {
      FrontendNote &Note = TU.Notes.emplace_back();
      loc(Note.At);
      Note.Message = str("note message");
    }
    TU.FunctionsNotLowered = u32("functions not lowered");
    TU.FirstNotLowered = str("first function not lowered");
  }

  wire::Reader R;
  std::vector<StringRef> Strings;
};

} // namespace

std::string writeTUFacts(const TUFacts &TU) { return Encoder().finish(TU); }

Expected<TUFacts> readTUFacts(StringRef Bytes) {
  Expected<StringRef> Payload = wire::unframe(
      Bytes, TUFactsMagic, TUFactsFormatVersion, "holdwait TU facts file");
  if (!Payload)
    return Payload.takeError();
  Expected<TUFacts> TU =
      Decoder(*Payload, Payload->data() - Bytes.data()).run();
  if (!TU)
    return createStringError(inconvertibleErrorCode(), "TU facts: %s",
                             toString(TU.takeError()).c_str());
  if (Error E = verifyTUFacts(*TU))
    return E;
  return TU;
}

//===----------------------------------------------------------------------===//
// Cross-references.
//===----------------------------------------------------------------------===//

Error verifyTUFacts(const TUFacts &TU) {
  std::string Problem;
  auto Bad = [&](const Twine &Where, StringRef What, uint64_t Index,
                 size_t Size) {
    if (Problem.empty())
      Problem = (Where + ": " + What + " index " + Twine(Index) +
                 " out of range (" + Twine(Size) + ")")
                    .str();
  };
  auto CheckLoc = [&](const Loc &L, const Twine &Where) {
    if (L.File != NoIndex && L.File >= TU.Files.size())
      Bad(Where, "file", L.File, TU.Files.size());
  };
  auto CheckSym = [&](uint32_t S, const Twine &Where) {
    if (S != NoIndex && S >= TU.Symbols.size())
      Bad(Where, "symbol", S, TU.Symbols.size());
  };
  for (size_t I = 0; I < TU.Symbols.size(); ++I)
    CheckLoc(TU.Symbols[I].At, "symbol " + Twine(I));
  for (size_t FI = 0; FI < TU.Functions.size() && Problem.empty(); ++FI) {
    const FunctionIR &F = TU.Functions[FI];
    std::string Where = "function " + std::to_string(FI);
    CheckSym(F.Sym, Where);
    CheckLoc(F.At, Where);
    // The lowering always gives a function at least one block; an empty
    // default-constructed body is still allowed to round-trip.
    size_t NB = F.Blocks.size();
    if (NB ? F.Entry >= NB : F.Entry != 0)
      Bad(Where, "entry block", F.Entry, NB);
    if (NB ? F.Exit >= NB : F.Exit != 0)
      Bad(Where, "exit block", F.Exit, NB);
    for (size_t BI = 0; BI < NB; ++BI) {
      const Block &B = F.Blocks[BI];
      for (const Event &E : B.Events) {
        CheckLoc(E.At, Where + " block " + Twine(BI));
        CheckSym(E.Callee, Where + " block " + Twine(BI));
        for (uint32_t T : E.Targets)
          CheckSym(T, Where + " block " + Twine(BI));
      }
      for (const Edge &E : B.Succs)
        if (E.To >= NB)
          Bad(Where + " block " + Twine(BI), "edge target block", E.To, NB);
    }
    for (const Event &E : F.Model) {
      CheckLoc(E.At, Where + " model");
      CheckSym(E.Callee, Where + " model");
      for (uint32_t T : E.Targets)
        CheckSym(T, Where + " model");
    }
  }
  for (auto [Overrider, Base] : TU.Overrides) {
    CheckSym(Overrider, "override");
    CheckSym(Base, "override");
  }
  for (size_t I = 0; I < TU.SlotCopies.size(); ++I)
    CheckLoc(TU.SlotCopies[I].At, "slot copy " + Twine(I));
  for (size_t I = 0; I < TU.Notes.size(); ++I)
    CheckLoc(TU.Notes[I].At, "note " + Twine(I));
  if (Problem.empty())
    return Error::success();
  return createStringError(inconvertibleErrorCode(), "TU facts: %s",
                           Problem.c_str());
}

//===----------------------------------------------------------------------===//
// JSON.
//===----------------------------------------------------------------------===//

namespace {

StringRef lockModeName(LockMode M) {
  return M == LockMode::Shared ? "shared" : "exclusive";
}

class JSONDumper {
public:
  explicit JSONDumper(const TUFacts &TU) : TU(TU) {}

  /// JSON strings must be UTF-8, and source paths, USRs and annotation
  /// text need not be: invalid bytes become U+FFFD rather than tripping
  /// json::Value's assertion.
  static json::Value text(StringRef S) {
    if (json::isUTF8(S))
      return S.str();
    return json::fixUTF8(S);
  }

  json::Value loc(const Loc &L) const {
    if (!L.valid() && L.Line == 0 && L.Col == 0)
      return nullptr;
    std::string File = !L.valid() ? "?"
                       : L.File < TU.Files.size()
                           ? TU.Files[L.File]
                           : "#" + std::to_string(L.File);
    return text(File + ":" + std::to_string(L.Line) + ":" +
                std::to_string(L.Col));
  }

  json::Value sym(uint32_t S) const {
    if (S == NoIndex)
      return nullptr;
    return int64_t(S);
  }

  json::Value term(const Term &T) const {
    json::Object O;
    if (!T.Class.empty())
      O["class"] = text(T.Class);
    if (T.Root == Term::ThisRoot)
      O["root"] = "this";
    else if (T.Root != Term::NoRoot)
      O["root"] = int64_t(T.Root);
    if (!T.Path.empty())
      O["path"] = text(T.Path);
    if (!T.Instance.empty())
      O["instance"] = text(T.Instance);
    if (T.Local)
      O["local"] = true;
    return O;
  }

  json::Value domain(const Domain &D) const {
    json::Object O{{"name", text(D.name())}};
    if (!D.Prefix.empty())
      O["prefix"] = text(D.Prefix);
    if (!isDefault(D.Object))
      O["object"] = term(D.Object);
    if (!D.Literal.empty())
      O["literal"] = text(D.Literal);
    if (!D.Suffix.empty())
      O["suffix"] = text(D.Suffix);
    return O;
  }

  static json::Value strings(const std::vector<std::string> &V) {
    json::Array A;
    for (const std::string &S : V)
      A.push_back(text(S));
    return A;
  }

  json::Value event(const Event &E) const {
    json::Object O{{"kind", eventKindName(E.Kind)}, {"at", loc(E.At)}};
    if (E.Callee != NoIndex) {
      O["callee"] = sym(E.Callee);
      if (E.Callee < TU.Symbols.size())
        O["callee_name"] = text(TU.Symbols[E.Callee].Name);
    }
    if (!isDefault(E.Lock))
      O["lock"] = term(E.Lock);
    if (E.LKind != LockKind::Mutex)
      O["lock_kind"] = lockKindName(E.LKind);
    if (E.Mode != LockMode::Exclusive)
      O["mode"] = lockModeName(E.Mode);
    if (E.Recursive)
      O["recursive"] = true;
    if (E.AssumeSuccess)
      O["assume_success"] = true;
    if (E.Owner != -1)
      O["owner"] = E.Owner;
    if (E.Source != -1)
      O["source"] = E.Source;
    if (E.TryId != -1)
      O["try_id"] = E.TryId;
    if (!E.Targets.empty()) {
      json::Array A;
      for (uint32_t T : E.Targets)
        A.push_back(sym(T));
      O["targets"] = std::move(A);
    }
    if (E.Virtual)
      O["virtual"] = true;
    if (!E.Args.empty()) {
      json::Array A;
      for (const Term &T : E.Args)
        A.push_back(term(T));
      O["args"] = std::move(A);
    }
    if (!isDefault(E.ThisArg))
      O["this_arg"] = term(E.ThisArg);
    if (E.ResultOwner != -1)
      O["result_owner"] = E.ResultOwner;
    if (E.ReleasesOwner)
      O["releases_owner"] = true;
    if (E.WKind != WaitKind::Sleep)
      O["wait_kind"] = waitKindName(E.WKind);
    if (!isDefault(E.Dom))
      O["domain"] = domain(E.Dom);
    if (!isDefault(E.Member))
      O["member"] = domain(E.Member);
    if (E.Sleeps)
      O["sleeps"] = true;
    if (!isDefault(E.Released))
      O["released"] = term(E.Released);
    if (E.ReleasedOwner != -1)
      O["released_owner"] = E.ReleasedOwner;
    if (!E.Implicit.empty())
      O["implicit"] = text(E.Implicit);
    if (!E.Held.empty())
      O["held"] = strings(E.Held);
    if (!E.Field.empty())
      O["field"] = text(E.Field);
    if (!E.Why.empty())
      O["why"] = text(E.Why);
    if (!E.WhyRef.empty())
      O["why_ref"] = text(E.WhyRef);
    if (!E.ArgVals.empty()) {
      json::Array A;
      for (const ArgBits &B : E.ArgVals)
        A.push_back(B.str());
      O["arg_bits"] = std::move(A);
    }
    if (!E.ArgAlts.empty()) {
      json::Array Alts;
      for (const ArgAlt &Alt : E.ArgAlts) {
        json::Array When, Vals;
        for (const Guard &G : Alt.When)
          When.push_back(G.str());
        for (const ArgBits &B : Alt.Vals)
          Vals.push_back(B.str());
        Alts.push_back(json::Object{{"when", std::move(When)},
                                    {"arg_bits", std::move(Vals)}});
      }
      O["arg_alternatives"] = std::move(Alts);
    }
    return O;
  }

  json::Value function(const FunctionIR &F) const {
    json::Array Blocks;
    for (const Block &B : F.Blocks) {
      json::Array Events, Succs;
      for (const Event &E : B.Events)
        Events.push_back(event(E));
      for (const Edge &E : B.Succs) {
        json::Object EO{{"to", int64_t(E.To)}};
        if (E.TryId != -1)
          EO["try_id"] = E.TryId;
        if (E.OnSuccess)
          EO["on_success"] = true;
        if (E.When.Param >= 0)
          EO["when"] = E.When.str();
        Succs.push_back(std::move(EO));
      }
      Blocks.push_back(json::Object{{"events", std::move(Events)},
                                    {"succs", std::move(Succs)}});
    }
    json::Object O{{"sym", sym(F.Sym)},
                   {"at", loc(F.At)},
                   {"params", int64_t(F.NumParams)},
                   {"has_this", F.HasThis},
                   {"entry", int64_t(F.Entry)},
                   {"exit", int64_t(F.Exit)},
                   {"cut", int64_t(F.Cut)},
                   {"slots", strings(F.Slots)},
                   {"runs_in", strings(F.Notes.RunsIn)},
                   {"runs_in_refs", strings(F.Notes.RunsInRefs)},
                   {"blocks", std::move(Blocks)}};
    if (F.NoSleep)
      O["no_sleep"] = true;
    if (F.HasModel) {
      json::Array Model;
      for (const Event &E : F.Model)
        Model.push_back(event(E));
      O["model"] = std::move(Model);
    }
    if (F.Sym < TU.Symbols.size())
      O["name"] = text(TU.Symbols[F.Sym].Name);
    return O;
  }

  json::Value conflict(const ConflictRule &C) const {
    return json::Object{
        {"lock", text(C.Lock)},
        {"wait_kind",
         C.Kind ? json::Value(waitKindName(*C.Kind)) : json::Value(nullptr)},
        {"domain", text(C.Domain)},
        {"reason", text(C.Reason)},
        {"reference", text(C.Reference)},
        {"where", json::Object{{"file", text(C.Where.File)},
                               {"line", int64_t(C.Where.Line)},
                               {"column", int64_t(C.Where.Column)}}}};
  }

  json::Value facts() const {
    json::Array Symbols, Functions, Overrides, Conflicts, SlotCopies, Fields,
        Escapes, Held, Notes;
    for (const Symbol &S : TU.Symbols)
      Symbols.push_back(json::Object{
          {"usr", text(S.USR)}, {"name", text(S.Name)}, {"at", loc(S.At)}});
    for (const FunctionIR &F : TU.Functions)
      Functions.push_back(function(F));
    for (auto [Overrider, Base] : TU.Overrides)
      Overrides.push_back(json::Array{sym(Overrider), sym(Base)});
    for (const ConflictRule &C : TU.Conflicts)
      Conflicts.push_back(conflict(C));
    for (const SlotCopy &C : TU.SlotCopies)
      SlotCopies.push_back(json::Object{
          {"at", loc(C.At)}, {"dst", text(C.Dst)}, {"src", text(C.Src)}});
    for (const FieldFact &F : TU.Fields)
      Fields.push_back(json::Object{{"name", text(F.Name)},
                                    {"may_hold", int64_t(F.MayHold)},
                                    {"unknown", F.Unknown},
                                    {"why", text(F.Why)}});
    for (const RecordEscape &E : TU.Escapes)
      Escapes.push_back(
          json::Object{{"callee", text(E.Callee)}, {"record", text(E.Record)}});
    for (const auto &[Outer, Inner] : TU.HeldRecords)
      Held.push_back(json::Array{text(Outer), text(Inner)});
    for (const FrontendNote &N : TU.Notes)
      Notes.push_back(
          json::Object{{"at", loc(N.At)}, {"message", text(N.Message)}});
    return json::Object{{"main_file", text(TU.MainFile)},
                        {"files", strings(TU.Files)},
                        {"symbols", std::move(Symbols)},
                        {"functions", std::move(Functions)},
                        {"overrides", std::move(Overrides)},
                        {"conflicts", std::move(Conflicts)},
                        {"slot_copies", std::move(SlotCopies)},
                        {"fields", std::move(Fields)},
                        {"record_escapes", std::move(Escapes)},
                        {"held_records", std::move(Held)},
                        {"notes", std::move(Notes)},
                        {"functions_not_lowered",
                         int64_t(TU.FunctionsNotLowered)},
                        {"first_not_lowered", text(TU.FirstNotLowered)}};
  }

private:
  const TUFacts &TU;
};

} // namespace

json::Value tuFactsToJSON(const TUFacts &TU) { return JSONDumper(TU).facts(); }

} // namespace holdwait
