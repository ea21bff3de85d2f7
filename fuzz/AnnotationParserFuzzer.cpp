//===- AnnotationParserFuzzer.cpp - fuzzing the YAML profile loader -------===//
//
// Annotation profiles are user input (`--annotations file.yaml`), read by
// LLVM's YAML parser and then by our own validation of every entry
// (operands such as `$0.work`, domains such as `srcu:$0`, enumerations,
// arg-types). Whatever the bytes, Profile::loadBuffer, the entry point both
// `--annotations` files and the built-in profiles go through, must return
// an error or a profile: never crash, leak or trip UBSan.
//
// Beyond not crashing, it checks what the rest of holdwait relies on:
//  - an error names the file and the place (`<name>:<line>:<col>: ...`,
//    what the command line prints), and a failed load adds nothing;
//  - every operand and domain that was accepted prints (str()) to a text
//    that parses back to the same thing: reports and cache keys use the
//    printed form;
//  - every name a model lists finds that model.
//
//===----------------------------------------------------------------------===//
#include "annotations/Profile.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

using namespace holdwait;

namespace {

const char *const Name = "fuzz.yaml";

[[noreturn]] void fail(const llvm::Twine &What) {
  llvm::errs() << "annotation-parser fuzz target: " << What << "\n";
  std::abort();
}

void checkRoundTrip(const ArgRef &A) {
  std::string Err;
  std::optional<ArgRef> Back = ArgRef::parse(A.str(), Err);
  if (!Back || Back->str() != A.str() || Back->K != A.K ||
      Back->Index != A.Index)
    fail("operand '" + A.str() + "' does not parse back: " + Err);
}

void checkRoundTrip(const DomainTemplate &D) {
  std::string Err;
  std::optional<DomainTemplate> Back = DomainTemplate::parse(D.str(), Err);
  if (!Back || Back->str() != D.str())
    fail("domain '" + D.str() + "' does not parse back: " + Err);
  checkRoundTrip(D.Object);
}

template <typename Model>
void checkNames(const std::vector<Model> &Models, const Profile &P) {
  for (const Model &M : Models)
    for (const std::string &N : M.Names)
      if (!P.isModeled(N))
        fail("'" + N + "' is listed but not modeled");
}

void checkLoaded(const Profile &P) {
  for (const LockModel &M : P.Locks) {
    checkRoundTrip(M.Lock);
    for (const std::string &N : M.Names)
      if (!llvm::is_contained(P.lockModels(N), &M))
        fail("lock model '" + N + "' is not found by its name");
  }
  for (const BlockingModel &M : P.Blocking) {
    checkRoundTrip(M.Domain);
    checkRoundTrip(M.Releases);
  }
  for (const SignalModel &M : P.Signals)
    checkRoundTrip(M.Domain);
  for (const ThreadModel &M : P.Threads) {
    checkRoundTrip(M.Domain);
    checkRoundTrip(M.Callable);
  }
  for (const RelationModel &M : P.Relations) {
    checkRoundTrip(M.Domain);
    checkRoundTrip(M.Member);
  }
  for (const FieldContextModel &M : P.Fields) {
    checkRoundTrip(M.Domain);
    if (!P.fieldContext(M.Field))
      fail("field '" + M.Field + "' is not found");
  }
  for (const AliasModel &M : P.Aliases)
    checkRoundTrip(M.Returns);
  for (const CallbackModel &M : P.Callbacks) {
    checkRoundTrip(M.Slot);
    checkRoundTrip(M.Value);
  }
  checkNames(P.Locks, P);
  checkNames(P.Blocking, P);
  checkNames(P.Signals, P);
  checkNames(P.Threads, P);
  checkNames(P.Relations, P);
  checkNames(P.Aliases, P);
  checkNames(P.Callbacks, P);
  for (const DomainLockModel &M : P.DomainLocks)
    (void)P.domainLock(M.Domain);
  for (const std::string &R : P.TransparentRecords)
    if (!P.isTransparentRecord(R))
      fail("transparent record '" + R + "' is not found");
  (void)P.digest();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  Profile P;
  if (llvm::Error E = P.loadBuffer(Text, Name)) {
    std::string Msg = llvm::toString(std::move(E));
    if (!llvm::StringRef(Msg).starts_with(std::string(Name) + ":"))
      fail("an error that does not say where: " + Msg);
    if (!P.LoadedFiles.empty() || !P.Locks.empty() || !P.Blocking.empty() ||
        !P.Signals.empty() || !P.Threads.empty() || !P.Relations.empty() ||
        !P.Fields.empty() || !P.Aliases.empty() || !P.Callbacks.empty() ||
        !P.DomainLocks.empty() || !P.Conflicts.empty() ||
        !P.LockOrders.empty() || !P.TransparentRecords.empty())
      fail("a failed load changed the profile: " + Msg);
    return 0;
  }
  checkLoaded(P);
  // A second file merged into the same profile (as `--annotations a.yaml
  // --annotations b.yaml` does) is read the same way.
  if (llvm::Error E = P.loadBuffer(Text, "again.yaml"))
    fail("loads once but not twice: " + llvm::toString(std::move(E)));
  checkLoaded(P);
  return 0;
}
