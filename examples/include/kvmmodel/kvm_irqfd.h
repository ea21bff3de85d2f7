/*
 * kvmmodel/kvm_irqfd.h - irqfd objects (an eventfd wired to a guest GSI).
 *
 * Written for holdwait.  A "resampler" is shared by all irqfds on one
 * level-triggered GSI; it lives on kvm->irqfds.resampler_list under
 * kvm->irqfds.resampler_lock and is registered as an irq ack notifier, so
 * its callback runs inside kvm->irq_srcu read-side sections.
 */
#ifndef KVMMODEL_KVM_IRQFD_H
#define KVMMODEL_KVM_IRQFD_H

#include <kmodel/eventfd.h>
#include <kmodel/list.h>
#include <kmodel/wait.h>
#include <kmodel/workqueue.h>
#include <kvmmodel/kvm.h>

/* uapi: the KVM_IRQFD ioctl argument */
struct kvm_irqfd {
	u32 fd;
	u32 gsi;
	u32 flags;
	u32 resamplefd;
};
#define KVM_IRQFD_FLAG_DEASSIGN (1 << 0)
#define KVM_IRQFD_FLAG_RESAMPLE (1 << 1)

struct kvm_kernel_irqfd_resampler {
	struct kvm *kvm;
	struct list_head list; /* irqfds using this resampler (RCU list) */
	struct kvm_irq_ack_notifier notifier;
	struct list_head link; /* on kvm->irqfds.resampler_list */
};

struct kvm_kernel_irqfd {
	struct kvm *kvm;
	wait_queue_entry_t wait;
	int gsi;
	struct work_struct inject;
	struct kvm_kernel_irqfd_resampler *resampler;
	struct eventfd_ctx *resamplefd;
	struct list_head resampler_link;
	struct eventfd_ctx *eventfd;
	struct list_head list; /* on kvm->irqfds.items */
	struct work_struct shutdown;
};

#endif /* KVMMODEL_KVM_IRQFD_H */
