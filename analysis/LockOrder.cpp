//===- LockOrder.cpp - the program's lock-order graph ---------------------===//
#include "analysis/LockOrder.h"
#include "analysis/Summaries.h"
#include "annotations/Profile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <deque>
#include <set>

namespace holdwait {

bool isOrderNode(const Term &T, LockKind K) {
  if (isReadSideKind(K) || K == LockKind::IrqOff || T.Local)
    return false;
  std::string C = T.display();
  return !C.empty() && C[0] != '$' && C.find('?') == std::string::npos;
}

bool OrderEdge::onlyImplicit() const {
  return llvm::all_of(Evidence, [](const OrderEvidence &E) {
    return E.Src == OrderEvidence::Source::Implicit;
  });
}

namespace {

/// Evidence a reader can follow most easily comes first: short chains,
/// direct acquisitions, then source order (by file name, so the order does
/// not depend on table indexes).
bool betterEvidence(const Program &P, const OrderEvidence &A,
                    const OrderEvidence &B) {
  size_t LA = A.Steps.size() + A.HeldInner.size();
  size_t LB = B.Steps.size() + B.HeldInner.size();
  if (LA != LB)
    return LA < LB;
  if (A.Src != B.Src)
    return A.Src < B.Src;
  auto Key = [&](const OrderEvidence &E) {
    return std::make_tuple(E.At.valid() ? P.fileName(E.At) : std::string(),
                           E.At.Line, E.At.Col, P.name(E.Fn));
  };
  return Key(A) < Key(B);
}

/// One site, one way down: the same call can reach the lock along several
/// paths (irq_set_affinity_locked() wakes through schedule_work() and through
/// irq_set_thread_affinity()); each is its own evidence.
bool sameEvidence(const OrderEvidence &A, const OrderEvidence &B) {
  auto Leaf = [](const OrderEvidence &E) {
    return E.Steps.empty() ? NoIndex : E.Steps.back().Callee;
  };
  return A.Fn == B.Fn && A.At == B.At && A.HeldAt == B.HeldAt &&
         A.Src == B.Src && Leaf(A) == Leaf(B);
}

std::string dotQuote(const std::string &S) {
  std::string R = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      R += '\\';
    R += C;
  }
  return R + "\"";
}

} // namespace

LockOrderGraph::LockOrderGraph(const Program &P, const SummaryTable &S,
                               const ProgramFacts &F, const Profile &Prof,
                               LockOrderLimits Limits)
    : P(P), S(S), Limits(Limits) {
  for (size_t I = 0; I < P.Functions.size(); ++I)
    for (const AcqSummary &A : S.ofFunction(I).Acquires)
      if (A.Mode == LockMode::Exclusive && !A.Sync)
        Written.insert(A.Lock.display());
  // Acquisitions under held locks (direct or through callees).
  for (const AcquireSite &A : F.Acquires) {
    // Implicit acquisitions come from the wait sites below, which say
    // which operation takes the lock.
    if (A.Acq.Sync || A.Acq.Implicit || !isOrderNode(A.Acq.Lock, A.Kind))
      continue;
    std::string To = A.Acq.Lock.display();
    for (const HeldLock &H : A.Held) {
      // Locks taken by one call (std::scoped_lock(a, b), std::lock, a
      // wrapper taking two) are ordered inside that call, if at all: the
      // wrapper's own body has the edge; the library avoids the deadlock.
      if (!isOrderNode(H.Lock, H.Kind) || H.Site == A.At)
        continue;
      OrderEvidence E;
      E.Src = OrderEvidence::Source::Acquire;
      E.Fn = A.Fn;
      E.HeldAt = H.Site;
      E.HeldVia = H.Via;
      E.HeldInner = H.Inner;
      E.HeldKind = H.Kind;
      E.HeldMode = H.Mode;
      E.At = A.At;
      E.Steps = A.Acq.Steps;
      E.Kind = A.Kind;
      E.Mode = A.Acq.Mode;
      add(H.Lock.display(), To, std::move(E));
    }
  }
  // Operations that take a lock themselves (a wakeup takes rq.__lock).
  for (const WaitSite &W : F.Waits) {
    if (W.Op.Implicit.empty())
      continue;
    for (const HeldLock &H : W.Held) {
      if (!isOrderNode(H.Lock, H.Kind) || H.Site == W.At)
        continue;
      OrderEvidence E;
      E.Src = OrderEvidence::Source::Implicit;
      E.Fn = W.Fn;
      E.HeldAt = H.Site;
      E.HeldVia = H.Via;
      E.HeldInner = H.Inner;
      E.HeldKind = H.Kind;
      E.HeldMode = H.Mode;
      E.At = W.At;
      E.Steps = W.Op.Steps;
      E.Kind = LockKind::RawSpinlock;
      E.AcqHow = P.name(W.Op.Leaf) + "() takes " + W.Op.Implicit;
      add(H.Lock.display(), W.Op.Implicit, std::move(E));
    }
  }
  // Code the runtime runs with a lock held: callbacks bound with held
  // locks, and functions annotated to run in a domain that has a lock.
  for (const BindSite &B : F.Binds)
    for (const std::string &Held : B.Held)
      addContext(Held, B.Target, B.At,
                 P.name(B.Target) + "() is called with " + Held + " held (" +
                     (B.Field.empty() ? B.Dom.name() : B.Field) + ")");
  for (const FunctionIR &Fn : P.Functions)
    for (size_t I = 0; I < Fn.Notes.RunsIn.size(); ++I) {
      llvm::StringRef DL = Prof.domainLock(Fn.Notes.RunsIn[I]);
      if (DL.empty())
        continue;
      addContext(DL.str(), Fn.Sym, Fn.At,
                 P.name(Fn.Sym) + "() runs in " + Fn.Notes.RunsIn[I] +
                     ", under " + DL.str() + " (annotated at " +
                     Fn.Notes.RunsInRefs[I] + ")");
    }

  for (auto &[From, Tos] : Edges)
    for (auto &[To, Edge] : Tos) {
      std::stable_sort(Edge.Evidence.begin(), Edge.Evidence.end(),
                       [&](const OrderEvidence &A, const OrderEvidence &B) {
                         return betterEvidence(P, A, B);
                       });
      if (Edge.Evidence.size() > EvidenceLimit)
        Edge.Evidence.resize(EvidenceLimit);
    }
  Cycles = cycles(Limits.MaxCycleLength, Limits.MaxCycles, CyclesTruncated,
                  &LongCycleLocks);
}

void LockOrderGraph::addContext(const std::string &Held, uint32_t Target,
                                Loc At, const std::string &How) {
  const FunctionSummary *Sum = S.of(Target);
  if (!Sum)
    return;
  auto Base = [&] {
    OrderEvidence E;
    E.Src = OrderEvidence::Source::Context;
    E.Fn = Target;
    E.HeldAt = At;
    E.HeldHow = How;
    E.HeldKind = LockKind::RawSpinlock;
    return E;
  };
  for (const AcqSummary &A : Sum->Acquires) {
    if (A.Sync || A.Implicit || !isOrderNode(A.Lock, A.Kind) ||
        A.Lock.display() == Held)
      continue;
    OrderEvidence E = Base();
    E.At = A.Steps.empty() ? Loc() : A.Steps.front().At;
    E.Steps = A.Steps;
    E.Kind = A.Kind;
    E.Mode = A.Mode;
    add(Held, A.Lock.display(), std::move(E));
  }
  for (const OpSummary &O : Sum->Ops) {
    if (O.Implicit.empty() || O.Implicit == Held)
      continue;
    OrderEvidence E = Base();
    E.Src = OrderEvidence::Source::Implicit;
    E.At = O.Steps.empty() ? Loc() : O.Steps.front().At;
    E.Steps = O.Steps;
    E.Kind = LockKind::RawSpinlock;
    E.AcqHow = P.name(O.Leaf) + "() takes " + O.Implicit;
    add(Held, O.Implicit, std::move(E));
  }
}

void LockOrderGraph::add(const std::string &From, const std::string &To,
                         OrderEvidence E) {
  // Two instances of one class nest (parent and child objects); lockdep
  // needs a subclass annotation for that and so would we: not an order.
  if (From == To)
    return;
  OrderEdge &Edge = Edges[From][To];
  if (Edge.From.empty()) {
    Edge.From = From;
    Edge.To = To;
  }
  if (llvm::any_of(Edge.Evidence,
                   [&](const OrderEvidence &X) { return sameEvidence(X, E); }))
    return;
  // Keep the list short while building: the kernel has edges with
  // thousands of sites.
  Edge.Evidence.push_back(std::move(E));
  if (Edge.Evidence.size() > 4 * EvidenceLimit) {
    std::stable_sort(Edge.Evidence.begin(), Edge.Evidence.end(),
                     [&](const OrderEvidence &A, const OrderEvidence &B) {
                       return betterEvidence(P, A, B);
                     });
    Edge.Evidence.resize(EvidenceLimit);
  }
}

const OrderEdge *LockOrderGraph::edge(const std::string &From,
                                      const std::string &To) const {
  auto It = Edges.find(From);
  if (It == Edges.end())
    return nullptr;
  auto Jt = It->second.find(To);
  return Jt == It->second.end() ? nullptr : &Jt->second;
}

size_t LockOrderGraph::numNodes() const {
  std::set<std::string> N;
  for (auto &[From, Tos] : Edges) {
    N.insert(From);
    for (auto &[To, E] : Tos)
      N.insert(To);
  }
  return N.size();
}

bool LockOrderGraph::isNode(const std::string &Class) const {
  if (Edges.count(Class))
    return true;
  for (auto &[From, Tos] : Edges)
    if (Tos.count(Class))
      return true;
  return false;
}

size_t LockOrderGraph::numEdges() const {
  size_t N = 0;
  for (auto &[From, Tos] : Edges)
    N += Tos.size();
  return N;
}

std::vector<std::vector<std::string>>
LockOrderGraph::cycles(unsigned MaxLength, unsigned MaxCycles, bool &Truncated,
                       std::vector<std::string> *Uncovered) const {
  Truncated = false;
  // Number the nodes in name order; a cycle is found once, from its
  // smallest node, by searching only nodes greater than the start.
  std::vector<std::string> Names;
  std::map<std::string, unsigned> Id;
  for (auto &[From, Tos] : Edges) {
    Id.emplace(From, 0);
    for (auto &[To, E] : Tos)
      Id.emplace(To, 0);
  }
  for (auto &[N, I] : Id) {
    I = Names.size();
    Names.push_back(N);
  }
  std::vector<std::vector<unsigned>> Succ(Names.size());
  for (auto &[From, Tos] : Edges)
    for (auto &[To, E] : Tos)
      Succ[Id[From]].push_back(Id[To]);

  // Strongly connected components (iterative Tarjan): only nodes inside a
  // non-trivial component can be on a cycle.
  std::vector<int> Comp(Names.size(), -1), Index(Names.size(), -1),
      Low(Names.size(), 0);
  std::vector<char> OnStack(Names.size(), 0);
  std::vector<unsigned> Stack;
  int NextIndex = 0, NextComp = 0;
  for (unsigned Root = 0; Root < Names.size(); ++Root) {
    if (Index[Root] >= 0)
      continue;
    std::vector<std::pair<unsigned, size_t>> Work{{Root, 0}};
    Index[Root] = Low[Root] = NextIndex++;
    Stack.push_back(Root);
    OnStack[Root] = 1;
    while (!Work.empty()) {
      auto &[V, I] = Work.back();
      if (I < Succ[V].size()) {
        unsigned W = Succ[V][I++];
        if (Index[W] < 0) {
          Index[W] = Low[W] = NextIndex++;
          Stack.push_back(W);
          OnStack[W] = 1;
          Work.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[V] = std::min(Low[V], Index[W]);
        }
        continue;
      }
      if (Low[V] == Index[V]) {
        unsigned W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = 0;
          Comp[W] = NextComp;
        } while (W != V);
        ++NextComp;
      }
      unsigned Done = V;
      Work.pop_back();
      if (!Work.empty())
        Low[Work.back().first] = std::min(Low[Work.back().first], Low[Done]);
    }
  }

  std::vector<std::vector<std::string>> Out;
  // Bounded depth-first search; the step budget keeps a dense component
  // from taking forever (what is cut is reported as truncated).
  uint64_t Budget = Limits.MaxSearchSteps;
  std::vector<unsigned> Path;
  std::vector<char> OnPath(Names.size(), 0);
  for (unsigned Start = 0; Start < Names.size() && !Truncated; ++Start) {
    std::vector<std::pair<unsigned, size_t>> Work{{Start, 0}};
    Path = {Start};
    OnPath[Start] = 1;
    while (!Work.empty()) {
      if (Budget-- == 0 || Out.size() >= MaxCycles) {
        Truncated = true;
        break;
      }
      auto &[V, I] = Work.back();
      if (I < Succ[V].size()) {
        unsigned W = Succ[V][I++];
        if (Comp[W] != Comp[Start] || W < Start)
          continue;
        if (W == Start) {
          std::vector<std::string> C;
          for (unsigned N : Path)
            C.push_back(Names[N]);
          Out.push_back(std::move(C));
          continue;
        }
        if (OnPath[W] || Path.size() >= MaxLength)
          continue;
        Path.push_back(W);
        OnPath[W] = 1;
        Work.push_back({W, 0});
        continue;
      }
      OnPath[V] = 0;
      Path.pop_back();
      Work.pop_back();
    }
    for (unsigned N : Path)
      OnPath[N] = 0;
  }
  if (Uncovered && !Truncated) {
    // Every class of a non-trivial component is on some cycle; one on none
    // of those found is on longer ones only.
    std::vector<unsigned> CompSize(NextComp, 0);
    for (int C : Comp)
      ++CompSize[C];
    std::set<std::string> Covered;
    for (const std::vector<std::string> &C : Out)
      Covered.insert(C.begin(), C.end());
    for (unsigned N = 0; N < Names.size(); ++N)
      if (CompSize[Comp[N]] > 1 && !Covered.count(Names[N]))
        Uncovered->push_back(Names[N]);
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

std::vector<const OrderEdge *>
LockOrderGraph::path(const std::string &From, const std::string &To) const {
  // Breadth-first over classes in name order: the shortest path, and among
  // equally short ones the same one on every run.
  // Parent[X] is the edge that first reached X; From itself is reached
  // again only by a cycle back to it (From == To asks for that cycle).
  std::map<std::string, const OrderEdge *> Parent;
  std::deque<std::string> Queue{From};
  bool Found = false;
  while (!Queue.empty() && !Found) {
    std::string V = Queue.front();
    Queue.pop_front();
    auto It = Edges.find(V);
    if (It == Edges.end())
      continue;
    for (auto &[W, E] : It->second) {
      if (W != From && Parent.emplace(W, &E).second)
        Queue.push_back(W);
      if (W == To) {
        if (W == From)
          Parent[From] = &E;
        Found = true;
        break;
      }
    }
  }
  std::vector<const OrderEdge *> R;
  if (!Found)
    return R;
  const OrderEdge *E = Parent[To];
  do {
    R.push_back(E);
    E = E->From == From ? nullptr : Parent[E->From];
  } while (E);
  std::reverse(R.begin(), R.end());
  return R;
}

std::string LockOrderGraph::dot() const {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << "digraph holdwait_lock_order {\n  rankdir=LR;\n  node [shape=box];\n";
  for (auto &[From, Tos] : Edges)
    for (auto &[To, E] : Tos) {
      const OrderEvidence &Best = E.Evidence.front();
      std::string Label = P.name(Best.Fn) + "()";
      if (Best.Src == OrderEvidence::Source::Implicit)
        Label += " (implicit)";
      else if (Best.Src == OrderEvidence::Source::Context)
        Label += " (context)";
      OS << "  " << dotQuote(From) << " -> " << dotQuote(To)
         << " [label=" << dotQuote(Label) << "];\n";
    }
  OS << "}\n";
  return S;
}

static llvm::json::Value locJSON(const Program &P, const Loc &L) {
  if (!L.valid())
    return nullptr;
  return llvm::json::Object{
      {"file", P.fileName(L)}, {"line", L.Line}, {"column", L.Col}};
}

static llvm::json::Value chainJSON(const Program &P, const Chain &C) {
  llvm::json::Array A;
  for (const ChainStep &S : C)
    A.push_back(llvm::json::Object{{"function", P.name(S.Fn)},
                                   {"callee", P.name(S.Callee)},
                                   {"at", locJSON(P, S.At)}});
  return A;
}

llvm::json::Value LockOrderGraph::json() const {
  static const char *SrcName[] = {"acquire", "implicit", "context"};
  std::set<std::string> Nodes;
  llvm::json::Array EdgesJ;
  for (auto &[From, Tos] : Edges)
    for (auto &[To, E] : Tos) {
      Nodes.insert(From);
      Nodes.insert(To);
      llvm::json::Array Ev;
      for (const OrderEvidence &X : E.Evidence) {
        llvm::json::Object O{
            {"source", SrcName[static_cast<int>(X.Src)]},
            {"function", P.name(X.Fn)},
            {"held_at", locJSON(P, X.HeldAt)},
            {"at", locJSON(P, X.At)},
            {"chain", chainJSON(P, X.Steps)},
        };
        if (X.HeldVia != NoIndex)
          O["held_via"] = P.name(X.HeldVia);
        if (!X.HeldInner.empty())
          O["held_chain"] = chainJSON(P, X.HeldInner);
        if (!X.HeldHow.empty())
          O["context"] = X.HeldHow.str();
        if (!X.AcqHow.empty())
          O["implicit"] = X.AcqHow.str();
        Ev.push_back(std::move(O));
      }
      EdgesJ.push_back(llvm::json::Object{
          {"from", From}, {"to", To}, {"evidence", std::move(Ev)}});
    }
  llvm::json::Array NodesJ;
  for (const std::string &N : Nodes)
    NodesJ.push_back(N);
  return llvm::json::Object{{"version", 1},
                            {"nodes", std::move(NodesJ)},
                            {"edges", std::move(EdgesJ)}};
}

} // namespace holdwait
