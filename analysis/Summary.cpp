//===- Summary.cpp - moving terms from a callee's frame to its caller -----===//
#include "analysis/Summary.h"

#include "llvm/ADT/DenseMap.h"

#include <algorithm>

namespace holdwait {

namespace {
/// Paths that keep growing through recursion (`$this.child.child...`) are
/// cut off: past this depth the type-based class is used.
constexpr size_t MaxPathDepth = 6;

/// `$0.lock` with argument instance `x->dev` becomes `x->dev.lock`.
Atom rebaseInstance(Atom Inst, const Event &Call) {
  if (!Inst.isParamRef())
    return Inst;
  const std::string &S = Inst.str();
  size_t End = 1;
  while (End < S.size() && S[End] != '.' && S[End] != '[')
    ++End;
  llvm::StringRef Head = llvm::StringRef(S).slice(1, End);
  const Term *Base = nullptr;
  unsigned I = 0;
  if (Head == "this")
    Base = &Call.ThisArg;
  else if (!Head.empty() && !Head.getAsInteger(10, I) && I < Call.Args.size())
    Base = &Call.Args[I];
  Atom NewBase = !Base || Base->Instance.empty() ? Term::unknownInstance()
                                                 : Base->Instance;
  // The same callee name is rebased onto the same argument again and again
  // (every entry of every caller's copy of a summary): remember the result.
  thread_local llvm::DenseMap<std::pair<Atom, Atom>, Atom> Rebased;
  auto [It, New] = Rebased.try_emplace({Inst, NewBase}, Atom());
  if (New)
    It->second = Atom(NewBase.str() + S.substr(End));
  return It->second;
}
} // namespace

Term substitute(const Term &T, const Event &Call) {
  Term R = T;
  R.Instance = rebaseInstance(T.Instance, Call);
  if (T.Root == Term::NoRoot)
    return R;
  const Term *Base = nullptr;
  if (T.Root == Term::ThisRoot)
    Base = &Call.ThisArg;
  else if (size_t(T.Root) < Call.Args.size())
    Base = &Call.Args[T.Root];
  if (!Base || (Base->Class.empty() && Base->Root == Term::NoRoot)) {
    // The caller passes something we cannot name: keep the callee's
    // type-based class.
    R.Root = Term::NoRoot;
    R.Path.clear();
    return R;
  }
  R.Local = Base->Local;
  if (!Base->Class.empty())
    R.Class = Atom::concat(Base->Class, T.Path);
  R.Root = Base->Root;
  R.Path =
      Base->Root == Term::NoRoot ? Atom() : Atom::concat(Base->Path, T.Path);
  if (std::count(R.Path.begin(), R.Path.end(), '.') > long(MaxPathDepth)) {
    R.Root = Term::NoRoot;
    R.Path.clear();
    R.Class = T.Class; // the callee's type-based class
  }
  return R;
}

Domain substitute(const Domain &D, const Event &Call) {
  Domain R = D;
  if (D.Literal.empty())
    R.Object = substitute(D.Object, Call);
  return R;
}

bool substitute(const GuardList &Callee, const Event &Call,
                const GuardList &Path, GuardList &Out) {
  return substitute(Callee, Call.ArgVals, Path, Out);
}

bool substitute(const GuardList &Callee, llvm::ArrayRef<ArgBits> Args,
                const GuardList &Path, GuardList &Out) {
  Out = Path;
  for (const Guard &G : Callee) {
    ArgBits A = size_t(G.Param) < Args.size() ? Args[G.Param] : ArgBits::top();
    Resolved R = resolve(A, G);
    if (R.K == Resolved::Never)
      return false;
    // Unknown: the caller cannot say; the entry is kept without it.
    if (R.K == Resolved::OnParam && !addGuard(Out, R.G))
      return false;
  }
  return true;
}

} // namespace holdwait
