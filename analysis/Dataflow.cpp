//===- Dataflow.cpp - held-lock dataflow over the lock IR -----------------===//
#include "analysis/Dataflow.h"

#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace holdwait {

/// Compared by handle: this runs for every lock at every event.
static bool unknownInstance(Atom I) { return I == Term::unknownInstance(); }

/// A lock with no class and no usable instance cannot be matched by a
/// release or a join; tracking it would only accumulate copies.
static bool identifiable(const Term &T) {
  return !T.Class.empty() ||
         (!T.Instance.empty() && !unknownInstance(T.Instance));
}

/// Safety net on state size: a function taking hundreds of distinct locks
/// keeps the first ones (deterministically) rather than growing without end.
constexpr size_t MaxTracked = 256;

bool sameLock(const Term &A, const Term &B) {
  if (!A.Class.empty() && !B.Class.empty())
    return A.Class == B.Class;
  if (A.Class.empty() != B.Class.empty())
    return false;
  return A.Instance == B.Instance && !unknownInstance(A.Instance);
}

namespace {

/// Index of the entry for L in V: the same instance first, then any entry
/// of the same class.
template <typename Vec> int findLock(const Vec &V, const Term &L) {
  if (!L.Instance.empty() && !unknownInstance(L.Instance))
    for (size_t I = 0; I < V.size(); ++I)
      if (V[I].Lock.Instance == L.Instance && sameLock(V[I].Lock, L))
        return int(I);
  for (size_t I = 0; I < V.size(); ++I)
    if (sameLock(V[I].Lock, L))
      return int(I);
  return -1;
}

void addUnique(std::vector<HeldLock> &V, const HeldLock &H) {
  for (const HeldLock &E : V)
    if (sameLock(E.Lock, H.Lock) && E.Lock.Instance == H.Lock.Instance &&
        E.Mode == H.Mode && E.Owner == H.Owner)
      return;
  if (V.size() < MaxTracked)
    V.push_back(H);
}

/// Records in Before that this path took H (at Where, its Sub-th lock).
void addBefore(LockState &S, const void *Where, unsigned Sub,
               const HeldLock &H) {
  if (!S.Taken || S.Before.size() >= MaxTracked)
    return;
  uint32_t Id = S.Taken->identity(H.Lock);
  auto It = llvm::lower_bound(
      S.Before, Id, [](const auto &P, uint32_t V) { return P.first < V; });
  if (It != S.Before.end() && It->first == Id)
    return;
  S.Before.insert(It, {Id, S.Taken->entry(Where, Sub, H)});
}

void addHeld(LockState &S, HeldLock H, const void *Where, unsigned Sub) {
  if (!identifiable(H.Lock) || S.Must.size() >= MaxTracked)
    return;
  for (size_t I = 0; I < S.Released.size(); ++I)
    if (sameLock(S.Released[I], H.Lock)) {
      // An entry lock released earlier and taken again: held as on entry.
      S.Released.erase(S.Released.begin() + I);
      H.Restored = true;
      break;
    }
  S.Must.push_back(H);
  addUnique(S.May, H);
  addBefore(S, Where, Sub, H);
}

void releaseLock(LockState &S, const Term &L) {
  // A lock this function took itself is simply dropped. A lock the caller
  // held (not taken here, or taken again after an earlier release: Restored)
  // is recorded as released, so what follows runs without it.
  bool Ours = false;
  int I = findLock(S.Must, L);
  if (I >= 0) {
    Ours = !S.Must[I].Restored;
    S.Must.erase(S.Must.begin() + I);
  }
  int J = findLock(S.May, L);
  if (J >= 0) {
    if (I < 0)
      Ours = !S.May[J].Restored;
    S.May.erase(S.May.begin() + J);
  }
  if (Ours || L.Local || L.empty())
    return;
  for (const Term &R : S.Released)
    if (sameLock(R, L))
      return;
  S.Released.push_back(L);
}

void releaseOwned(LockState &S, int32_t Slot) {
  std::vector<Term> ToRelease;
  for (auto &[Owner, H] : S.Owned)
    if (Owner == Slot)
      ToRelease.push_back(H.Lock);
  for (const Term &L : ToRelease) {
    // Only drop the entry this owner holds, not a second holder's.
    auto Drop = [&](std::vector<HeldLock> &V) {
      for (size_t I = 0; I < V.size(); ++I)
        if (sameLock(V[I].Lock, L) && (V[I].Owner == Slot || V[I].Owner < 0)) {
          V.erase(V.begin() + I);
          return;
        }
    };
    Drop(S.Must);
    Drop(S.May);
  }
}

/// Records that owner Slot owns H. An owner keeps what it owns after it
/// releases it (a unique_lock can lock again), so a guard in a loop takes
/// the same lock on every pass: it is recorded once, or the state grows by
/// an entry per pass and the dataflow never reaches its fixpoint.
void addOwned(LockState &S, int32_t Slot, const HeldLock &H) {
  for (const auto &[Owner, X] : S.Owned)
    if (Owner == Slot &&
        ((sameLock(X.Lock, H.Lock) && X.Lock.Instance == H.Lock.Instance) ||
         (!identifiable(X.Lock) && !identifiable(H.Lock))))
      return;
  if (S.Owned.size() < MaxTracked)
    S.Owned.push_back({Slot, H});
}

HeldLock heldFrom(const Event &E) {
  HeldLock H;
  H.Lock = E.Lock;
  H.Kind = E.LKind;
  H.Mode = E.Mode;
  H.Recursive = E.Recursive;
  H.Site = E.At;
  H.Via = E.Callee;
  H.Owner = E.Owner;
  return H;
}

/// A lock the callee Target returns holding (H, in its frame; Lock, H's
/// lock in the caller's), as the caller holds it after call E.
HeldLock heldAfterCall(const HeldLock &H, Term Lock, const Event &E,
                       uint32_t Target) {
  HeldLock N;
  N.Lock = std::move(Lock);
  N.Kind = H.Kind;
  N.Mode = H.Mode;
  N.Recursive = H.Recursive;
  N.Site = E.At;
  N.Via = Target;
  N.Inner = Chain::prepend(ChainStep{Target, H.Site, H.Via}, H.Inner);
  return N;
}

void applyCall(const Event &E, LockState &S, const SummaryLookup &Lookup) {
  if (E.Targets.empty())
    return;
  std::vector<const FunctionSummary *> Sums;
  std::vector<uint32_t> SumTargets; ///< the callee of each of Sums
  size_t Pending = 0;
  for (uint32_t T : E.Targets)
    if (const FunctionSummary *Sm = Lookup(T)) {
      if (Sm->Pending) {
        ++Pending;
      } else {
        Sums.push_back(Sm);
        SumTargets.push_back(T);
      }
    }
  // Only callees of the recursive component not summarized yet: for this
  // round the call does not return (see FunctionSummary::Pending).
  if (Pending == E.Targets.size()) {
    S.Reached = false;
    return;
  }
  if (Sums.empty())
    return;
  bool AllKnown = Sums.size() + Pending == E.Targets.size();
  bool ReleasesAny = false;
  for (const FunctionSummary *Sm : Sums)
    ReleasesAny |= !Sm->NetReleased.empty();

  // A lock every possible callee returns holding is held after the call.
  unsigned Sub = 0;
  if (AllKnown)
    for (const HeldLock &H : Sums[0]->NetAcquired) {
      ++Sub;
      bool Everywhere = llvm::all_of(Sums, [&](const FunctionSummary *O) {
        return llvm::any_of(O->NetAcquired, [&](const HeldLock &X) {
          return sameLock(X.Lock, H.Lock);
        });
      });
      if (!Everywhere)
        continue;
      HeldLock N = heldAfterCall(H, substitute(H.Lock, E), E, E.Targets[0]);
      N.Owner = E.ResultOwner;
      if (N.Owner >= 0)
        S.Owned.push_back({N.Owner, N});
      addHeld(S, std::move(N), &E, Sub);
    }

  // A lock a callee returns holding on some paths only, or that only some
  // of the possible callees return holding, may be held after the call. A
  // release of it is then this function's own, not an entry lock released
  // for its caller: without this, every `if (atomic_dec_and_lock(..))
  // spin_unlock(..)` released a lock for all its callers, transitively.
  for (size_t I = 0; I < Sums.size(); ++I) {
    auto Maybe = [&](const HeldLock &H) {
      Term L = substitute(H.Lock, E);
      if (!identifiable(L) || findLock(S.Must, L) >= 0)
        return;
      HeldLock N = heldAfterCall(H, std::move(L), E, SumTargets[I]);
      N.Conditional = true;
      addUnique(S.May, N);
    };
    for (const HeldLock &H : Sums[I]->MayAcquired)
      Maybe(H);
    for (const HeldLock &H : Sums[I]->NetAcquired)
      Maybe(H);
  }

  // What a callee takes (and maybe drops) on the way is still something
  // this path had to take: a signal after the call needs it too.
  Sub = 0x10000;
  for (const FunctionSummary *Sm : Sums)
    for (const AcqSummary &A : Sm->Acquires) {
      ++Sub;
      if (!S.Taken || A.Sync || S.Before.size() >= MaxTracked)
        continue;
      HeldLock B;
      B.Lock = substitute(A.Lock, E);
      if (!identifiable(B.Lock))
        continue;
      B.Kind = A.Kind;
      B.Mode = A.Mode;
      B.Site = E.At;
      B.Via = E.Targets[0];
      B.Inner = A.Steps;
      addBefore(S, &E, Sub, B);
    }

  if (E.ReleasesOwner) {
    // A destructor or cleanup function: it releases what its object owns.
    if (ReleasesAny && E.Owner >= 0)
      releaseOwned(S, E.Owner);
    return;
  }
  for (const FunctionSummary *Sm : Sums)
    for (const Term &R : Sm->NetReleased)
      releaseLock(S, substitute(R, E));
}

void apply(const Event &E, LockState &S, const SummaryLookup &Lookup) {
  switch (E.Kind) {
  case EventKind::Acquire: {
    HeldLock H = heldFrom(E);
    if (H.Owner >= 0)
      addOwned(S, H.Owner, H);
    addHeld(S, std::move(H), &E, 0);
    break;
  }
  case EventKind::TryAcquire: {
    HeldLock H = heldFrom(E);
    if (!identifiable(H.Lock))
      break;
    if (H.Owner >= 0)
      addOwned(S, H.Owner, H);
    S.Pending.push_back({E.TryId, H});
    addUnique(S.May, H);
    break;
  }
  case EventKind::Release:
    releaseLock(S, E.Lock);
    break;
  case EventKind::OwnedAcquire: {
    std::vector<HeldLock> Take;
    for (const HeldLock *H : S.ownedBy(E.Owner))
      Take.push_back(*H);
    unsigned Sub = 0;
    for (HeldLock &H : Take) {
      H.Site = E.At;
      H.Via = E.Callee;
      H.Inner.clear();
      if (findLock(S.Must, H.Lock) < 0)
        addHeld(S, H, &E, Sub);
      ++Sub;
    }
    break;
  }
  case EventKind::OwnedTry:
    S.PendingOwner.push_back({E.TryId, E.Owner});
    for (const HeldLock *H : S.ownedBy(E.Owner))
      addUnique(S.May, *H);
    break;
  case EventKind::OwnsQuery:
    S.PendingOwner.push_back({E.TryId, E.Owner});
    break;
  case EventKind::OwnedRelease:
    releaseOwned(S, E.Owner);
    break;
  case EventKind::Disown:
    llvm::erase_if(S.Owned, [&](auto &P) { return P.first == E.Owner; });
    for (HeldLock &H : S.Must)
      if (H.Owner == E.Owner)
        H.Owner = -1;
    for (HeldLock &H : S.May)
      if (H.Owner == E.Owner)
        H.Owner = -1;
    break;
  case EventKind::Defer:
    addOwned(S, E.Owner, heldFrom(E));
    break;
  case EventKind::Adopt: {
    HeldLock H = heldFrom(E);
    int I = findLock(S.Must, E.Lock);
    if (I >= 0) {
      S.Must[I].Owner = E.Owner;
      H = S.Must[I];
    }
    S.Owned.push_back({E.Owner, H});
    break;
  }
  case EventKind::Transfer:
    for (auto &[Owner, H] : S.Owned)
      if (Owner == E.Source) {
        Owner = E.Owner;
        H.Owner = E.Owner;
      }
    for (HeldLock &H : S.Must)
      if (H.Owner == E.Source)
        H.Owner = E.Owner;
    for (HeldLock &H : S.May)
      if (H.Owner == E.Source)
        H.Owner = E.Owner;
    break;
  case EventKind::Call:
    applyCall(E, S, Lookup);
    break;
  case EventKind::Wait:
  case EventKind::Signal:
  case EventKind::Bind:
  case EventKind::Relate:
    break;
  }
}

/// The state carried along an edge: a trylock branch decides its lock.
LockState alongEdge(const LockState &Out, const Edge &Ed) {
  if (Ed.TryId < 0 && Ed.When.Param < 0)
    return Out;
  LockState S = Out;
  if (Ed.When.Param >= 0 && !addGuard(S.Guards, Ed.When)) {
    // A branch the path's own conditions rule out.
    S.Reached = false;
    return S;
  }
  if (Ed.TryId < 0)
    return S;
  std::vector<HeldLock> Decided;
  llvm::erase_if(S.Pending, [&](auto &P) {
    if (P.first != Ed.TryId)
      return false;
    Decided.push_back(P.second);
    return true;
  });
  unsigned Sub = 0;
  for (HeldLock &H : Decided) {
    if (Ed.OnSuccess) {
      addHeld(S, H, &Ed, Sub++);
      // addHeld added to May again only if absent; fine.
    } else {
      int J = findLock(S.May, H.Lock);
      if (J >= 0 && S.May[J].Site == H.Site)
        S.May.erase(S.May.begin() + J);
    }
  }
  std::vector<int32_t> Slots;
  llvm::erase_if(S.PendingOwner, [&](auto &P) {
    if (P.first != Ed.TryId)
      return false;
    Slots.push_back(P.second);
    return true;
  });
  for (int32_t Slot : Slots) {
    std::vector<HeldLock> Owned;
    for (const HeldLock *H : S.ownedBy(Slot))
      Owned.push_back(*H);
    for (HeldLock &H : Owned) {
      if (Ed.OnSuccess) {
        if (findLock(S.Must, H.Lock) < 0)
          addHeld(S, H, &Ed, 0x10000 + Sub++);
      } else {
        int I = findLock(S.Must, H.Lock);
        if (I >= 0)
          S.Must.erase(S.Must.begin() + I);
        int J = findLock(S.May, H.Lock);
        if (J >= 0)
          S.May.erase(S.May.begin() + J);
      }
    }
  }
  return S;
}

/// Joins B into A (A already reached).
void joinInto(LockState &A, const LockState &B) {
  // Must: a multiset intersection by lock identity and mode.
  std::vector<bool> Used(B.Must.size());
  std::vector<HeldLock> Kept;
  for (const HeldLock &H : A.Must)
    for (size_t I = 0; I < B.Must.size(); ++I)
      if (!Used[I] && sameLock(H.Lock, B.Must[I].Lock) &&
          H.Mode == B.Must[I].Mode) {
        Used[I] = true;
        Kept.push_back(H);
        break;
      }
  A.Must = std::move(Kept);
  A.Guards = intersect(A.Guards, B.Guards);
  for (const HeldLock &H : B.May)
    addUnique(A.May, H);
  if (!B.Before.empty()) {
    // A union by identity, A's entry first (both sorted by identity).
    std::vector<std::pair<uint32_t, uint32_t>> U;
    U.reserve(A.Before.size() + B.Before.size());
    size_t I = 0, J = 0;
    while ((I < A.Before.size() || J < B.Before.size()) &&
           U.size() < MaxTracked) {
      if (J == B.Before.size() ||
          (I < A.Before.size() && A.Before[I].first <= B.Before[J].first)) {
        if (J < B.Before.size() && A.Before[I].first == B.Before[J].first)
          ++J;
        U.push_back(A.Before[I++]);
      } else {
        U.push_back(B.Before[J++]);
      }
    }
    A.Before = std::move(U);
  }
  // A lock that is not identifiable (no class, no instance) is not
  // sameLock() even with itself, so such an entry of B was appended again
  // at every join: around a loop the lists doubled on every iteration, an
  // exponential blow-up the iteration limit stopped only after minutes (the
  // analyzer fuzz target found it: a generated program with a project
  // annotation, test/fuzz/regressions/analyzer/). Such entries match by
  // owner alone, and each list is capped like the others.
  auto Same = [](const Term &X, const Term &Y) {
    return sameLock(X, Y) || (!identifiable(X) && !identifiable(Y));
  };
  for (const Term &T : B.Released)
    if (A.Released.size() < MaxTracked &&
        llvm::none_of(A.Released, [&](const Term &X) { return Same(X, T); }))
      A.Released.push_back(T);
  for (const auto &P : B.Owned)
    if (A.Owned.size() < MaxTracked &&
        llvm::none_of(A.Owned, [&](const auto &X) {
          return X.first == P.first && Same(X.second.Lock, P.second.Lock);
        }))
      A.Owned.push_back(P);
  for (const auto &P : B.Pending)
    if (A.Pending.size() < MaxTracked &&
        llvm::none_of(A.Pending, [&](const auto &X) {
          return X.first == P.first && Same(X.second.Lock, P.second.Lock);
        }))
      A.Pending.push_back(P);
  for (const auto &P : B.PendingOwner)
    if (A.PendingOwner.size() < MaxTracked &&
        !llvm::is_contained(A.PendingOwner, P))
      A.PendingOwner.push_back(P);
}

std::vector<std::string> keys(const std::vector<HeldLock> &V) {
  std::vector<std::string> K;
  K.reserve(V.size());
  for (const HeldLock &H : V)
    K.push_back(H.Lock.key() + (H.Mode == LockMode::Shared ? "/s" : "/x") +
                std::to_string(H.Owner));
  std::sort(K.begin(), K.end());
  return K;
}

} // namespace

uint32_t TakenTable::identity(const Term &T) {
  // sameLock: two classed locks match by class, two unclassed ones by
  // instance; a classed and an unclassed one never.
  std::pair<uint8_t, Atom> K{T.Class.empty(), T.key()};
  return Ids.try_emplace(K, uint32_t(Ids.size())).first->second;
}

uint32_t TakenTable::entry(const void *Where, unsigned Sub, const HeldLock &H) {
  auto [It, New] =
      Made.try_emplace({Where, (uint64_t(Sub) << 32) | identity(H.Lock)}, 0);
  if (New) {
    It->second = uint32_t(Entries.size());
    Entries.push_back(H);
  }
  return It->second;
}

std::vector<const HeldLock *> LockState::before() const {
  std::vector<const HeldLock *> R;
  if (Taken)
    for (const auto &[Id, Entry] : Before)
      R.push_back(&(*Taken)[Entry]);
  return R;
}

std::vector<const HeldLock *> LockState::ownedBy(int32_t Slot) const {
  std::vector<const HeldLock *> R;
  if (Slot < 0)
    return R;
  for (const auto &[Owner, H] : Owned)
    if (Owner == Slot)
      R.push_back(&H);
  return R;
}

bool LockState::operator==(const LockState &O) const {
  if (Reached != O.Reached || Must.size() != O.Must.size() ||
      May.size() != O.May.size() || Before.size() != O.Before.size() ||
      Released.size() != O.Released.size() || Owned.size() != O.Owned.size() ||
      Pending.size() != O.Pending.size() ||
      PendingOwner.size() != O.PendingOwner.size() || Guards != O.Guards)
    return false;
  for (size_t I = 0; I < Before.size(); ++I)
    if (Before[I].first != O.Before[I].first)
      return false;
  return keys(Must) == keys(O.Must) && keys(May) == keys(O.May);
}

DataflowResult runDataflow(const FunctionIR &F, const SummaryLookup &Lookup,
                           const EventVisitor *Visit, unsigned MaxIterations,
                           bool TrackBefore) {
  DataflowResult R;
  size_t N = F.Blocks.size();
  if (N == 0)
    return R;

  // Reverse post-order from the entry, and predecessor lists.
  std::vector<std::vector<std::pair<uint32_t, const Edge *>>> Preds(N);
  for (uint32_t B = 0; B < N; ++B)
    for (const Edge &E : F.Blocks[B].Succs)
      if (E.To < N)
        Preds[E.To].push_back({B, &E});
  std::vector<uint32_t> RPO;
  {
    std::vector<char> Seen(N);
    std::vector<std::pair<uint32_t, size_t>> Stack{{F.Entry, 0}};
    Seen[F.Entry] = 1;
    std::vector<uint32_t> Post;
    while (!Stack.empty()) {
      auto &[B, Next] = Stack.back();
      const auto &Succs = F.Blocks[B].Succs;
      if (Next < Succs.size()) {
        uint32_t To = Succs[Next++].To;
        if (To < N && !Seen[To]) {
          Seen[To] = 1;
          Stack.push_back({To, 0});
        }
        continue;
      }
      Post.push_back(B);
      Stack.pop_back();
    }
    RPO.assign(Post.rbegin(), Post.rend());
  }
  // Blocks with an edge back to themselves or to a block before them in
  // RPO: only a change in what they pass on needs another pass. Blocks are
  // visited in RPO, so every other successor sees the change in this pass;
  // a function without loops converges in one.
  std::vector<char> FeedsBack(N, 0);
  {
    std::vector<uint32_t> Pos(N, UINT32_MAX);
    for (uint32_t I = 0; I < RPO.size(); ++I)
      Pos[RPO[I]] = I;
    for (uint32_t B : RPO)
      for (const Edge &E : F.Blocks[B].Succs)
        if (E.To < N && Pos[E.To] <= Pos[B])
          FeedsBack[B] = 1;
  }

  std::vector<LockState> In(N), Out(N);
  if (TrackBefore)
    R.Taken = std::make_unique<TakenTable>();
  In[F.Entry].Reached = true;
  In[F.Entry].Taken = R.Taken.get();
  auto Transfer = [&](uint32_t B) {
    LockState S = In[B];
    if (S.Reached)
      for (const Event &E : F.Blocks[B].Events)
        apply(E, S, Lookup);
    return S;
  };
  bool Changed = true;
  unsigned Iter = 0;
  for (; Changed && Iter < MaxIterations; ++Iter) {
    Changed = false;
    for (uint32_t B : RPO) {
      LockState NewIn;
      NewIn.Taken = R.Taken.get();
      if (B == F.Entry)
        NewIn.Reached = true;
      for (auto &[P, Ed] : Preds[B]) {
        if (!Out[P].Reached)
          continue;
        LockState Along = alongEdge(Out[P], *Ed);
        if (!Along.Reached)
          continue;
        if (!NewIn.Reached)
          NewIn = std::move(Along);
        else
          joinInto(NewIn, Along);
      }
      if (Iter > 0 && NewIn == In[B])
        continue;
      In[B] = std::move(NewIn);
      LockState NewOut = Transfer(B);
      if (!(NewOut == Out[B]) || Iter == 0) {
        Out[B] = std::move(NewOut);
        Changed |= FeedsBack[B] != 0;
      }
    }
  }
  R.Converged = !Changed;

  if (Visit) {
    for (uint32_t B = 0; B < N; ++B) {
      if (!In[B].Reached)
        continue;
      LockState S = In[B];
      for (const Event &E : F.Blocks[B].Events) {
        (*Visit)(E, S);
        apply(E, S, Lookup);
      }
    }
  }
  R.Exit = F.Exit < N ? Out[F.Exit] : LockState();
  return R;
}

} // namespace holdwait
