//===- SelfDeadlock.cpp - waiting for yourself ----------------------------===//
//
// Three shapes that deadlock a single thread:
//   a grace-period wait inside a read-side section of the same domain
//     (synchronize_srcu(S) within srcu_read_lock(S));
//   code running in a domain waiting for that domain (a work function
//     flushing its own work, a thread joining itself);
//   a non-recursive lock acquired again while the same instance is held.
// See docs/checks/self-deadlock.md.
//
//===----------------------------------------------------------------------===//
#include "checks/Check.h"

#include "annotations/Profile.h"
#include "llvm/Support/Path.h"
#include <map>
#include <set>
#include <tuple>

namespace holdwait {
namespace {
/// `$this.mu` -> `this->mu`, `$0.lock` -> `arg0->lock`: the engine's
/// parameter-relative spelling, as a reader would write it.
std::string readableInstance(const std::string &I) {
  if (I.empty() || I[0] != '$')
    return I;
  size_t End = 1;
  while (End < I.size() && I[End] != '.' && I[End] != '[')
    ++End;
  std::string Head = I.substr(1, End - 1);
  std::string Base = Head == "this" ? "this" : "arg" + Head;
  std::string Rest = I.substr(End);
  if (!Rest.empty() && Rest[0] == '.')
    Rest = "->" + Rest.substr(1);
  return Base + Rest;
}

/// `kvm_init()`, or "a static initializer" for a global's initializer.
std::string bindingName(const Program &P, uint32_t Fn) {
  const std::string &N = P.name(Fn);
  return N == "<global initializers>" ? "a static initializer" : N + "()";
}

class SelfDeadlock : public Check {
public:
  llvm::StringRef name() const override { return "self-deadlock"; }
  llvm::StringRef summary() const override {
    return "A thread waiting for itself: a grace period inside its own "
           "read-side section, a worker waiting for its own domain, or a "
           "non-recursive lock taken twice";
  }

  void run(const Analysis &A, std::vector<Finding> &Out) const override {
    const ConflictFinder &CF = A.conflicts();
    for (const WaitSite &W : A.facts().Waits)
      for (const HeldLock &H : W.Held)
        if (auto C = CF.self(H, W))
          Out.push_back(A.waitFinding(name(), W, H, *C));
    doubleAcquires(A, Out);
    waitsOnOwnDomain(A, Out);
  }

private:
  void doubleAcquires(const Analysis &A, std::vector<Finding> &Out) const {
    const Program &P = A.program();
    // One finding per call and lock: a callee can take the same lock on
    // several paths (through different helpers); the shortest chain shows.
    std::map<std::tuple<uint32_t, uint32_t, uint32_t, std::string>, size_t>
        Reported;
    for (const AcquireSite &S : A.facts().Acquires) {
      if (S.Acq.Sync || S.Recursive || isReadSideKind(S.Kind))
        continue;
      const Term &L = S.Acq.Lock;
      if (L.Instance.empty() || L.Instance.find('?') != std::string::npos)
        continue;
      for (const HeldLock &H : S.Held) {
        if (H.Recursive || H.Lock.Instance != L.Instance ||
            !sameLock(H.Lock, L))
          continue;
        if (H.Mode == LockMode::Shared && S.Acq.Mode == LockMode::Shared)
          continue;
        Finding F;
        F.Check = name().str();
        F.At = A.point(S.At);
        F.Function = P.name(S.Fn);
        F.Lock = L.display();
        F.LockKind = lockKindName(H.Kind).str();
        F.LockAt = A.point(H.Site);
        F.LockVia = P.name(H.Via);
        F.LockChain = A.steps(H.Inner);
        F.Callee =
            S.Acq.Steps.empty() ? "" : P.name(S.Acq.Steps.front().Callee);
        F.Blocking =
            S.Acq.Steps.empty() ? "" : P.name(S.Acq.Steps.back().Callee);
        F.WaitKind = "lock";
        F.Domain = "";
        F.Chain = A.steps(S.Acq.Steps);
        F.Conflict = "self";
        std::string Inst = readableInstance(L.Instance);
        // "mutex" -> "mutexes", "spinlock" -> "spinlocks".
        std::string Kind = lockKindName(S.Kind).str();
        Kind += llvm::StringRef(Kind).ends_with("x") ? "es" : "s";
        F.Reason =
            Inst + " is already held here and " + Kind + " are not recursive";
        F.Message = F.Callee + "() acquires " + F.Lock + " (" + Inst +
                    ") while " + F.Function + "() already holds it";
        auto [It, New] = Reported.try_emplace(
            std::make_tuple(S.At.File, S.At.Line, S.At.Col, F.Lock),
            Out.size());
        if (New)
          Out.push_back(std::move(F));
        else if (F.Chain.size() < Out[It->second].Chain.size())
          Out[It->second] = std::move(F);
      }
    }
  }

  void waitsOnOwnDomain(const Analysis &A, std::vector<Finding> &Out) const {
    const Program &P = A.program();
    std::set<std::string> Seen;
    for (const BindSite &B : A.facts().Binds) {
      if (B.Dom.empty())
        continue;
      std::string D = B.Dom.name();
      if (!B.Dom.resolved())
        continue;
      const FunctionSummary *S = A.summaries().of(B.Target);
      if (!S)
        continue;
      for (const OpSummary &Op : S->Ops) {
        if (Op.Kind != WaitKind::WorkerWait || Op.Dom.name() != D ||
            Op.Steps.empty())
          continue;
        if (!Seen.insert(D + "@" + std::to_string(B.Target)).second)
          continue;
        Finding F;
        F.Check = name().str();
        F.At = A.point(Op.Steps.front().At);
        F.Function = P.name(B.Target);
        F.Callee = P.name(Op.Steps.front().Callee);
        F.Blocking = P.name(Op.Leaf);
        F.WaitKind = waitKindName(Op.Kind).str();
        F.Domain = D;
        F.Chain = A.steps(Op.Steps);
        F.Conflict = "self";
        SourcePoint Bound = A.point(B.At);
        F.Reason = F.Function + "() runs in " + D + " (bound in " +
                   bindingName(P, B.Fn) + " at " +
                   llvm::sys::path::filename(Bound.File).str() + ":" +
                   std::to_string(Bound.Line) + ") and waits for " + D +
                   " to finish, which includes itself";
        F.Message = F.Function + "() runs in " + D + " and " +
                    (F.Callee == F.Blocking ? F.Blocking + "()"
                                            : F.Callee + "() reaches " +
                                                  F.Blocking + "(), which") +
                    " waits for " + D + ": it waits for itself";
        Out.push_back(std::move(F));
      }
    }
  }
};
} // namespace

std::unique_ptr<Check> makeSelfDeadlock() {
  return std::make_unique<SelfDeadlock>();
}
} // namespace holdwait
