/*
 * kvmmodel/kvm.h - a small model of KVM's VM and vCPU objects.
 *
 * Written for holdwait; field names follow KVM so the lock classes read like
 * the real ones (kvm->irqfds.resampler_lock is class kvm.irqfds.resampler_lock,
 * kvm->lock is kvm.lock, vcpu->mutex is kvm_vcpu.mutex).  Only the fields the
 * examples touch are here.  Shared by examples/kvm-irqfd (seed 000) and
 * examples/xen-evtchn (seed 003).
 */
#ifndef KVMMODEL_KVM_H
#define KVMMODEL_KVM_H

#include <kmodel/list.h>
#include <kmodel/mutex.h>
#include <kmodel/spinlock.h>
#include <kmodel/srcu.h>
#include <kmodel/types.h>

#define PAGE_SIZE 4096UL

/* A cached guest-physical to host-virtual mapping (Xen's shared_info page). */
struct gfn_to_pfn_cache {
	spinlock_t lock; /* upstream uses an rwlock, read-locked on fast paths */
	u64 gpa;
	void *khva;
	bool valid;
};

/* Xen emulation state of one VM (kvm->arch.xen). */
struct kvm_xen {
	/*
	 * Leaf lock for the Xen state.  Only the fixed variant of seed 003
	 * uses it; the buggy variant serializes with kvm->lock instead.
	 */
	struct mutex xen_lock;
	bool long_mode;
	struct gfn_to_pfn_cache shinfo_cache;
};

struct kvm_x86_msr_filter;

struct kvm_arch {
	/* Replaced under kvm->lock; vCPUs read it inside kvm->srcu. */
	struct kvm_x86_msr_filter *msr_filter;
	struct {
		u32 flags; /* KVM_XEN_HVM_CONFIG_* */
	} xen_hvm_config;
	struct kvm_xen xen;
};

struct kvm_memslots;

struct kvm {
	/*
	 * The VM-wide lock.  Documented order (KVM's locking.rst): kvm->lock
	 * is taken outside vcpu->mutex; sleepable locks are in practice taken
	 * outside kvm->srcu read-side sections.
	 */
	struct mutex lock;
	struct mutex slots_lock; /* serializes memslot updates */
	struct mutex irq_lock;   /* irq routing, irq_ack_notifier_list */

	/* Readers: vCPUs for their whole run loop.  Protects memslots etc. */
	struct srcu_struct srcu;
	/* Readers: interrupt delivery and ack notification. */
	struct srcu_struct irq_srcu;

	struct kvm_memslots *memslots;
	struct hlist_head irq_ack_notifier_list;

	struct {
		spinlock_t lock;             /* protects items */
		struct list_head items;      /* active irqfds */
		struct list_head resampler_list;
		struct mutex resampler_lock; /* protects resampler_list */
	} irqfds;

	struct kvm_arch arch;
};

struct kvm_run {
	u32 exit_reason;
};

struct kvm_vcpu_arch {
	u64 regs[16];
};

struct kvm_vcpu {
	struct kvm *kvm;
	/* Held by the vCPU ioctls, i.e. for the whole of KVM_RUN. */
	struct mutex mutex;
	int vcpu_id;
	struct kvm_run *run;
	struct kvm_vcpu_arch arch;
};

/* ---- interrupt injection and acknowledgement (declarations only) ---- */

#define KVM_USERSPACE_IRQ_SOURCE_ID 0
#define KVM_IRQFD_RESAMPLE_IRQ_SOURCE_ID 1

int kvm_set_irq(struct kvm *kvm, int irq_source_id, u32 irq, int level,
		bool line_status);
int kvm_irq_map_chip_pin(struct kvm *kvm, unsigned int irqchip,
			 unsigned int pin);

/* Called, inside a kvm->irq_srcu read-side section, when a guest EOIs gsi. */
struct kvm_irq_ack_notifier {
	struct hlist_node link;
	unsigned int gsi;
	void (*irq_acked)(struct kvm_irq_ack_notifier *kian);
};

void kvm_register_irq_ack_notifier(struct kvm *kvm,
				   struct kvm_irq_ack_notifier *kian);
void kvm_unregister_irq_ack_notifier(struct kvm *kvm,
				     struct kvm_irq_ack_notifier *kian);
void kvm_notify_acked_irq(struct kvm *kvm, unsigned int irqchip,
			  unsigned int pin);

#endif /* KVMMODEL_KVM_H */
