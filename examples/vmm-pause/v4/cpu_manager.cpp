// vmm-pause v4 - the correct shape.  A C++ model of seed 002 done right, as
// described for v4 in the seed notes; written for holdwait, no code copied.
//
// - The handshake lives in per-vCPU atomics (VcpuFlags); vcpu_states (lock
//   class vmm::CpuManager.vcpu_states) is only needed to reach a VcpuState.
// - The waits take closures.  Each closure takes vcpu_states for one check
//   (or one re-signal) and drops it before returning, so the lock is free
//   during every sleep: a vCPU blocked on it in the hotplug handler gets it,
//   finishes the MMIO access, and acknowledges.
// - Eject runs on the VMM thread in short phases (kick under the lock, wait
//   with no lock, take the thread handle under the lock, join with no lock).
//   The hotplug handler only records the request: it runs under the bus's
//   BusDevice::mutex, so waiting there would be the same bug again.
// No wait happens while a lock a vCPU needs is held: no findings.

#include "annotations/holdwait.h"
#include "bus.h"
#include "sync.h"
#include "vcpu.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace vmm {
inline namespace VMM_VERSION {
// Inline, so names still print as vmm::CpuManager etc.; distinct per version
// so that one program made of v1..v4 has four different CpuManager classes.

using namespace std::chrono_literals;

struct VcpuState {
  bool inserting = false;
  bool removing = false;
  bool eject_requested = false;
  std::shared_ptr<VcpuFlags> flags = std::make_shared<VcpuFlags>();
  std::thread handle;

  bool active() const { return handle.joinable(); }
  void signal_thread() {
    if (handle.joinable())
      kick_thread(handle);
  }
  // A vCPU without a thread (ejected) counts as acknowledged and paused.
  bool acknowledged() const {
    return !handle.joinable() || flags->vcpu_run_interrupted.load();
  }
  bool paused() const { return !handle.joinable() || flags->paused.load(); }
};

// Poll `acknowledged` every 1 ms, call `resignal` every 10 polls, give up
// after 1000 polls.  Holds no lock itself; the closures take and release
// whatever they need within one call.
HOLDWAIT_WAITS_FOR("vcpu-ack")
bool wait_until_signal_acknowledged(const std::function<bool()> &acknowledged,
                                    const std::function<void()> &resignal) {
  for (int i = 1; i <= 1000; ++i) {
    if (acknowledged())
      return true;
    std::this_thread::sleep_for(1ms);
    if (i % 10 == 0)
      resignal();
  }
  return false; // timed out
}

HOLDWAIT_WAITS_FOR("vcpu-ack")
void wait_until_paused(const std::function<bool()> &paused) {
  while (!paused())
    std::this_thread::sleep_for(1ms);
}

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
  CpuManager *cpu_manager_;  // locks cpu_manager_->vcpu_states
  uint8_t selected_cpu_ = 0; // guarded by BusDevice::mutex
};

class CpuManager {
public:
  CpuManager(MmioBus &bus, size_t vcpu_count);

  void start_vcpus();
  void signal_vcpus();
  void pause();
  void resume() { vcpus_pause_signalled_.store(false); }
  // Called from the VMM thread's event loop after the hotplug device
  // reported an eject request.
  void eject_requested_vcpus();

private:
  friend class AcpiCpuHotplugController;

  // The vCPU thread's loop: all of it runs before the vCPU can acknowledge.
  HOLDWAIT_RUNS_IN("vcpu-ack")
  void vcpu_loop(size_t id, std::shared_ptr<VcpuFlags> flags);

  // Each of these holds vcpu_states for one short step.
  size_t vcpu_count();
  void signal_vcpu(size_t id);
  bool vcpu_acknowledged(size_t id);
  bool vcpu_paused(size_t id);
  void eject_vcpu(size_t id);

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

size_t CpuManager::vcpu_count() {
  MutexGuard<std::vector<VcpuState>> states(vcpu_states);
  return states->size();
}

void CpuManager::signal_vcpu(size_t id) {
  MutexGuard<std::vector<VcpuState>> states(vcpu_states);
  (*states)[id].signal_thread();
}

bool CpuManager::vcpu_acknowledged(size_t id) {
  MutexGuard<std::vector<VcpuState>> states(vcpu_states);
  return (*states)[id].acknowledged();
}

bool CpuManager::vcpu_paused(size_t id) {
  MutexGuard<std::vector<VcpuState>> states(vcpu_states);
  return (*states)[id].paused();
}

// v4: signal all, then wait for each with no lock held across the wait.
void CpuManager::signal_vcpus() {
  size_t count = vcpu_count();
  for (size_t i = 0; i < count; ++i)
    signal_vcpu(i);
  for (size_t i = 0; i < count; ++i)
    wait_until_signal_acknowledged([this, i] { return vcpu_acknowledged(i); },
                                   [this, i] { signal_vcpu(i); });
}

void CpuManager::pause() {
  vcpus_pause_signalled_.store(true);
  signal_vcpus();
  size_t count = vcpu_count();
  for (size_t i = 0; i < count; ++i)
    wait_until_paused([this, i] { return vcpu_paused(i); });
}

void CpuManager::eject_requested_vcpus() {
  std::vector<size_t> ids;
  {
    MutexGuard<std::vector<VcpuState>> states(vcpu_states);
    for (size_t i = 0; i < states->size(); ++i) {
      if ((*states)[i].eject_requested) {
        (*states)[i].eject_requested = false;
        ids.push_back(i);
      }
    }
  }
  for (size_t id : ids)
    eject_vcpu(id);
}

// v4: eject in short phases; nothing waits while vcpu_states is held.
void CpuManager::eject_vcpu(size_t id) {
  { // Phase 1, under the lock: ask the thread to exit, and kick it.
    MutexGuard<std::vector<VcpuState>> states(vcpu_states);
    VcpuState &state = (*states)[id];
    state.flags->kill.store(true);
    state.signal_thread();
  }
  // Phase 2, no lock held: wait for the acknowledgement.
  wait_until_signal_acknowledged([this, id] { return vcpu_acknowledged(id); },
                                 [this, id] { signal_vcpu(id); });
  // Phase 3, under the lock: take the thread handle out of the state.
  std::thread thread;
  {
    MutexGuard<std::vector<VcpuState>> states(vcpu_states);
    thread = std::move((*states)[id].handle);
  }
  // Phase 4, no lock held: join.
  if (thread.joinable())
    thread.join();
}

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

// v4: an eject is only recorded here; the VMM thread performs it.
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
    if (data[0] & (1u << kCpuEjectFlag))
      state.eject_requested = true; // the VMM's event loop is notified
    break;
  }
  }
}

} // namespace VMM_VERSION
} // namespace vmm
