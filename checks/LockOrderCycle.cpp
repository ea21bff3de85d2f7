//===- LockOrderCycle.cpp - locks taken in conflicting orders
//---------------===//
//
// lock-order-cycle: the lock-order graph has a cycle (thread A holds X and
// takes Y, thread B holds Y and takes X, possibly through more locks and
// through locks the runtime holds around callbacks), or a held lock is
// ordered against a documented order. Docs: docs/checks/lock-order-cycle.md.
//
//===----------------------------------------------------------------------===//
#include "annotations/Profile.h"
#include "checks/Check.h"

#include "llvm/ADT/STLExtras.h"

namespace holdwait {
namespace {

/// Readers never wait for each other, only for a writer: a node entered
/// and left only in shared mode cannot block the cycle when nothing takes
/// it for writing. With a writer they can (a queued writer holds new
/// readers back in rw_semaphore and in the kernel's queued rwlock_t), except
/// for userland shared mutexes, which let readers pass.
bool readersPassThrough(const LockOrderGraph &G, const OrderEdge &In,
                        const OrderEdge &Out) {
  bool Writer = G.written(In.To);
  bool InShared = llvm::all_of(In.Evidence, [&](const OrderEvidence &E) {
    return E.Mode == LockMode::Shared &&
           (!Writer || E.Kind == LockKind::SharedMutex);
  });
  bool OutShared = llvm::all_of(Out.Evidence, [](const OrderEvidence &E) {
    return E.HeldMode == LockMode::Shared;
  });
  return InShared && OutShared;
}

std::string takes(const OrderLink &O) {
  return O.Function + "() takes " + O.To +
         (O.Context.empty() ? " while holding " : " while running under ") +
         O.From;
}

void fillFromFirstLink(const Analysis &A, const OrderEdge &E, Finding &F) {
  const OrderEvidence &X = E.Evidence.front();
  const OrderLink &O = F.Order.front();
  F.At = O.At.File.empty() ? O.HeldAt : O.At;
  F.Function = O.Function;
  F.Lock = E.From;
  F.LockKind = lockKindName(X.HeldKind).str();
  F.LockAt = O.HeldAt;
  F.LockVia = O.HeldVia;
  F.LockChain = O.HeldChain;
  F.Callee = X.Steps.empty() ? "" : A.program().name(X.Steps.front().Callee);
  F.Blocking = X.Steps.empty() ? "" : A.program().name(X.Steps.back().Callee);
  F.WaitKind = "lock";
  F.Chain = O.Chain;
}

class LockOrderCycle : public Check {
public:
  llvm::StringRef name() const override { return "lock-order-cycle"; }
  llvm::StringRef summary() const override {
    return "Locks taken in opposite orders on different paths (an ABBA "
           "deadlock, possibly through more locks), or against a documented "
           "lock order";
  }

  void run(const Analysis &A, std::vector<Finding> &Out) const override {
    const LockOrderGraph &G = A.lockOrder();
    for (const std::vector<std::string> &C : G.allCycles()) {
      std::vector<const OrderEdge *> Edges;
      for (size_t I = 0; I < C.size(); ++I)
        Edges.push_back(G.edge(C[I], C[(I + 1) % C.size()]));
      // Two locks, one edge a wakeup's runqueue lock: that is exactly
      // wakeup-under-lock's finding, which explains it better.
      if (C.size() == 2 && llvm::any_of(Edges, [](const OrderEdge *E) {
            return E->onlyImplicit();
          }))
        continue;
      bool Blocks = true;
      for (size_t I = 0; I < Edges.size(); ++I)
        if (readersPassThrough(G, *Edges[(I + Edges.size() - 1) % Edges.size()],
                               *Edges[I]))
          Blocks = false;
      if (!Blocks)
        continue;

      Finding F;
      F.Check = name().str();
      for (const OrderEdge *E : Edges)
        F.Order.push_back(A.orderLink(*E));
      fillFromFirstLink(A, *Edges.front(), F);
      F.Conflict = "cycle";
      F.Reason = std::to_string(F.Order.size()) +
                 " threads, each holding one lock of the cycle and taking "
                 "the next, wait for each other forever";
      F.Message = "lock-order cycle " + F.orderPath() + ": ";
      for (size_t I = 0; I < F.Order.size(); ++I)
        F.Message += (I ? "; " : "") + takes(F.Order[I]);
      Out.push_back(std::move(F));
    }

    // Documented orders: taking an outer lock while an inner one is held,
    // directly or through other locks, is enough.
    for (const LockOrderRule &R : A.profile().LockOrders)
      for (size_t I = 0; I < R.Order.size(); ++I)
        for (size_t J = I + 1; J < R.Order.size(); ++J) {
          std::vector<const OrderEdge *> Path = G.path(R.Order[J], R.Order[I]);
          if (Path.empty())
            continue;
          Finding F;
          F.Check = name().str();
          for (const OrderEdge *E : Path)
            F.Order.push_back(A.orderLink(*E));
          fillFromFirstLink(A, *Path.front(), F);
          F.Conflict = "documented";
          F.Reason = R.Reason;
          F.AnnotationRef = R.Where.str();
          F.Reference = R.Reference;
          std::string What = takes(F.Order.front());
          if (Path.size() > 1) {
            What = R.Order[I] + " is taken while " + R.Order[J] +
                   " is held, through " + F.orderPath() + ": ";
            for (size_t K = 0; K < F.Order.size(); ++K)
              What += (K ? "; " : "") + takes(F.Order[K]);
          }
          F.Message = What + ", against the documented order (" + R.Order[I] +
                      " is taken outside " + R.Order[J] + ", " +
                      shortRef(R.Where.str()) + ")";
          Out.push_back(std::move(F));
        }
  }
};

} // namespace

std::unique_ptr<Check> makeLockOrderCycle() {
  return std::make_unique<LockOrderCycle>();
}

} // namespace holdwait
