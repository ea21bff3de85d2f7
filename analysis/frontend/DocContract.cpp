//===- DocContract.cpp - what a function's kernel-doc promises ------------===//
#include "analysis/frontend/DocContract.h"

#include "clang/AST/RawCommentList.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace holdwait {

std::string kernelDocContext(llvm::StringRef Comment) {
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Comment.split(Lines, '\n');
  std::string Out;
  bool In = false;
  for (llvm::StringRef L : Lines) {
    // ` * text`, `/** text`, ` */`.
    L = L.trim();
    L.consume_front("/**");
    L.consume_back("*/");
    L = L.ltrim("*").trim();
    if (!In) {
      if (!L.consume_front("Context:"))
        continue;
      In = true;
    } else {
      // A blank line or the next section (`Return:`) ends it.
      llvm::StringRef Head = L.take_until([](char C) { return C == ':'; });
      bool Section = Head.size() < L.size() && !Head.empty() &&
                     llvm::isUpper(Head.front()) && !Head.contains(' ');
      if (L.empty() || Section)
        break;
    }
    if (!Out.empty())
      Out += ' ';
    Out += L.trim().lower();
  }
  return Out;
}

bool contextForbidsSleep(llvm::StringRef Context) {
  if (Context.empty())
    return false;
  // Anything about sleeping (`May sleep if the @gfp flags permit`) leaves
  // the function's sleeps to its callers' arguments.
  for (llvm::StringRef Caveat : {"sleep", "block", "process context only"})
    if (Context.contains(Caveat))
      return false;
  for (llvm::StringRef Atomic :
       {"any context", "interrupt context", "atomic context", "irq context",
        "holding a spinlock", "spinlock held", "spinlocks held"})
    if (Context.contains(Atomic))
      return true;
  return Context == "any" || Context == "any.";
}

bool docSaysNoSleep(clang::ASTContext &Ctx, const clang::FunctionDecl *FD) {
  const clang::RawComment *RC = Ctx.getRawCommentForAnyRedecl(FD);
  if (!RC)
    return false;
  return contextForbidsSleep(
      kernelDocContext(RC->getRawText(Ctx.getSourceManager())));
}

} // namespace holdwait
