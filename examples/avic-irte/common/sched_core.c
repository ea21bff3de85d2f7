/*
 * avic-irte, both variants - the scheduler side (kernel/sched/core.c).
 *
 * Written for holdwait; names follow kernel/sched/.  __schedule() takes
 * the runqueue lock (class rq.__lock), and prepare_task_switch() calls the
 * outgoing task's preempt notifiers' sched_out with it held; the lock is
 * released in finish_task_switch(), after the switch, before sched_in runs.
 *
 * holdwait learns the sched_out side twice: from its profile (a function
 * stored into preempt_ops.sched_out runs under rq.__lock) and, once calls
 * through function pointers are resolved, from this code.  Wakeups
 * (wake_up_process) are not modelled here: the profile knows they take
 * rq.__lock.
 */
#include <kmodel/list.h>
#include <kmodel/sched.h>
#include <kmodel/spinlock.h>

#define NR_CPUS 4

/* A CPU's runqueue (kernel/sched/sched.h). */
struct rq {
	raw_spinlock_t __lock;
	struct task_struct *curr;
	unsigned long nr_switches;
	int cpu;
};

static struct rq runqueues[NR_CPUS];

static struct rq *cpu_rq(int cpu)
{
	return &runqueues[cpu];
}

#define this_rq() cpu_rq(smp_processor_id())

/* Chooses the next task; no locks of its own in this model. */
struct task_struct *pick_next_task(struct rq *rq, struct task_struct *prev);
/* The architecture's stack and register switch. */
void switch_to(struct task_struct *prev, struct task_struct *next);

/* Returns holding rq->__lock. */
void raw_spin_rq_lock_nested(struct rq *rq, int subclass)
{
	raw_spin_lock_nested(&rq->__lock, subclass);
}

void raw_spin_rq_unlock(struct rq *rq)
{
	raw_spin_unlock(&rq->__lock);
}

static void rq_lock(struct rq *rq)
{
	raw_spin_rq_lock_nested(rq, 0);
}

void preempt_notifier_register(struct preempt_notifier *notifier)
{
	hlist_add_head(&notifier->link, &current->preempt_notifiers);
}

void preempt_notifier_unregister(struct preempt_notifier *notifier)
{
	hlist_del(&notifier->link);
}

static void fire_sched_in_preempt_notifiers(struct task_struct *curr)
{
	struct preempt_notifier *notifier;

	hlist_for_each_entry(notifier, &curr->preempt_notifiers, link)
		notifier->ops->sched_in(notifier, smp_processor_id());
}

static void fire_sched_out_preempt_notifiers(struct task_struct *curr,
					     struct task_struct *next)
{
	struct preempt_notifier *notifier;

	hlist_for_each_entry(notifier, &curr->preempt_notifiers, link)
		notifier->ops->sched_out(notifier, next);
}

/* Called with rq->__lock held. */
static void prepare_task_switch(struct rq *rq, struct task_struct *prev,
				struct task_struct *next)
{
	fire_sched_out_preempt_notifiers(prev, next);
}

/*
 * Runs on the next task's stack after the switch; it finds its runqueue
 * again (the one it was switched in on) and drops its lock.
 */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();

	raw_spin_rq_unlock(rq);
	fire_sched_in_preempt_notifiers(current);
}

/* Called with rq->__lock held; returns with it released. */
static void context_switch(struct rq *rq, struct task_struct *prev,
			   struct task_struct *next)
{
	prepare_task_switch(rq, prev, next);
	switch_to(prev, next);
	finish_task_switch(prev);
}

void __schedule(void)
{
	struct rq *rq = this_rq();
	struct task_struct *prev = rq->curr;
	struct task_struct *next;

	rq_lock(rq);
	next = pick_next_task(rq, prev);
	if (next != prev) {
		rq->curr = next;
		rq->nr_switches++;
		context_switch(rq, prev, next);
	} else {
		raw_spin_rq_unlock(rq);
	}
}
