//===- WorkerWaitUnderLock.cpp - waiting for a worker that needs the lock -===//
//
// flush_work, cancel_work_sync, kthread_stop, wait_for_completion,
// std::thread::join, condition_variable::wait (on another lock),
// future::get, pthread_join and annotated "wait for acknowledgement"
// helpers, while holding a lock that the awaited work function, thread body,
// completer or notifier takes. See docs/checks/worker-wait-under-lock.md.
//
//===----------------------------------------------------------------------===//
#include "checks/Check.h"

namespace holdwait {
namespace {
class WorkerWaitUnderLock : public Check {
public:
  llvm::StringRef name() const override { return "worker-wait-under-lock"; }
  llvm::StringRef summary() const override {
    return "A wait for a worker, thread, completion or acknowledgement while "
           "holding a lock that the awaited code needs";
  }
  void run(const Analysis &A, std::vector<Finding> &Out) const override {
    reportWaitsUnderLock(A, name(), WaitKind::WorkerWait, Out);
  }
};
} // namespace

std::unique_ptr<Check> makeWorkerWaitUnderLock() {
  return std::make_unique<WorkerWaitUnderLock>();
}
} // namespace holdwait
