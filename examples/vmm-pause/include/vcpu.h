// vmm-pause/include/vcpu.h - a vCPU, its shared flags, and the ACPI CPU
// hotplug register layout.
//
// Written for holdwait.  Vcpu::run() is one KVM_RUN: when the guest exits on
// an MMIO access, the access is completed here, through the bus, before
// run() returns.  So a vCPU thread that is inside a device handler cannot
// notice a pause kick until the handler is done - the fact seed 002 turns on.
#ifndef VMM_VCPU_H
#define VMM_VCPU_H

#include "bus.h"

#include <atomic>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <pthread.h>
#include <thread>

namespace vmm {
// Each version is its own program: the build passes -DVMM_VERSION=vN so
// the shared classes of one version never link with another's.
inline namespace VMM_VERSION {

// The register block of the ACPI CPU hotplug device (offsets and status bits
// as the guest's AML uses them).
constexpr uint64_t kCpuHotplugBase = 0xfe00'0000;
constexpr uint64_t kCpuHotplugSize = 0x10;
constexpr uint64_t kCpuSelectionOffset = 0;
constexpr uint64_t kCpuStatusOffset = 4;
constexpr unsigned kCpuEnableFlag = 0;
constexpr unsigned kCpuInsertingFlag = 1;
constexpr unsigned kCpuRemovingFlag = 2;
constexpr unsigned kCpuEjectFlag = 3;

// Flags shared between the VMM and one vCPU thread without any lock (Arc'd
// atomics in the Rust code).  The vCPU thread holds its own reference, so it
// never needs vcpu_states just to read them.
struct VcpuFlags {
  std::atomic<bool> kill{false};
  // The acknowledgement: set by the vCPU at the top of its loop.
  std::atomic<bool> vcpu_run_interrupted{false};
  std::atomic<bool> paused{false};
};

// The kick: knocks a thread out of KVM_RUN or out of a syscall.  A thread
// asleep on a mutex just goes back to sleep.
inline void kick_thread(std::thread &thread) {
  pthread_kill(thread.native_handle(), SIGRTMIN);
}

enum class VmExit { Mmio, Interrupted, Halt, Shutdown };

struct RunResult {
  VmExit exit;
  bool is_write;
  uint64_t addr;
  uint8_t data[8];
  size_t len;
};

// Stands for ioctl(vcpu_fd, KVM_RUN); declared only.  Returns Interrupted
// when a kick arrives while the guest runs.
RunResult hypervisor_run(int vcpu_fd);

class Vcpu {
public:
  Vcpu(int fd, MmioBus &bus) : fd_(fd), bus_(bus) {}

  VmExit run() {
    RunResult r = hypervisor_run(fd_);
    if (r.exit == VmExit::Mmio) {
      if (r.is_write)
        bus_.write(r.addr, r.data, r.len);
      else
        bus_.read(r.addr, r.data, r.len);
    }
    return r.exit;
  }

private:
  int fd_;
  MmioBus &bus_;
};

} // namespace VMM_VERSION
} // namespace vmm

#endif // VMM_VCPU_H
