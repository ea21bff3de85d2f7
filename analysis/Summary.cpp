//===- Summary.cpp - moving terms from a callee's frame to its caller -----===//
#include "analysis/Summary.h"

#include <algorithm>

namespace holdwait {

namespace {
/// Paths that keep growing through recursion (`$this.child.child...`) are
/// cut off: past this depth the type-based class is used.
constexpr size_t MaxPathDepth = 6;

/// `$0.lock` with argument instance `x->dev` becomes `x->dev.lock`.
std::string rebaseInstance(const std::string &Inst, const Event &Call) {
  if (Inst.empty() || Inst[0] != '$')
    return Inst;
  size_t End = 1;
  while (End < Inst.size() && Inst[End] != '.' && Inst[End] != '[')
    ++End;
  std::string Head = Inst.substr(1, End - 1);
  const Term *Base = nullptr;
  if (Head == "this")
    Base = &Call.ThisArg;
  else if (!Head.empty() && std::all_of(Head.begin(), Head.end(), ::isdigit)) {
    size_t I = std::stoul(Head);
    if (I < Call.Args.size())
      Base = &Call.Args[I];
  }
  if (!Base || Base->Instance.empty())
    return "?" + Inst.substr(End);
  return Base->Instance + Inst.substr(End);
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
    R.Class = Base->Class + T.Path;
  R.Root = Base->Root;
  R.Path = Base->Root == Term::NoRoot ? std::string() : Base->Path + T.Path;
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

} // namespace holdwait
