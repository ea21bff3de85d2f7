/*
 * srcu-funnel, both variants - the scheduler (kernel/sched/core.c).
 *
 * Written for holdwait; names follow kernel/sched/.  __schedule() holds
 * the runqueue lock (class rq.__lock) when it fires the sched_switch
 * tracepoint, so every BPF program attached there runs under rq.__lock and
 * every lock such a program takes is ordered after it.  (Upstream the lock
 * is dropped in finish_task_switch() after the switch; here at the end of
 * __schedule(), which changes nothing for the tracepoint.)
 */
#include <kmodel/sched.h>
#include <kmodel/spinlock.h>
#include <kmodel/types.h>
#include "bpf.h"

#define NR_CPUS 4

struct rq {
	raw_spinlock_t __lock;
	struct task_struct *curr;
	unsigned long nr_switches;
};

static struct rq runqueues[NR_CPUS];

static struct rq *cpu_rq(int cpu)
{
	return &runqueues[cpu];
}

struct task_struct *pick_next_task(struct rq *rq, struct task_struct *prev);
void switch_to(struct task_struct *prev, struct task_struct *next);

static void rq_lock(struct rq *rq)
{
	raw_spin_lock_nested(&rq->__lock, 0);
}

static void rq_unlock(struct rq *rq)
{
	raw_spin_unlock(&rq->__lock);
}

void __schedule(bool preempt)
{
	struct rq *rq = cpu_rq(smp_processor_id());
	struct task_struct *prev = rq->curr;
	struct task_struct *next;

	rq_lock(rq);
	next = pick_next_task(rq, prev);
	if (next != prev) {
		rq->curr = next;
		rq->nr_switches++;
		/* BPF programs on sched_switch run here, under rq->__lock. */
		trace_sched_switch(preempt, prev, next);
		switch_to(prev, next);
	}
	rq_unlock(rq);
}
