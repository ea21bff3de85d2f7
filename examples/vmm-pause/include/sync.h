// vmm-pause/include/sync.h - a Rust-like Mutex<T> for the seed 002 ports.
//
// Written for holdwait.  Like Rust's std::sync::Mutex<T>, the protected value
// is reachable only through a guard, so "holding the lock" and "touching the
// state" are the same thing in the code.  The types carry Clang's
// thread-safety attributes; holdwait reads them as its lock model: a
// MutexGuard constructed on `m` acquires `m` and its destructor releases it.
#ifndef VMM_SYNC_H
#define VMM_SYNC_H

#include <mutex>
#include <utility>

namespace vmm {
// Each version is its own program: the build passes -DVMM_VERSION=vN so
// the shared classes of one version never link with another's.
inline namespace VMM_VERSION {

template <typename T> class MutexGuard;

template <typename T> class __attribute__((capability("mutex"))) Mutex {
public:
  Mutex() = default;
  explicit Mutex(T value) : value_(std::move(value)) {}
  Mutex(const Mutex &) = delete;
  Mutex &operator=(const Mutex &) = delete;

  // The bodies use the unannotated std::mutex, hence no_thread_safety_analysis.
  void lock() __attribute__((acquire_capability()))
  __attribute__((no_thread_safety_analysis)) {
    m_.lock();
  }
  void unlock() __attribute__((release_capability()))
  __attribute__((no_thread_safety_analysis)) {
    m_.unlock();
  }

private:
  friend class MutexGuard<T>;
  std::mutex m_;
  T value_;
};

// RAII guard, the counterpart of Rust's MutexGuard<'_, T>.
template <typename T> class __attribute__((scoped_lockable)) MutexGuard {
public:
  explicit MutexGuard(Mutex<T> &m) __attribute__((acquire_capability(m)))
  : m_(m) {
    m_.lock();
  }
  ~MutexGuard() __attribute__((release_capability())) { m_.unlock(); }
  MutexGuard(const MutexGuard &) = delete;
  MutexGuard &operator=(const MutexGuard &) = delete;

  T *operator->() { return &m_.value_; }
  T &operator*() { return m_.value_; }

private:
  Mutex<T> &m_;
};

} // namespace VMM_VERSION
} // namespace vmm

#endif // VMM_SYNC_H
