/*
 * avic-irte/include/irq.h - the IRQ core's descriptors and the calls the
 * model makes into kernel/irq/.
 *
 * Written for holdwait; names follow include/linux/irq.h, irqdesc.h and
 * kernel/irq/internals.h.  Every descriptor has a raw spinlock, class
 * irq_desc.lock, held by the IRQ core while it changes the interrupt's
 * affinity or asks the interrupt chip (here the AMD IOMMU's interrupt
 * remapping) to retarget it.
 */
#ifndef AVIC_IRTE_IRQ_H
#define AVIC_IRTE_IRQ_H

#include <kmodel/sched.h>
#include <kmodel/spinlock.h>
#include <kmodel/types.h>

struct cpumask {
	unsigned long bits[1];
};

struct irq_data;

struct irq_chip {
	const char *name;
	int (*irq_set_affinity)(struct irq_data *data,
				const struct cpumask *dest, bool force);
	int (*irq_set_vcpu_affinity)(struct irq_data *data, void *vcpu_info);
};

/* One level of an interrupt's hierarchy (vector domain, IOMMU, ...). */
struct irq_data {
	unsigned int irq;
	struct irq_chip *chip;
	void *chip_data;
	struct irq_data *parent_data;
};

/* A handler; threaded handlers run in their own kthread. */
struct irqaction {
	struct irqaction *next;
	struct task_struct *thread;
	unsigned long thread_flags;
	struct irqaction *secondary;
};

struct irq_desc {
	struct irq_data irq_data;
	struct cpumask affinity;
	struct cpumask pending_mask;
	bool move_pending;
	struct irqaction *action;
	raw_spinlock_t lock;
};

/* Return values of irq_chip.irq_set_affinity. */
#define IRQ_SET_MASK_OK 0
#define IRQ_SET_MASK_OK_NOCOPY 1
#define IRQ_SET_MASK_OK_DONE 2

#define IRQTF_AFFINITY 2 /* the irq thread must move to the new affinity */

#define for_each_action_of_desc(desc, act)                                     \
	for (act = (desc)->action; act; act = act->next)

void set_bit(int nr, unsigned long *addr);

/* kernel/irq/irqdesc.c */
struct irq_desc *irq_to_desc(unsigned int irq);
struct irq_desc *__irq_get_desc_lock(unsigned int irq, unsigned long *flags,
				     bool bus, unsigned int check);
void __irq_put_desc_unlock(struct irq_desc *desc, unsigned long flags,
			   bool bus);

/*
 * kernel/irq/internals.h: look up an interrupt's descriptor and return it
 * with desc->lock held (interrupts off, state in *flags); NULL, and nothing
 * held, if there is no such interrupt.
 */
static inline struct irq_desc *irq_get_desc_lock(unsigned int irq,
						 unsigned long *flags,
						 unsigned int check)
{
	return __irq_get_desc_lock(irq, flags, false, check);
}

static inline void irq_put_desc_unlock(struct irq_desc *desc,
				       unsigned long flags)
{
	__irq_put_desc_unlock(desc, flags, false);
}

/* kernel/irq/manage.c */
int irq_set_affinity(unsigned int irq, const struct cpumask *cpumask);
int irq_set_affinity_locked(struct irq_data *data, const struct cpumask *mask,
			    bool force);
int irq_do_set_affinity(struct irq_data *data, const struct cpumask *mask,
			bool force);
int irq_set_vcpu_affinity(unsigned int irq, void *vcpu_info);

#endif /* AVIC_IRTE_IRQ_H */
