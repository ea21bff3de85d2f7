//===- RelatedLocations.cpp - the places a finding points at --------------===//
#include "tool/RelatedLocations.h"

#include "llvm/ADT/StringRef.h"

namespace holdwait {

namespace {
/// Where a conflict or lock-order rule is written: `annotations/kvm.yaml:12`
/// (as the file was named on the command line) or `/src/dev.h:40` (a
/// HOLDWAIT_CONFLICTS_WITH). No file when the reference has no line.
SourcePoint annotationPoint(llvm::StringRef Ref) {
  auto [File, Line] = Ref.rsplit(':');
  SourcePoint P;
  if (!File.empty() && !Line.getAsInteger(10, P.Line))
    P.File = File.str();
  return P;
}
} // namespace

std::vector<RelatedLocation> relatedLocations(const Finding &F) {
  std::vector<RelatedLocation> Out;
  auto Add = [&](const SourcePoint &P, std::string Message) {
    if (!P.File.empty())
      Out.push_back({P, std::move(Message)});
  };
  if (!F.Order.empty()) {
    for (const OrderLink &O : F.Order) {
      // Context already names the function: `kvm_sched_out() is called
      // with rq.__lock held (preempt_ops.sched_out)`.
      if (O.Context.empty())
        Add(O.HeldAt,
            O.Function + "() takes " + O.From + " here (" + O.HeldVia + ")");
      else
        Add(O.HeldAt, O.Context);
      Add(O.At, O.Function + "() takes " + O.To +
                    (O.Context.empty() ? " while holding "
                                       : " while running under ") +
                    O.From +
                    (O.Implicit.empty() ? "" : " (" + O.Implicit + ")"));
    }
    if (!F.AnnotationRef.empty())
      Add(annotationPoint(F.AnnotationRef),
          "the documented lock order: " + F.Reason);
    return Out;
  }
  if (!F.Lock.empty())
    Add(F.LockAt,
        F.Function + "() takes " + F.Lock + " here (" + F.LockVia + ")");
  if (!F.AnnotationRef.empty())
    Add(annotationPoint(F.AnnotationRef),
        "the rule that " + F.Lock + " conflicts with the wait: " + F.Reason);
  if (F.HasOther) {
    if (!F.Other.Context.empty())
      Add(F.Other.ContextAt,
          F.Other.Function + "() enters " + F.Domain + ": " + F.Other.Context);
    // How names the function already: `body() runs in thread:worker`.
    Add(F.Other.AcquiredAt,
        F.Other.How + ", and " +
            (F.Other.Sync ? "waits for a grace period of " : "takes ") +
            F.Lock + " here");
  }
  return Out;
}

} // namespace holdwait
