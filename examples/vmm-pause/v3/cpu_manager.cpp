// vmm-pause v3 - the lock per iteration, but held across each wait's retry
// loop.  A C++ model of seed 002 (cloud-hypervisor pause deadlock), the first
// "fix", which only narrowed the window; written for holdwait, no code copied.
//
// signal_vcpus() now reacquires vcpu_states (lock class
// vmm::CpuManager.vcpu_states) for every vCPU in both phases.  But in the
// wait phase the lock is held for the whole of
// wait_until_signal_acknowledged(i) - up to 1000 sleeps and 100 re-signals -
// and vCPU i may be blocked on that same lock in
// AcpiCpuHotplugController::read() or write():
//
//   VMM thread: signal_vcpus()             vCPU i: vcpu_loop()
//   for i: lock; kick(i); unlock             MmioBus::read()
//   for i: lock;                              AcpiCpuHotplugController::read()
//          wait_until_signal_acknowledged(i) <-- lock(vcpu_states) ...blocks
//          unlock
//
// pause()'s "wait until paused" loop still runs under vcpu_states, with no
// timeout.  The hotplug controller (and its eject path) is unchanged from v2.

#include "annotations/holdwait.h"
#include "bus.h"
#include "sync.h"
#include "vcpu.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace vmm {
inline namespace VMM_VERSION {
// Inline, so names still print as vmm::CpuManager etc.; distinct per version
// so that one program made of v1..v4 has four different CpuManager classes.

using namespace std::chrono_literals;

struct VcpuState {
  bool inserting = false;
  bool removing = false;
  std::shared_ptr<VcpuFlags> flags = std::make_shared<VcpuFlags>();
  std::thread handle;

  bool active() const { return handle.joinable(); }
  void signal_thread() {
    if (handle.joinable())
      kick_thread(handle);
  }

  // Poll the acknowledgement every 1 ms, re-signal every 10 polls, give up
  // after 1000 polls.
  HOLDWAIT_WAITS_FOR("vcpu-ack")
  bool wait_until_signal_acknowledged() {
    if (!handle.joinable())
      return true; // no thread: nothing to acknowledge
    for (int i = 1; i <= 1000; ++i) {
      if (flags->vcpu_run_interrupted.load())
        return true;
      std::this_thread::sleep_for(1ms);
      if (i % 10 == 0)
        signal_thread();
    }
    return false; // timed out
  }

  // Wait until the vCPU has parked itself.  No timeout.
  HOLDWAIT_WAITS_FOR("vcpu-ack")
  void wait_until_paused() {
    while (handle.joinable() && !flags->paused.load())
      std::this_thread::sleep_for(1ms);
  }
};

class CpuManager;

// The ACPI CPU hotplug device.  Its handlers run on a vCPU thread, called by
// the bus with this device's BusDevice::mutex held.
class AcpiCpuHotplugController : public BusDevice {
public:
  explicit AcpiCpuHotplugController(CpuManager *cpu_manager)
      : cpu_manager_(cpu_manager) {}

  void read(uint64_t base, uint64_t offset, uint8_t *data, size_t len) override;
  void write(uint64_t base, uint64_t offset, const uint8_t *data,
             size_t len) override;

private:
  // Stands for the controller's Arc clone of vcpu_states: it locks
  // cpu_manager_->vcpu_states, the CpuManager's own field.
  CpuManager *cpu_manager_;
  uint8_t selected_cpu_ = 0; // guarded by BusDevice::mutex
};

class CpuManager {
public:
  CpuManager(MmioBus &bus, size_t vcpu_count);

  void start_vcpus();
  void signal_vcpus();
  void pause();
  void resume() { vcpus_pause_signalled_.store(false); }

private:
  friend class AcpiCpuHotplugController;

  // The vCPU thread's loop: all of it runs before the vCPU can acknowledge.
  HOLDWAIT_RUNS_IN("vcpu-ack")
  void vcpu_loop(size_t id, std::shared_ptr<VcpuFlags> flags);

  std::vector<std::unique_ptr<Vcpu>> vcpus_; // fixed before threads start
  Mutex<std::vector<VcpuState>> vcpu_states;
  std::unique_ptr<AcpiCpuHotplugController> hotplug_;
  std::atomic<bool> vcpus_pause_signalled_{false};
};

CpuManager::CpuManager(MmioBus &bus, size_t vcpu_count)
    : vcpu_states(std::vector<VcpuState>(vcpu_count)),
      hotplug_(std::make_unique<AcpiCpuHotplugController>(this)) {
  for (size_t i = 0; i < vcpu_count; ++i)
    vcpus_.push_back(std::make_unique<Vcpu>(static_cast<int>(i), bus));
  bus.insert(hotplug_.get(), kCpuHotplugBase, kCpuHotplugSize);
}

void CpuManager::start_vcpus() {
  MutexGuard<std::vector<VcpuState>> states(vcpu_states);
  for (size_t i = 0; i < states->size(); ++i) {
    VcpuState &state = (*states)[i];
    std::shared_ptr<VcpuFlags> flags = state.flags;
    state.handle = std::thread([this, i, flags] { vcpu_loop(i, flags); });
  }
}

void CpuManager::vcpu_loop(size_t id, std::shared_ptr<VcpuFlags> flags) {
  Vcpu &vcpu = *vcpus_[id];
  for (;;) {
    // Top of the loop: the only place a kick is acknowledged.
    if (flags->kill.load()) {
      flags->vcpu_run_interrupted.store(true);
      return;
    }
    if (vcpus_pause_signalled_.load()) {
      flags->vcpu_run_interrupted.store(true);
      flags->paused.store(true);
      while (vcpus_pause_signalled_.load()) // stands for thread::park()
        std::this_thread::sleep_for(1ms);
      flags->paused.store(false);
    }
    flags->vcpu_run_interrupted.store(false);
    // KVM_RUN; an MMIO exit to the hotplug device locks vcpu_states.
    if (vcpu.run() == VmExit::Shutdown)
      return;
  }
}

// v3: lock per vCPU and per phase - but held across each wait.
void CpuManager::signal_vcpus() {
  size_t count;
  {
    MutexGuard<std::vector<VcpuState>> states(vcpu_states);
    count = states->size();
  }
  for (size_t i = 0; i < count; ++i) {
    MutexGuard<std::vector<VcpuState>> states(vcpu_states);
    (*states)[i].signal_thread();
  }
  for (size_t i = 0; i < count; ++i) {
    MutexGuard<std::vector<VcpuState>> states(vcpu_states);
    (*states)[i].wait_until_signal_acknowledged(); // BUG: under vcpu_states
  }
}

// Unchanged from v2: the "wait until paused" loop runs under vcpu_states.
void CpuManager::pause() {
  vcpus_pause_signalled_.store(true);
  signal_vcpus();
  MutexGuard<std::vector<VcpuState>> states(vcpu_states);
  for (VcpuState &state : *states)
    state.wait_until_paused(); // BUG: under vcpu_states, no timeout
}

// Unchanged from v2: every register read takes vcpu_states.
void AcpiCpuHotplugController::read(uint64_t, uint64_t offset, uint8_t *data,
                                    size_t len) {
  MutexGuard<std::vector<VcpuState>> states(cpu_manager_->vcpu_states);
  if (len == 0)
    return;
  data[0] = 0;
  switch (offset) {
  case kCpuSelectionOffset:
    data[0] = selected_cpu_;
    break;
  case kCpuStatusOffset:
    if (selected_cpu_ < states->size()) {
      const VcpuState &state = (*states)[selected_cpu_];
      if (state.active())
        data[0] |= 1u << kCpuEnableFlag;
      if (state.inserting)
        data[0] |= 1u << kCpuInsertingFlag;
      if (state.removing)
        data[0] |= 1u << kCpuRemovingFlag;
    }
    break;
  }
}

// Unchanged from v2: the status register takes vcpu_states; an eject does all
// of its work under it.
void AcpiCpuHotplugController::write(uint64_t, uint64_t offset,
                                     const uint8_t *data, size_t len) {
  if (len == 0)
    return;
  switch (offset) {
  case kCpuSelectionOffset:
    selected_cpu_ = data[0];
    break;
  case kCpuStatusOffset: {
    MutexGuard<std::vector<VcpuState>> states(cpu_manager_->vcpu_states);
    if (selected_cpu_ >= states->size())
      break;
    VcpuState &state = (*states)[selected_cpu_];
    // The guest writes the flag back to acknowledge an insert/remove.
    if (data[0] & (1u << kCpuInsertingFlag))
      state.inserting = false;
    if (data[0] & (1u << kCpuRemovingFlag))
      state.removing = false;
    if (data[0] & (1u << kCpuEjectFlag)) {
      state.flags->kill.store(true);
      state.signal_thread();
      state.wait_until_signal_acknowledged(); // BUG: under vcpu_states
      if (state.handle.joinable())
        state.handle.join(); // BUG: under vcpu_states
    }
    break;
  }
  }
}

} // namespace VMM_VERSION
} // namespace vmm
