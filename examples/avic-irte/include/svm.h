/*
 * avic-irte/include/svm.h - struct vcpu_svm and the AVIC entry points.
 *
 * Written for holdwait; field and function names follow
 * arch/x86/kvm/svm/svm.h.
 */
#ifndef AVIC_IRTE_SVM_H
#define AVIC_IRTE_SVM_H

#include <kmodel/list.h>
#include <kmodel/spinlock.h>
#include <kmodel/types.h>
#include "kvm_host.h"

/* Bits of a vCPU's entry in the AVIC physical APIC ID table. */
#define AVIC_PHYSICAL_ID_ENTRY_HOST_PHYSICAL_ID_MASK 0xfffULL
#define AVIC_PHYSICAL_ID_ENTRY_GA_LOG_INTR (1ULL << 61)
#define AVIC_PHYSICAL_ID_ENTRY_IS_RUNNING_MASK (1ULL << 62)

#define AVIC_GATAG(vm_id, vcpu_idx) (((u32)(vm_id) << 8) | (u32)(vcpu_idx))

struct vcpu_svm {
	struct kvm_vcpu vcpu;
	/* KVM's copy of the vCPU's physical ID table entry (pCPU, running). */
	u64 avic_physical_id_entry;
	u64 vapic_backing_page_pa;
	/*
	 * Protects ir_list, the IRTEs that post interrupts to this vCPU, and
	 * keeps their pCPU/IsRunning fields in step with
	 * avic_physical_id_entry.  Taken when the vCPU is loaded and put,
	 * i.e. also from the scheduler's preempt notifier, under the
	 * runqueue lock.  Class: vcpu_svm.ir_list_lock.
	 */
	raw_spinlock_t ir_list_lock;
	struct list_head ir_list; /* struct kvm_kernel_irqfd.vcpu_list */
};

static inline struct vcpu_svm *to_svm(struct kvm_vcpu *vcpu)
{
	return container_of(vcpu, struct vcpu_svm, vcpu);
}

/* arch/x86/kvm/svm/avic.c */
void avic_vcpu_load(struct kvm_vcpu *vcpu, int cpu);
void avic_vcpu_put(struct kvm_vcpu *vcpu);
int avic_pi_update_irte(struct kvm_kernel_irqfd *irqfd, struct kvm *kvm,
			unsigned int host_irq, u32 guest_irq,
			struct kvm_vcpu *vcpu, u32 vector);

/* arch/x86/kvm/svm/svm.c */
int svm_init(void);

#endif /* AVIC_IRTE_SVM_H */
