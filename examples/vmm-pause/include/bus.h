// vmm-pause/include/bus.h - the MMIO bus a vCPU uses on a guest MMIO exit.
//
// Written for holdwait, after the shape of cloud-hypervisor's vm-device bus:
// devices are registered as Arc<Mutex<dyn BusDevice>>, and the bus locks the
// device's mutex around every read/write.  Here that mutex is the field
// BusDevice::mutex (lock class vmm::BusDevice.mutex), and the device's
// handler is reached through a virtual call.
#ifndef VMM_BUS_H
#define VMM_BUS_H

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace vmm {
// Each version is its own program: the build passes -DVMM_VERSION=vN so
// the shared classes of one version never link with another's.
inline namespace VMM_VERSION {

class BusDevice {
public:
  virtual ~BusDevice() = default;
  virtual void read(uint64_t base, uint64_t offset, uint8_t *data,
                    size_t len) = 0;
  virtual void write(uint64_t base, uint64_t offset, const uint8_t *data,
                     size_t len) = 0;

  // The Mutex in Arc<Mutex<dyn BusDevice>>: held for every access.
  std::mutex mutex;
};

class MmioBus {
public:
  // Devices are registered before the vCPUs start; the range table is then
  // read-only, so it needs no lock in this model.
  void insert(BusDevice *device, uint64_t base, uint64_t len) {
    ranges_.push_back(Range{base, len, device});
  }

  // Called on a vCPU thread, from Vcpu::run(), to complete an MMIO exit.
  bool read(uint64_t addr, uint8_t *data, size_t len) {
    const Range *r = resolve(addr);
    if (!r)
      return false;
    std::lock_guard<std::mutex> guard(r->device->mutex);
    r->device->read(r->base, addr - r->base, data, len);
    return true;
  }

  bool write(uint64_t addr, const uint8_t *data, size_t len) {
    const Range *r = resolve(addr);
    if (!r)
      return false;
    std::lock_guard<std::mutex> guard(r->device->mutex);
    r->device->write(r->base, addr - r->base, data, len);
    return true;
  }

private:
  struct Range {
    uint64_t base;
    uint64_t len;
    BusDevice *device;
  };

  const Range *resolve(uint64_t addr) const {
    for (const Range &r : ranges_)
      if (addr >= r.base && addr - r.base < r.len)
        return &r;
    return nullptr;
  }

  std::vector<Range> ranges_;
};

} // namespace VMM_VERSION
} // namespace vmm

#endif // VMM_BUS_H
