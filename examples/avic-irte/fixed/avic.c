/*
 * avic-irte, FIXED variant - SVM AVIC interrupt posting
 * (arch/x86/kvm/svm/avic.c), with the seed's fix.
 *
 * Written for holdwait; names follow arch/x86/kvm/svm/avic.c, the code is
 * ours.  As in the seed's patch, the IRTE's binding to the vCPU
 * (irq_set_vcpu_affinity(), which takes irq_desc->lock) is done before and
 * without ir_list_lock; then avic_pi_add_irte() takes ir_list_lock and
 * activates guest mode with the vCPU's current pCPU directly in the IOMMU
 * driver (fixed/iommu.c), which takes only the remapping table's leaf lock.
 * ir_list_lock is no longer held across anything that takes irq_desc.lock:
 * the edge ir_list_lock -> irq_desc.lock is gone, and with it the cycle.
 * Everything above svm_ir_list_del() is as in buggy/avic.c.
 */
#include <kmodel/cleanup.h>
#include <kmodel/errno.h>
#include <kmodel/list.h>
#include <kmodel/spinlock.h>
#include <kmodel/types.h>
#include "irq.h"
#include "irq_remapping.h"
#include "kvm_host.h"
#include "svm.h"

#define EIO 5

/* Point every IRTE posting to this vCPU at cpu (-1: not running). */
static void avic_update_iommu_vcpu_affinity(struct kvm_vcpu *vcpu, int cpu,
					    bool ga_log_intr)
{
	struct vcpu_svm *svm = to_svm(vcpu);
	struct kvm_kernel_irqfd *irqfd;

	/* Caller holds svm->ir_list_lock. */
	list_for_each_entry(irqfd, &svm->ir_list, vcpu_list)
		amd_iommu_update_ga(irqfd->irq_bypass_data, cpu, ga_log_intr);
}

static void __avic_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	struct vcpu_svm *svm = to_svm(vcpu);
	unsigned long flags;
	u64 entry;

	/*
	 * The physical ID entry and the IRTEs change together, so that an
	 * IRTE update (avic_pi_update_irte) never sees a stale pCPU.
	 */
	raw_spin_lock_irqsave(&svm->ir_list_lock, flags);
	entry = svm->avic_physical_id_entry;
	entry &= ~(AVIC_PHYSICAL_ID_ENTRY_HOST_PHYSICAL_ID_MASK |
		   AVIC_PHYSICAL_ID_ENTRY_GA_LOG_INTR);
	entry |= ((u64)cpu & AVIC_PHYSICAL_ID_ENTRY_HOST_PHYSICAL_ID_MASK) |
		 AVIC_PHYSICAL_ID_ENTRY_IS_RUNNING_MASK;
	svm->avic_physical_id_entry = entry;
	avic_update_iommu_vcpu_affinity(vcpu, cpu, false);
	raw_spin_unlock_irqrestore(&svm->ir_list_lock, flags);
}

static void __avic_vcpu_put(struct kvm_vcpu *vcpu, bool ga_log_intr)
{
	struct vcpu_svm *svm = to_svm(vcpu);
	unsigned long flags;
	u64 entry;

	raw_spin_lock_irqsave(&svm->ir_list_lock, flags);
	avic_update_iommu_vcpu_affinity(vcpu, -1, ga_log_intr);
	entry = svm->avic_physical_id_entry;
	entry &= ~AVIC_PHYSICAL_ID_ENTRY_IS_RUNNING_MASK;
	if (ga_log_intr)
		entry |= AVIC_PHYSICAL_ID_ENTRY_GA_LOG_INTR;
	svm->avic_physical_id_entry = entry;
	raw_spin_unlock_irqrestore(&svm->ir_list_lock, flags);
}

/* vcpu_load and kvm_sched_in (no runqueue lock held), through svm_vcpu_load. */
void avic_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	__avic_vcpu_load(vcpu, cpu);
}

/* vcpu_put and kvm_sched_out (runqueue lock held), through svm_vcpu_put. */
void avic_vcpu_put(struct kvm_vcpu *vcpu)
{
	struct vcpu_svm *svm = to_svm(vcpu);

	if (!(svm->avic_physical_id_entry &
	      AVIC_PHYSICAL_ID_ENTRY_IS_RUNNING_MASK))
		return;
	__avic_vcpu_put(vcpu, false);
}

static void svm_ir_list_del(struct kvm_kernel_irqfd *irqfd)
{
	struct kvm_vcpu *vcpu = irqfd->irq_bypass_vcpu;
	unsigned long flags;

	if (!vcpu)
		return;
	raw_spin_lock_irqsave(&to_svm(vcpu)->ir_list_lock, flags);
	list_del(&irqfd->vcpu_list);
	raw_spin_unlock_irqrestore(&to_svm(vcpu)->ir_list_lock, flags);
}

/* Bind the IRTE (already pointing at vcpu) to the vCPU's current state. */
static int avic_pi_add_irte(struct kvm_kernel_irqfd *irqfd, void *ir_data,
			    struct kvm_vcpu *vcpu)
{
	struct vcpu_svm *svm = to_svm(vcpu);
	int r;

	/*
	 * Still keeps the vCPU from being loaded or put until the IRTE is
	 * written and the irqfd is on ir_list, but the IRTE is now written
	 * here, under the IOMMU's leaf lock only.
	 */
	guard(raw_spinlock_irqsave)(&svm->ir_list_lock);

	if (kvm_vcpu_apicv_active(vcpu)) {
		u64 entry = svm->avic_physical_id_entry;
		bool ga_log_intr;
		int cpu;

		if (entry & AVIC_PHYSICAL_ID_ENTRY_IS_RUNNING_MASK) {
			cpu = entry & AVIC_PHYSICAL_ID_ENTRY_HOST_PHYSICAL_ID_MASK;
			ga_log_intr = false;
		} else {
			cpu = -1;
			ga_log_intr = entry & AVIC_PHYSICAL_ID_ENTRY_GA_LOG_INTR;
		}
		r = amd_iommu_activate_guest_mode(ir_data, cpu, ga_log_intr);
	} else {
		r = amd_iommu_deactivate_guest_mode(ir_data);
	}
	if (r)
		return r;

	irqfd->irq_bypass_vcpu = vcpu;
	irqfd->irq_bypass_data = ir_data;
	list_add(&irqfd->vcpu_list, &svm->ir_list);
	return 0;
}

/* kvm_x86_ops.pi_update_irte: post host_irq to vcpu, or stop posting it. */
int avic_pi_update_irte(struct kvm_kernel_irqfd *irqfd, struct kvm *kvm,
			unsigned int host_irq, u32 guest_irq,
			struct kvm_vcpu *vcpu, u32 vector)
{
	svm_ir_list_del(irqfd);

	if (vcpu) {
		struct vcpu_svm *svm = to_svm(vcpu);
		struct amd_iommu_pi_data pi_data = {
			.ga_tag = AVIC_GATAG(kvm->avic_vm_id, vcpu->vcpu_idx),
			.vapic_addr = svm->vapic_backing_page_pa,
			.vector = vector,
		};
		int ret;

		/* No KVM lock held: irq_desc->lock is taken and released. */
		ret = irq_set_vcpu_affinity(host_irq, &pi_data);
		if (ret)
			return ret;

		if (!pi_data.ir_data)
			return -EIO;

		ret = avic_pi_add_irte(irqfd, pi_data.ir_data, vcpu);
		if (ret)
			irq_set_vcpu_affinity(host_irq, NULL);
		return ret;
	}
	return irq_set_vcpu_affinity(host_irq, NULL);
}
