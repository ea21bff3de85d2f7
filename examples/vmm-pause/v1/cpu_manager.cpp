// vmm-pause v1 - one big lock.  A C++ model of seed 002 (cloud-hypervisor
// pause deadlock), first version; written for holdwait, no code copied.
//
// The ACPI CPU hotplug device *is* the CpuManager: it is registered on the
// MMIO bus, so the bus's device lock (BusDevice::mutex, lock class
// vmm::BusDevice.mutex) is the CpuManager's one big lock.
//
//   VMM thread: pause()                    vCPU thread: vcpu_loop()
//   lock(CpuManager)                         guest touches the hotplug
//   set pause flag, kick every vCPU          registers: MmioBus::read()
//   wait_until_signal_acknowledged() <-----  lock(CpuManager)  ...blocks
//     ...never acknowledged: the vCPU can only acknowledge at the top of
//     its loop, after the MMIO handler returns.  Deadlock (or, with the
//     timeout, a failed pause); wait_until_paused() has no timeout at all.

#include "annotations/holdwait.h"
#include "bus.h"
#include "vcpu.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
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

class CpuManager : public BusDevice {
public:
  CpuManager(MmioBus &bus, size_t vcpu_count);

  void start_vcpus();
  void pause();
  void resume() { vcpus_pause_signalled_.store(false); }

  // ACPI CPU hotplug registers.  Called by the bus on a vCPU thread with
  // this device's BusDevice::mutex held.
  void read(uint64_t base, uint64_t offset, uint8_t *data, size_t len) override;
  void write(uint64_t base, uint64_t offset, const uint8_t *data,
             size_t len) override;

private:
  // The vCPU thread's loop: all of it runs before the vCPU can acknowledge.
  HOLDWAIT_RUNS_IN("vcpu-ack")
  void vcpu_loop(size_t id, std::shared_ptr<VcpuFlags> flags);

  std::vector<std::unique_ptr<Vcpu>> vcpus_; // fixed before threads start
  std::vector<VcpuState> vcpu_states;        // guarded by BusDevice::mutex
  uint8_t selected_cpu_ = 0;                 // guarded by BusDevice::mutex
  std::atomic<bool> vcpus_pause_signalled_{false};
};

CpuManager::CpuManager(MmioBus &bus, size_t vcpu_count)
    : vcpu_states(vcpu_count) {
  for (size_t i = 0; i < vcpu_count; ++i)
    vcpus_.push_back(std::make_unique<Vcpu>(static_cast<int>(i), bus));
  bus.insert(this, kCpuHotplugBase, kCpuHotplugSize);
}

void CpuManager::start_vcpus() {
  std::lock_guard<std::mutex> guard(mutex);
  for (size_t i = 0; i < vcpu_states.size(); ++i) {
    std::shared_ptr<VcpuFlags> flags = vcpu_states[i].flags;
    vcpu_states[i].handle =
        std::thread([this, i, flags] { vcpu_loop(i, flags); });
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
    // KVM_RUN; an MMIO exit to the hotplug device locks this CpuManager.
    if (vcpu.run() == VmExit::Shutdown)
      return;
  }
}

// v1: the VMM holds the CpuManager lock for the whole pause (in the Rust
// code the caller holds the Arc<Mutex<CpuManager>> guard across pause()).
void CpuManager::pause() {
  std::lock_guard<std::mutex> guard(mutex);
  vcpus_pause_signalled_.store(true);
  for (VcpuState &state : vcpu_states)
    state.signal_thread();
  for (VcpuState &state : vcpu_states)
    state.wait_until_signal_acknowledged(); // BUG: under BusDevice::mutex
  for (VcpuState &state : vcpu_states)
    state.wait_until_paused(); // BUG: under BusDevice::mutex, no timeout
}

void CpuManager::read(uint64_t, uint64_t offset, uint8_t *data, size_t len) {
  if (len == 0)
    return;
  data[0] = 0;
  switch (offset) {
  case kCpuSelectionOffset:
    data[0] = selected_cpu_;
    break;
  case kCpuStatusOffset:
    if (selected_cpu_ < vcpu_states.size()) {
      const VcpuState &state = vcpu_states[selected_cpu_];
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

void CpuManager::write(uint64_t, uint64_t offset, const uint8_t *data,
                       size_t len) {
  if (len == 0)
    return;
  switch (offset) {
  case kCpuSelectionOffset:
    selected_cpu_ = data[0];
    break;
  case kCpuStatusOffset:
    if (selected_cpu_ < vcpu_states.size()) {
      VcpuState &state = vcpu_states[selected_cpu_];
      // The guest writes the flag back to acknowledge an insert/remove.
      if (data[0] & (1u << kCpuInsertingFlag))
        state.inserting = false;
      if (data[0] & (1u << kCpuRemovingFlag))
        state.removing = false;
    }
    break;
  }
}

} // namespace VMM_VERSION
} // namespace vmm
