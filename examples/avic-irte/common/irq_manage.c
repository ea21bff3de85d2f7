/*
 * avic-irte, both variants - interrupt affinity (kernel/irq/manage.c).
 *
 * Written for holdwait; names and structure follow kernel/irq/manage.c.
 * Two paths matter:
 *
 *  - irq_set_affinity() (e.g. a write to /proc/irq/N/smp_affinity) holds
 *    desc->lock while the chip retargets the interrupt, and then, still
 *    under desc->lock, wakes the interrupt's handler threads so they move
 *    too (irq_set_thread_affinity): wake_up_process() takes the target
 *    CPU's runqueue lock.  Edge irq_desc.lock -> rq.__lock.
 *
 *  - irq_set_vcpu_affinity() (called by KVM to post an interrupt to a
 *    vCPU) takes desc->lock through irq_get_desc_lock() and calls the
 *    chip's irq_set_vcpu_affinity (the AMD IOMMU's) under it.
 */
#include <kmodel/errno.h>
#include <kmodel/sched.h>
#include <kmodel/spinlock.h>
#include "irq.h"

#define ENOSYS 38

static struct irq_desc *irq_data_to_desc(struct irq_data *data)
{
	return container_of(data, struct irq_desc, irq_data);
}

/* Called with desc->lock held. */
static void irq_set_thread_affinity(struct irq_desc *desc)
{
	struct irqaction *action;

	for_each_action_of_desc(desc, action) {
		if (action->thread) {
			set_bit(IRQTF_AFFINITY, &action->thread_flags);
			wake_up_process(action->thread);
		}
		if (action->secondary && action->secondary->thread) {
			set_bit(IRQTF_AFFINITY, &action->secondary->thread_flags);
			wake_up_process(action->secondary->thread);
		}
	}
}

/* Called with desc->lock held. */
int irq_do_set_affinity(struct irq_data *data, const struct cpumask *mask,
			bool force)
{
	struct irq_desc *desc = irq_data_to_desc(data);
	struct irq_chip *chip = data->chip;
	int ret;

	if (!chip || !chip->irq_set_affinity)
		return -EINVAL;

	ret = chip->irq_set_affinity(data, mask, force);
	switch (ret) {
	case IRQ_SET_MASK_OK:
	case IRQ_SET_MASK_OK_DONE:
		desc->affinity = *mask;
		/* fall through */
	case IRQ_SET_MASK_OK_NOCOPY:
		irq_set_thread_affinity(desc);
		ret = 0;
	}
	return ret;
}

/* Called with desc->lock held. */
static int irq_try_set_affinity(struct irq_data *data,
				const struct cpumask *dest, bool force)
{
	return irq_do_set_affinity(data, dest, force);
}

/* Called with desc->lock held. */
int irq_set_affinity_locked(struct irq_data *data, const struct cpumask *mask,
			    bool force)
{
	struct irq_desc *desc = irq_data_to_desc(data);

	if (!data->chip || !data->chip->irq_set_affinity)
		return -EINVAL;

	if (!desc->move_pending)
		return irq_try_set_affinity(data, mask, force);

	/* Moved later, from the interrupt itself. */
	desc->pending_mask = *mask;
	return 0;
}

static int __irq_set_affinity(unsigned int irq, const struct cpumask *mask,
			      bool force)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;
	int ret;

	if (!desc)
		return -EINVAL;

	raw_spin_lock_irqsave(&desc->lock, flags);
	ret = irq_set_affinity_locked(&desc->irq_data, mask, force);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return ret;
}

int irq_set_affinity(unsigned int irq, const struct cpumask *cpumask)
{
	return __irq_set_affinity(irq, cpumask, false);
}

int irq_set_vcpu_affinity(unsigned int irq, void *vcpu_info)
{
	unsigned long flags;
	struct irq_desc *desc = irq_get_desc_lock(irq, &flags, 0);
	struct irq_data *data;
	struct irq_chip *chip = NULL;
	int ret = -ENOSYS;

	if (!desc)
		return -EINVAL;

	/* The first level of the hierarchy that can post to a vCPU. */
	data = &desc->irq_data;
	do {
		chip = data->chip;
		if (chip && chip->irq_set_vcpu_affinity)
			break;
		data = data->parent_data;
	} while (data);

	if (data)
		ret = chip->irq_set_vcpu_affinity(data, vcpu_info);
	irq_put_desc_unlock(desc, flags);
	return ret;
}
