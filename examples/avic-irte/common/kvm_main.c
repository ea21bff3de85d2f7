/*
 * avic-irte, both variants - KVM's preempt notifier (virt/kvm/kvm_main.c).
 *
 * Written for holdwait; names follow virt/kvm/kvm_main.c.  kvm_init()
 * stores kvm_sched_out into kvm_preempt_ops.sched_out, and every vCPU's
 * notifier points at kvm_preempt_ops.  So kvm_sched_out() runs with the
 * runqueue lock held, and with it kvm_arch_vcpu_put() and the vendor's
 * vcpu_put (for SVM: avic_vcpu_put(), which takes ir_list_lock).
 * kvm_sched_in() runs after the runqueue lock is released.
 */
#include <kmodel/sched.h>
#include <kmodel/types.h>
#include "kvm_host.h"

static struct preempt_ops kvm_preempt_ops;

static struct kvm_vcpu *preempt_notifier_to_vcpu(struct preempt_notifier *pn)
{
	return container_of(pn, struct kvm_vcpu, preempt_notifier);
}

/* Called by the scheduler after the switch, with no runqueue lock held. */
static void kvm_sched_in(struct preempt_notifier *pn, int cpu)
{
	struct kvm_vcpu *vcpu = preempt_notifier_to_vcpu(pn);

	vcpu->preempted = false;
	kvm_arch_vcpu_load(vcpu, cpu);
}

/* Called by the scheduler from prepare_task_switch(), under rq->__lock. */
static void kvm_sched_out(struct preempt_notifier *pn,
			  struct task_struct *next)
{
	struct kvm_vcpu *vcpu = preempt_notifier_to_vcpu(pn);

	if (current->on_rq)
		vcpu->preempted = true;
	kvm_arch_vcpu_put(vcpu);
}

/* The vCPU thread, entering a vCPU ioctl. */
void vcpu_load(struct kvm_vcpu *vcpu)
{
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	preempt_notifier_register(&vcpu->preempt_notifier);
	kvm_arch_vcpu_load(vcpu, cpu);
	preempt_enable();
}

/* The vCPU thread, leaving a vCPU ioctl. */
void vcpu_put(struct kvm_vcpu *vcpu)
{
	preempt_disable();
	kvm_arch_vcpu_put(vcpu);
	preempt_notifier_unregister(&vcpu->preempt_notifier);
	preempt_enable();
}

void kvm_vcpu_init(struct kvm_vcpu *vcpu, struct kvm *kvm, int id)
{
	vcpu->kvm = kvm;
	vcpu->vcpu_idx = id;
	vcpu->cpu = -1;
	preempt_notifier_init(&vcpu->preempt_notifier, &kvm_preempt_ops);
}

int kvm_init(unsigned int vcpu_size)
{
	kvm_preempt_ops.sched_in = kvm_sched_in;
	kvm_preempt_ops.sched_out = kvm_sched_out;
	return 0;
}
