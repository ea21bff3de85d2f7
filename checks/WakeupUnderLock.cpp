//===- WakeupUnderLock.cpp - waking a task under a lock the scheduler needs
//-===//
//
// wake_up_process, try_to_wake_up, complete, queue_work... take the
// runqueue lock. Doing so while holding L is an ABBA deadlock when L is
// taken under the runqueue lock elsewhere (a preempt notifier's sched_out,
// a tracepoint or BPF hook annotated to run under it, scheduler code).
// See docs/checks/wakeup-under-lock.md.
//
//===----------------------------------------------------------------------===//
#include "checks/Check.h"

namespace holdwait {
namespace {
class WakeupUnderLock : public Check {
public:
  llvm::StringRef name() const override { return "wakeup-under-lock"; }
  llvm::StringRef summary() const override {
    return "A wakeup (which takes the runqueue lock) while holding a lock "
           "that is itself taken under the runqueue lock";
  }
  void run(const Analysis &A, std::vector<Finding> &Out) const override {
    reportWaitsUnderLock(A, name(), WaitKind::Wakeup, Out);
  }
};
} // namespace

std::unique_ptr<Check> makeWakeupUnderLock() {
  return std::make_unique<WakeupUnderLock>();
}
} // namespace holdwait
