//===- LockGraphOutput.cpp - lock-order graph queries ---------------------===//
#include "tool/LockGraphOutput.h"

#include "llvm/Support/Path.h"

namespace holdwait {

llvm::Error writeLockGraph(const Analysis &A, llvm::StringRef Path) {
  const LockOrderGraph &G = A.lockOrder();
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  bool Json = Ext == ".json";
  if (Path != "-" && !Json && Ext != ".dot" && Ext != ".gv")
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "%s: cannot tell the lock graph format from the name (use .dot, .gv "
        "or .json, or - for DOT on standard output)",
        Path.str().c_str());
  std::string Text;
  if (Json) {
    llvm::raw_string_ostream OS(Text);
    OS << llvm::formatv("{0:2}", G.json()) << "\n";
  } else {
    Text = G.dot();
  }
  if (Path == "-") {
    llvm::outs() << Text;
    return llvm::Error::success();
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return llvm::createStringError(EC, "%s: cannot write: %s",
                                   Path.str().c_str(), EC.message().c_str());
  OS << Text;
  return llvm::Error::success();
}

bool explainLockOrder(llvm::raw_ostream &OS, const Analysis &A,
                      const std::string &From, const std::string &To) {
  const LockOrderGraph &G = A.lockOrder();
  for (const std::string *C : {&From, &To})
    if (!G.isNode(*C)) {
      OS << "no lock class " << *C
         << " is taken while another lock is held in the analyzed code (see "
            "--dump-lock-graph for the classes that are)\n";
      return false;
    }
  std::vector<const OrderEdge *> Path = G.path(From, To);
  if (Path.empty()) {
    OS << "nothing in the analyzed code takes " << To << " while holding "
       << From << " (directly or through other locks)\n";
    return false;
  }
  if (From == To)
    OS << From << " is on a lock-order cycle";
  else
    OS << From << " is taken before " << To;
  if (Path.size() > 1) {
    OS << " through";
    for (size_t I = 0; I + 1 < Path.size(); ++I)
      OS << " " << Path[I]->To;
  }
  OS << ":\n";
  for (const OrderEdge *E : Path) {
    OS << "  " << E->From << " -> " << E->To << "\n";
    for (const std::string &Row : drawOrderLink(A.orderLink(*E), 4))
      OS << Row << "\n";
    if (E->Evidence.size() > 1)
      OS << "    (" << E->Evidence.size() - 1 << " more site"
         << (E->Evidence.size() > 2 ? "s" : "") << " in --dump-lock-graph)\n";
  }
  return true;
}

} // namespace holdwait
