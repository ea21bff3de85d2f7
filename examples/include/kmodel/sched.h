/*
 * kmodel/sched.h - tasks, wakeups and preempt notifiers, declarations only
 * (except the preempt_notifier_init() macro).
 *
 * wake_up_process() is recognized by holdwait's linux-kernel profile as a
 * wakeup: it takes the target CPU's runqueue lock (class rq.__lock).  The
 * runqueue itself (struct rq) is scheduler-internal; an example that models
 * the scheduler defines it.
 *
 * A preempt notifier's ops are called by the scheduler around a context
 * switch: sched_out from prepare_task_switch() with the runqueue lock held,
 * sched_in after it is released.  The profile knows this as the field
 * preempt_ops.sched_out.  Added for examples/avic-irte and
 * examples/srcu-funnel.
 */
#ifndef KMODEL_SCHED_H
#define KMODEL_SCHED_H

#include <kmodel/list.h>
#include <kmodel/types.h>

struct task_struct {
	int on_rq;
	int cpu;
	unsigned int __state;
	struct hlist_head preempt_notifiers; /* struct preempt_notifier.link */
};

struct task_struct *get_current(void);
#define current get_current()

int smp_processor_id(void);
void preempt_disable(void);
void preempt_enable(void);

#define TASK_NORMAL 3

int wake_up_process(struct task_struct *p);

struct preempt_notifier;

struct preempt_ops {
	void (*sched_in)(struct preempt_notifier *notifier, int cpu);
	void (*sched_out)(struct preempt_notifier *notifier,
			  struct task_struct *next);
};

struct preempt_notifier {
	struct hlist_node link;
	struct preempt_ops *ops;
};

#define preempt_notifier_init(notifier, o)                                     \
	do {                                                                   \
		INIT_HLIST_NODE(&(notifier)->link);                            \
		(notifier)->ops = (o);                                         \
	} while (0)

void preempt_notifier_register(struct preempt_notifier *notifier);
void preempt_notifier_unregister(struct preempt_notifier *notifier);

#endif /* KMODEL_SCHED_H */
