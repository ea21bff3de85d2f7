/*
 * avic-irte, BUGGY variant - SVM AVIC interrupt posting
 * (arch/x86/kvm/svm/avic.c), as after the 2025 series "KVM: SVM: Take and
 * hold ir_list_lock across IRTE updates in IOMMU" and before the seed's fix.
 *
 * Written for holdwait; names follow arch/x86/kvm/svm/avic.c, the code is
 * ours.  Three locks, three files, one cycle:
 *
 *   avic_pi_update_irte()  holds vcpu_svm.ir_list_lock (guard)
 *     irq_set_vcpu_affinity()                     (common/irq_manage.c)
 *       irq_get_desc_lock() takes irq_desc.lock   ir_list_lock -> irq_desc.lock
 *
 *   __irq_set_affinity()   holds irq_desc.lock    (common/irq_manage.c)
 *     ... irq_set_thread_affinity()
 *       wake_up_process() takes rq.__lock         irq_desc.lock -> rq.__lock
 *
 *   __schedule()           holds rq.__lock        (common/sched_core.c)
 *     sched_out = kvm_sched_out()                 (common/kvm_main.c)
 *       kvm_arch_vcpu_put()                       (common/x86.c)
 *         kvm_x86_ops.vcpu_put = svm_vcpu_put()   (common/svm.c)
 *           avic_vcpu_put() takes ir_list_lock    rq.__lock -> ir_list_lock
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
			.is_guest_mode = kvm_vcpu_apicv_active(vcpu),
			.vapic_addr = svm->vapic_backing_page_pa,
			.vector = vector,
		};
		u64 entry;
		int ret;

		/*
		 * Keep the vCPU from being loaded or put (scheduled in, out,
		 * or migrated) until its IRTE is written and the irqfd is on
		 * ir_list: the IOMMU computes the IRTE from pi_data.cpu.
		 * This is the lock the scheduler's sched_out path takes.
		 */
		guard(raw_spinlock_irqsave)(&svm->ir_list_lock);

		entry = svm->avic_physical_id_entry;
		if (entry & AVIC_PHYSICAL_ID_ENTRY_IS_RUNNING_MASK) {
			pi_data.cpu = entry &
				AVIC_PHYSICAL_ID_ENTRY_HOST_PHYSICAL_ID_MASK;
		} else {
			pi_data.cpu = -1;
			pi_data.ga_log_intr =
				entry & AVIC_PHYSICAL_ID_ENTRY_GA_LOG_INTR;
		}

		/* BUG: takes irq_desc->lock under ir_list_lock. */
		ret = irq_set_vcpu_affinity(host_irq, &pi_data);
		if (ret)
			return ret;

		if (!pi_data.ir_data)
			return -EIO;

		irqfd->irq_bypass_vcpu = vcpu;
		irqfd->irq_bypass_data = pi_data.ir_data;
		list_add(&irqfd->vcpu_list, &svm->ir_list);
		return 0;
	}
	return irq_set_vcpu_affinity(host_irq, NULL);
}
