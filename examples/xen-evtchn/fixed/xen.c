/*
 * xen-evtchn, FIXED variant - a model of seed 003 after upstream's fix.
 *
 * Written for holdwait; names follow arch/x86/kvm/{x86,xen}.c and
 * virt/kvm/kvm_main.c, the code is ours.  Same program as buggy/xen.c, but
 * the Xen code serializes its shared_info mapping with its own leaf mutex,
 * kvm->arch.xen.xen_lock, instead of the VM-wide kvm->lock (what upstream
 * did).  So kvm->srcu readers - vcpu_run() and the hypercall path under it -
 * no longer take kvm->lock, and vCPUs no longer take kvm->lock inside
 * vcpu->mutex.
 *
 * kvm_vm_ioctl_set_msr_filter() also calls synchronize_srcu(&kvm->srcu)
 * after dropping kvm->lock, as the patch in the seed's thread does.  Either
 * change alone breaks the cycle in this file.  Both are here because holdwait
 * links every translation unit of a compilation database into one program:
 * analyzed together with buggy/xen.c, whose vCPUs do take kvm->lock inside
 * kvm->srcu, a wait under kvm->lock in this file would rightly be reported.
 * The "same shape, no conflict" case that must stay silent is the memslot
 * update under kvm->slots_lock, present in both variants.
 */
#include <kmodel/errno.h>
#include <kmodel/fs.h>
#include <kmodel/mutex.h>
#include <kmodel/rcupdate.h>
#include <kmodel/slab.h>
#include <kmodel/spinlock.h>
#include <kmodel/srcu.h>
#include <kvmmodel/kvm.h>
#include <kvmmodel/xen.h>

/* ---- declarations of what the model does not implement ---- */

/* Enters the guest; returns the exit reason (EXIT_REASON_*) or < 0. */
int kvm_x86_run_guest(struct kvm_vcpu *vcpu);
#define EXIT_REASON_HLT 12
#define EXIT_REASON_VMCALL 18

int kvm_read_guest_virt(struct kvm_vcpu *vcpu, u64 gva, void *val,
			unsigned int bytes);
bool kvm_gpc_check(struct gfn_to_pfn_cache *gpc, unsigned long len);
int kvm_gpc_refresh(struct gfn_to_pfn_cache *gpc, unsigned long len);
int kvm_gpc_activate(struct gfn_to_pfn_cache *gpc, u64 gpa, unsigned long len);
void kvm_xen_mark_port_pending(void *shinfo, u32 port, bool long_mode);
struct evtchnfd *kvm_xen_find_evtchnfd(struct kvm *kvm, u32 port);
void kvm_make_all_cpus_request(struct kvm *kvm, unsigned int req);
#define KVM_REQ_MSR_FILTER_CHANGED 27 /* model value */

/* ==== arch/x86/kvm/xen.c side ==== */

/* Fast path: set the port's pending bit if shared_info is mapped. */
static int kvm_xen_set_evtchn_fast(struct kvm_xen_evtchn *xe, struct kvm *kvm)
{
	struct gfn_to_pfn_cache *gpc = &kvm->arch.xen.shinfo_cache;
	unsigned long flags;
	int rc = -EWOULDBLOCK;

	spin_lock_irqsave(&gpc->lock, flags);
	if (kvm_gpc_check(gpc, PAGE_SIZE)) {
		kvm_xen_mark_port_pending(gpc->khva, xe->port,
					  kvm->arch.xen.long_mode);
		rc = 1;
	}
	spin_unlock_irqrestore(&gpc->lock, flags);
	return rc;
}

/*
 * Slow path: remap shared_info and retry.  FIX: the mapping is serialized
 * with the leaf lock kvm->arch.xen.xen_lock, which nothing holds while
 * waiting for kvm->srcu, so taking it inside kvm->srcu (and inside
 * vcpu->mutex) is safe.
 */
static int kvm_xen_set_evtchn(struct kvm_xen_evtchn *xe,
			      struct kvm *kvm)
{
	struct gfn_to_pfn_cache *gpc = &kvm->arch.xen.shinfo_cache;
	int rc, idx, retries = 3;

	rc = kvm_xen_set_evtchn_fast(xe, kvm);
	if (rc != -EWOULDBLOCK)
		return rc;

	mutex_lock(&kvm->arch.xen.xen_lock);
	idx = srcu_read_lock(&kvm->srcu);
	do {
		rc = kvm_gpc_refresh(gpc, PAGE_SIZE);
		if (rc)
			break;
		rc = kvm_xen_set_evtchn_fast(xe, kvm);
	} while (rc == -EWOULDBLOCK && --retries);
	srcu_read_unlock(&kvm->srcu, idx);
	mutex_unlock(&kvm->arch.xen.xen_lock);
	return rc;
}

/* EVTCHNOP_send from the guest: raise the port the VMM bound for it. */
static bool kvm_xen_hcall_evtchn_send(struct kvm_vcpu *vcpu, u64 param,
				      u64 *r)
{
	struct kvm_xen_evtchn deliver;
	struct evtchn_send send;
	struct evtchnfd *evtchnfd;

	if (kvm_read_guest_virt(vcpu, param, &send, sizeof(send))) {
		*r = (u64)-EFAULT;
		return true;
	}

	/* Port lookup in an RCU-protected table; copy out before sleeping. */
	rcu_read_lock();
	evtchnfd = kvm_xen_find_evtchnfd(vcpu->kvm, send.port);
	if (evtchnfd)
		deliver = evtchnfd->deliver;
	rcu_read_unlock();
	if (!evtchnfd)
		return false;

	*r = (u64)kvm_xen_set_evtchn(&deliver, vcpu->kvm);
	return true;
}

static int kvm_xen_hypercall(struct kvm_vcpu *vcpu)
{
	u64 input = vcpu->arch.regs[0]; /* RAX: hypercall number */
	u64 cmd = vcpu->arch.regs[7];   /* RDI: first argument */
	u64 arg = vcpu->arch.regs[6];   /* RSI: second argument */
	u64 r = (u64)-EINVAL;
	bool handled = false;

	if (input == __HYPERVISOR_event_channel_op && cmd == EVTCHNOP_send)
		handled = kvm_xen_hcall_evtchn_send(vcpu, arg, &r);

	if (!handled)
		return 0; /* left to the VMM */
	vcpu->arch.regs[0] = r;
	return 1;
}

/* KVM_XEN_HVM_SET_ATTR, shared_info only: (re)map it under xen_lock. */
static int kvm_xen_hvm_set_attr(struct kvm *kvm, u64 shinfo_gpa)
{
	int r;

	mutex_lock(&kvm->arch.xen.xen_lock);
	r = kvm_gpc_activate(&kvm->arch.xen.shinfo_cache, shinfo_gpa,
			     PAGE_SIZE);
	mutex_unlock(&kvm->arch.xen.xen_lock);
	return r;
}

/* ==== arch/x86/kvm/x86.c side ==== */

static int kvm_emulate_hypercall(struct kvm_vcpu *vcpu)
{
	if (vcpu->kvm->arch.xen_hvm_config.flags &
	    KVM_XEN_HVM_CONFIG_INTERCEPT_HCALL)
		return kvm_xen_hypercall(vcpu);
	vcpu->arch.regs[0] = (u64)-EINVAL;
	return 1;
}

static int vcpu_enter_guest(struct kvm_vcpu *vcpu)
{
	int exit_reason = kvm_x86_run_guest(vcpu);

	if (exit_reason < 0)
		return exit_reason;
	if (exit_reason == EXIT_REASON_VMCALL)
		return kvm_emulate_hypercall(vcpu);
	return exit_reason != EXIT_REASON_HLT;
}

/* The vCPU run loop: a kvm->srcu reader for as long as it runs. */
static int vcpu_run(struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = vcpu->kvm;
	int r, idx;

	idx = srcu_read_lock(&kvm->srcu);
	do {
		r = vcpu_enter_guest(vcpu);
	} while (r > 0);
	srcu_read_unlock(&kvm->srcu, idx);
	return r;
}

static int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu)
{
	return vcpu_run(vcpu);
}

/* ---- KVM_X86_SET_MSR_FILTER: the grace-period wait under kvm->lock ---- */

struct kvm_x86_msr_filter {
	u32 default_allow;
	u32 count;
};

static int kvm_vm_ioctl_set_msr_filter(struct kvm *kvm, u32 default_allow)
{
	struct kvm_x86_msr_filter *new_filter, *old_filter;

	new_filter = kzalloc(sizeof(*new_filter), GFP_KERNEL_ACCOUNT);
	if (!new_filter)
		return -ENOMEM;
	new_filter->default_allow = default_allow;

	mutex_lock(&kvm->lock);
	old_filter = kvm->arch.msr_filter;
	kvm->arch.msr_filter = new_filter; /* rcu_assign_pointer() */
	kvm_make_all_cpus_request(kvm, KVM_REQ_MSR_FILTER_CHANGED);
	mutex_unlock(&kvm->lock);

	/* FIX (the seed thread's patch): wait for the readers after unlock. */
	synchronize_srcu(&kvm->srcu);
	kfree(old_filter);
	return 0;
}

/* ==== virt/kvm/kvm_main.c side ==== */

/*
 * A memslot update waits for kvm->srcu under kvm->slots_lock.  That is
 * correct: no kvm->srcu reader takes slots_lock.  It must stay silent; it
 * shows the finding above is inferred from the readers, not from the shape.
 */
static void kvm_swap_active_memslots(struct kvm *kvm,
				     struct kvm_memslots *slots)
{
	kvm->memslots = slots;
	synchronize_srcu_expedited(&kvm->srcu);
}

static int kvm_set_memory_region(struct kvm *kvm,
				 struct kvm_memslots *slots)
{
	mutex_lock(&kvm->slots_lock);
	kvm_swap_active_memslots(kvm, slots);
	mutex_unlock(&kvm->slots_lock);
	return 0;
}

/* ==== the ioctl entry points (virt/kvm/kvm_main.c side) ==== */

/* Model request numbers: only their distinctness matters here. */
#define KVM_RUN 1
#define KVM_SET_USER_MEMORY_REGION 2
#define KVM_X86_SET_MSR_FILTER 3
#define KVM_XEN_HVM_SET_ATTR 4

/* The vCPU ioctl: KVM_RUN runs the guest with vcpu->mutex held. */
static long kvm_vcpu_ioctl(struct file *filp, unsigned int ioctl,
			   unsigned long arg)
{
	struct kvm_vcpu *vcpu = filp->private_data;
	long r = -EINVAL;

	mutex_lock(&vcpu->mutex);
	if (ioctl == KVM_RUN)
		r = kvm_arch_vcpu_ioctl_run(vcpu);
	mutex_unlock(&vcpu->mutex);
	return r;
}

static long kvm_vm_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm *kvm = filp->private_data;

	switch (ioctl) {
	case KVM_SET_USER_MEMORY_REGION:
		return kvm_set_memory_region(kvm, (struct kvm_memslots *)arg);
	case KVM_X86_SET_MSR_FILTER:
		return kvm_vm_ioctl_set_msr_filter(kvm, (u32)arg);
	case KVM_XEN_HVM_SET_ATTR:
		return kvm_xen_hvm_set_attr(kvm, (u64)arg);
	}
	return -EINVAL;
}

static const struct file_operations kvm_vcpu_fops = {
	.unlocked_ioctl = kvm_vcpu_ioctl,
};

static const struct file_operations kvm_vm_fops = {
	.unlocked_ioctl = kvm_vm_ioctl,
};

/*
 * The only external functions, and identical in both variants: everything
 * that differs is static, so buggy/ and fixed/ stay two distinct programs
 * even when one compilation database links them.
 */
int kvm_create_vcpu_fd(struct kvm_vcpu *vcpu)
{
	return anon_inode_getfd("kvm-vcpu", &kvm_vcpu_fops, vcpu, 0);
}

int kvm_create_vm_fd(struct kvm *kvm)
{
	return anon_inode_getfd("kvm-vm", &kvm_vm_fops, kvm, 0);
}
