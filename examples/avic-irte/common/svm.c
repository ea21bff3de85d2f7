/*
 * avic-irte, both variants - the SVM vendor module's ops table
 * (arch/x86/kvm/svm/svm.c).
 *
 * Written for holdwait.  svm_x86_ops binds .vcpu_put = svm_vcpu_put, which
 * calls avic_vcpu_put() when AVIC is active; svm_init() hands the table to
 * kvm_x86_vendor_init() and registers KVM (kvm_init()).
 */
#include <kmodel/types.h>
#include "kvm_host.h"
#include "svm.h"

static void svm_vcpu_load(struct kvm_vcpu *vcpu, int cpu)
{
	if (kvm_vcpu_apicv_active(vcpu))
		avic_vcpu_load(vcpu, cpu);
}

static void svm_vcpu_put(struct kvm_vcpu *vcpu)
{
	if (kvm_vcpu_apicv_active(vcpu))
		avic_vcpu_put(vcpu);
	++vcpu->stat.host_state_reload;
}

static struct kvm_x86_ops svm_x86_ops = {
	.name = "kvm_amd",
	.vcpu_load = svm_vcpu_load,
	.vcpu_put = svm_vcpu_put,
	.pi_update_irte = avic_pi_update_irte,
};

static struct kvm_x86_init_ops svm_init_ops = {
	.runtime_ops = &svm_x86_ops,
};

int svm_init(void)
{
	int r = kvm_x86_vendor_init(&svm_init_ops);

	if (r)
		return r;
	return kvm_init(sizeof(struct vcpu_svm));
}
