//===- IR.cpp - printing terms and domains --------------------------------===//
#include "analysis/IR.h"

namespace holdwait {

std::string Term::display() const {
  if (!Class.empty())
    return Class.str();
  if (Root == ThisRoot)
    return "$this" + Path;
  if (Root != NoRoot)
    return "$" + std::to_string(Root) + Path;
  return Instance.empty() ? std::string("?") : Instance.str();
}

Atom Term::unknownInstance() {
  static const Atom Unknown("?");
  return Unknown;
}

std::string Domain::name() const {
  if (!Literal.empty())
    return Literal.str();
  std::string Obj =
      Object.Class.empty()
          ? (Object.Root != Term::NoRoot ? Object.display() : std::string("?"))
          : Object.Class.str();
  return Prefix + ":" + Obj + Suffix;
}

bool Domain::resolved() const {
  return !Literal.empty() || !Object.Class.empty();
}

llvm::StringRef eventKindName(EventKind K) {
  switch (K) {
  case EventKind::Acquire:
    return "acquire";
  case EventKind::TryAcquire:
    return "try-acquire";
  case EventKind::Release:
    return "release";
  case EventKind::OwnedAcquire:
    return "owned-acquire";
  case EventKind::OwnedTry:
    return "owned-try";
  case EventKind::OwnedRelease:
    return "owned-release";
  case EventKind::Disown:
    return "disown";
  case EventKind::Defer:
    return "defer";
  case EventKind::Adopt:
    return "adopt";
  case EventKind::Transfer:
    return "transfer";
  case EventKind::OwnsQuery:
    return "owns-query";
  case EventKind::Call:
    return "call";
  case EventKind::Wait:
    return "wait";
  case EventKind::Signal:
    return "signal";
  case EventKind::Bind:
    return "bind";
  case EventKind::Relate:
    return "relate";
  }
  return "?";
}

} // namespace holdwait
