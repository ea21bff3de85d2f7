/*
 * avic-irte/include/kvm_host.h - the KVM objects the model touches.
 *
 * Written for holdwait (names follow include/linux/kvm_host.h and
 * arch/x86/include/asm/kvm_host.h; only the fields the model uses).  Local
 * to this example: the shared kvmmodel/ headers have no preempt notifier.
 */
#ifndef AVIC_IRTE_KVM_HOST_H
#define AVIC_IRTE_KVM_HOST_H

#include <kmodel/list.h>
#include <kmodel/sched.h>
#include <kmodel/types.h>

struct kvm {
	u32 avic_vm_id; /* upstream in struct kvm_svm */
	int nr_vcpus;
};

struct kvm_vcpu {
	struct kvm *kvm;
	/*
	 * Registered on the vCPU thread's task while the vCPU is loaded: the
	 * scheduler calls kvm_preempt_ops' sched_out/sched_in around every
	 * context switch of that thread.
	 */
	struct preempt_notifier preempt_notifier;
	int cpu;
	int vcpu_idx;
	bool preempted;
	bool apicv_active; /* upstream vcpu->arch.apic->apicv_active */
	struct {
		u64 host_state_reload;
	} stat;
};

/* An irqfd whose interrupt is posted straight to a vCPU (IRQ bypass). */
struct kvm_kernel_irqfd {
	struct kvm *kvm;
	u32 gsi;
	unsigned int producer_irq; /* upstream irqfd->producer->irq */
	struct kvm_vcpu *irq_bypass_vcpu;
	void *irq_bypass_data;     /* the IOMMU's per-IRTE data */
	struct list_head vcpu_list; /* on vcpu_svm.ir_list */
};

/*
 * The vendor module's operations (upstream called through static calls,
 * kvm_x86_call(op)(...); here through the kvm_x86_ops table itself).
 */
struct kvm_x86_ops {
	const char *name;
	void (*vcpu_load)(struct kvm_vcpu *vcpu, int cpu);
	void (*vcpu_put)(struct kvm_vcpu *vcpu);
	int (*pi_update_irte)(struct kvm_kernel_irqfd *irqfd, struct kvm *kvm,
			      unsigned int host_irq, u32 guest_irq,
			      struct kvm_vcpu *vcpu, u32 vector);
};

struct kvm_x86_init_ops {
	struct kvm_x86_ops *runtime_ops;
};

extern struct kvm_x86_ops kvm_x86_ops;

bool kvm_vcpu_apicv_active(struct kvm_vcpu *vcpu);

/* virt/kvm/kvm_main.c */
int kvm_init(unsigned int vcpu_size);
void kvm_vcpu_init(struct kvm_vcpu *vcpu, struct kvm *kvm, int id);
void vcpu_load(struct kvm_vcpu *vcpu);
void vcpu_put(struct kvm_vcpu *vcpu);

/* arch/x86/kvm/x86.c */
int kvm_x86_vendor_init(struct kvm_x86_init_ops *ops);
void kvm_arch_vcpu_load(struct kvm_vcpu *vcpu, int cpu);
void kvm_arch_vcpu_put(struct kvm_vcpu *vcpu);
int kvm_pi_update_irte(struct kvm_kernel_irqfd *irqfd, struct kvm_vcpu *vcpu,
		       u32 vector);

#endif /* AVIC_IRTE_KVM_HOST_H */
