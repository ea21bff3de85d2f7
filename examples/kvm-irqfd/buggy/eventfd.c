/*
 * holdwait example: a model of seed 000, the KVM irqfd resampler deadlock
 * (Linux 6.12, virt/kvm/eventfd.c). Written for holdwait; only the locking
 * shape follows the kernel.
 *
 * The resampler mutex kvm->irqfds.resampler_lock is taken by every irqfd
 * shutdown work item on the cleanup workqueue. A holder that waits for an
 * kvm->irq_srcu grace period keeps the other work items asleep on the mutex,
 * and they occupy the worker pool the grace-period work needs.
 */
#include <kmodel/errno.h>
#include <kmodel/mutex.h>
#include <kmodel/slab.h>
#include <kmodel/spinlock.h>
#include <kmodel/srcu.h>
#include <kmodel/workqueue.h>
#include <kvmmodel/kvm_irqfd.h>

static struct workqueue_struct *cleanup_wq;

void kvm_register_irq_ack_notifier(struct kvm *kvm,
				   struct kvm_irq_ack_notifier *kian)
{
	mutex_lock(&kvm->irq_lock);
	hlist_add_head_rcu(&kian->link, &kvm->irq_ack_notifier_list);
	mutex_unlock(&kvm->irq_lock);
}

/* Ack notifiers are walked under irq_srcu: removing one waits for walkers. */
void kvm_unregister_irq_ack_notifier(struct kvm *kvm,
				     struct kvm_irq_ack_notifier *kian)
{
	mutex_lock(&kvm->irq_lock);
	hlist_del_init_rcu(&kian->link);
	mutex_unlock(&kvm->irq_lock);
	synchronize_srcu_expedited(&kvm->irq_srcu);
}

/* An irq_srcu reader: it never needs resampler_lock. */
static void resampler_acked(struct kvm_irq_ack_notifier *kian)
{
	struct kvm_kernel_irqfd_resampler *r =
		container_of(kian, struct kvm_kernel_irqfd_resampler, notifier);
	struct kvm_kernel_irqfd *user;
	int idx = srcu_read_lock(&r->kvm->irq_srcu);

	list_for_each_entry(user, &r->list, resampler_link)
		eventfd_signal(user->resamplefd);
	srcu_read_unlock(&r->kvm->irq_srcu, idx);
}

static void irqfd_resampler_shutdown(struct kvm_kernel_irqfd *irqfd)
{
	struct kvm_kernel_irqfd_resampler *r = irqfd->resampler;
	struct kvm *kvm = r->kvm;

	mutex_lock(&kvm->irqfds.resampler_lock);
	list_del_rcu(&irqfd->resampler_link);
	if (list_empty(&r->list)) {
		/* Last user: retire the resampler. BUG: waits for irq_srcu. */
		list_del_rcu(&r->link);
		kvm_unregister_irq_ack_notifier(kvm, &r->notifier);
		kfree(r);
	} else {
		/* BUG: the same grace-period wait, directly. */
		synchronize_srcu_expedited(&kvm->irq_srcu);
	}
	mutex_unlock(&kvm->irqfds.resampler_lock);
}

/* A work function on cleanup_wq: one per irqfd being torn down. */
static void irqfd_shutdown(struct work_struct *work)
{
	struct kvm_kernel_irqfd *irqfd =
		container_of(work, struct kvm_kernel_irqfd, shutdown);

	if (irqfd->resampler)
		irqfd_resampler_shutdown(irqfd);
	kfree(irqfd);
}

/* Queuing under the irqfds spinlock is a wakeup, not a wait: no finding. */
static void irqfd_deactivate(struct kvm_kernel_irqfd *irqfd)
{
	list_del_init(&irqfd->list);
	queue_work(cleanup_wq, &irqfd->shutdown);
}

static struct kvm_kernel_irqfd_resampler *find_resampler(struct kvm *kvm,
							 int gsi)
{
	struct kvm_kernel_irqfd_resampler *r;

	list_for_each_entry(r, &kvm->irqfds.resampler_list, link)
		if (r->notifier.gsi == gsi)
			return r;
	return NULL;
}

static struct kvm_kernel_irqfd_resampler *new_resampler(struct kvm *kvm,
							int gsi)
{
	struct kvm_kernel_irqfd_resampler *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return NULL;
	r->kvm = kvm;
	INIT_LIST_HEAD(&r->list);
	r->notifier.gsi = gsi;
	r->notifier.irq_acked = resampler_acked;
	list_add_rcu(&r->link, &kvm->irqfds.resampler_list);
	/* irq_lock nests inside resampler_lock; no wait involved. */
	kvm_register_irq_ack_notifier(kvm, &r->notifier);
	return r;
}

int kvm_irqfd_assign(struct kvm *kvm, struct kvm_irqfd *args)
{
	struct kvm_kernel_irqfd *irqfd = kzalloc(sizeof(*irqfd), GFP_KERNEL);
	struct kvm_kernel_irqfd_resampler *r;
	unsigned long flags;

	if (!irqfd)
		return -ENOMEM;
	irqfd->kvm = kvm;
	irqfd->gsi = args->gsi;
	INIT_WORK(&irqfd->shutdown, irqfd_shutdown);

	if (args->flags & KVM_IRQFD_FLAG_RESAMPLE) {
		mutex_lock(&kvm->irqfds.resampler_lock);
		r = find_resampler(kvm, irqfd->gsi);
		if (!r)
			r = new_resampler(kvm, irqfd->gsi);
		if (!r)
			goto fail_unlock; /* the error path drops the lock */
		irqfd->resampler = r;
		list_add_rcu(&irqfd->resampler_link, &r->list);
		/* BUG: waits for irq_srcu readers with resampler_lock held. */
		synchronize_srcu_expedited(&kvm->irq_srcu);
		mutex_unlock(&kvm->irqfds.resampler_lock);
	}

	spin_lock_irqsave(&kvm->irqfds.lock, flags);
	list_add_tail(&irqfd->list, &kvm->irqfds.items);
	spin_unlock_irqrestore(&kvm->irqfds.lock, flags);
	return 0;

fail_unlock:
	mutex_unlock(&kvm->irqfds.resampler_lock);
	kfree(irqfd);
	return -ENOMEM;
}

/* Detach under the spinlock, then wait for the work items with no lock. */
int kvm_irqfd_deassign(struct kvm *kvm, int gsi)
{
	struct kvm_kernel_irqfd *irqfd, *tmp;
	unsigned long flags;

	spin_lock_irqsave(&kvm->irqfds.lock, flags);
	list_for_each_entry_safe(irqfd, tmp, &kvm->irqfds.items, list)
		if (irqfd->gsi == gsi)
			irqfd_deactivate(irqfd);
	spin_unlock_irqrestore(&kvm->irqfds.lock, flags);
	flush_workqueue(cleanup_wq);
	return 0;
}
