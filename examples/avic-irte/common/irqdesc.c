/*
 * avic-irte, both variants - interrupt descriptors (kernel/irq/irqdesc.c).
 *
 * Written for holdwait.  __irq_get_desc_lock() returns the descriptor with
 * its lock (class irq_desc.lock) held, or NULL with nothing held;
 * __irq_put_desc_unlock() releases it.  irq_set_vcpu_affinity() reaches
 * these through the inline wrappers in irq.h.
 */
#include <kmodel/spinlock.h>
#include "irq.h"

#define NR_IRQS 64

static struct irq_desc irq_desc[NR_IRQS];

struct irq_desc *irq_to_desc(unsigned int irq)
{
	return irq < NR_IRQS ? &irq_desc[irq] : NULL;
}

struct irq_desc *__irq_get_desc_lock(unsigned int irq, unsigned long *flags,
				     bool bus, unsigned int check)
{
	struct irq_desc *desc = irq_to_desc(irq);

	/* bus and check are not modelled (no slow-bus chips here). */
	if (desc)
		raw_spin_lock_irqsave(&desc->lock, *flags);
	return desc;
}

void __irq_put_desc_unlock(struct irq_desc *desc, unsigned long flags,
			   bool bus)
{
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}
