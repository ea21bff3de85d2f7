/*
 * kmodel/irq_work.h - work run soon from hard-interrupt context (the
 * irq_work self-IPI or the next tick), declarations only except the
 * init_irq_work() macro.
 *
 * irq_work_queue() only links the item and raises the IPI: it takes no
 * runqueue lock, which is why code that may run under one (the scheduler,
 * tracepoints, BPF) uses it to defer a wakeup.  Added for
 * examples/srcu-funnel.
 */
#ifndef KMODEL_IRQ_WORK_H
#define KMODEL_IRQ_WORK_H

#include <kmodel/types.h>

struct irq_work {
	unsigned int flags;
	struct irq_work *llnode;
	void (*func)(struct irq_work *work);
};

#define init_irq_work(w, f)                                                    \
	do {                                                                   \
		(w)->flags = 0;                                                \
		(w)->llnode = NULL;                                            \
		(w)->func = (f);                                               \
	} while (0)

bool irq_work_queue(struct irq_work *work); /* false if already pending */

#endif /* KMODEL_IRQ_WORK_H */
