/*
 * avic-irte, both variants - KVM x86 common code (arch/x86/kvm/x86.c).
 *
 * Written for holdwait.  The vendor module (svm.c) hands its operations
 * to kvm_x86_vendor_init(), which copies them into kvm_x86_ops; common
 * code calls the vendor through that table.  So kvm_arch_vcpu_put() calls
 * svm_vcpu_put() through kvm_x86_ops.vcpu_put, a call through a function
 * pointer that holdwait resolves by the functions stored into the field
 * (here by svm.c's static initializer).
 */
#include <kmodel/types.h>
#include "kvm_host.h"

struct kvm_x86_ops kvm_x86_ops;

static void kvm_ops_update(struct kvm_x86_init_ops *ops)
{
	kvm_x86_ops = *ops->runtime_ops;
}

int kvm_x86_vendor_init(struct kvm_x86_init_ops *ops)
{
	kvm_ops_update(ops);
	return 0;
}

void kvm_arch_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	kvm_x86_ops.vcpu_load(vcpu, cpu);
	vcpu->cpu = cpu;
}

void kvm_arch_vcpu_put(struct kvm_vcpu *vcpu)
{
	kvm_x86_ops.vcpu_put(vcpu);
}

/*
 * Route an irqfd's interrupt to vcpu (or back to remapped mode if vcpu is
 * NULL).  Upstream it runs when the irq bypass producer is connected or
 * the routing changes.
 */
int kvm_pi_update_irte(struct kvm_kernel_irqfd *irqfd, struct kvm_vcpu *vcpu,
		       u32 vector)
{
	return kvm_x86_ops.pi_update_irte(irqfd, irqfd->kvm,
					  irqfd->producer_irq, irqfd->gsi,
					  vcpu, vector);
}
