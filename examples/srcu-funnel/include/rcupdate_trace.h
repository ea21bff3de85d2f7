/*
 * srcu-funnel/include/rcupdate_trace.h - RCU Tasks Trace, which BPF uses
 * to free what sleepable programs may still see.
 *
 * Written for holdwait.  Since "rcu: Re-implement RCU Tasks Trace in terms
 * of SRCU-fast" (the seed's context) call_rcu_tasks_trace() is call_srcu()
 * on one global srcu_struct, so every BPF path that frees this way now
 * reaches SRCU's locks and SRCU's queue_delayed_work().
 */
#ifndef SRCU_FUNNEL_RCUPDATE_TRACE_H
#define SRCU_FUNNEL_RCUPDATE_TRACE_H

#include <kmodel/rcupdate.h>
#include <kmodel/srcu.h>

extern struct srcu_struct rcu_tasks_trace_srcu_struct;

static inline void call_rcu_tasks_trace(struct rcu_head *rhp,
					rcu_callback_t func)
{
	call_srcu(&rcu_tasks_trace_srcu_struct, rhp, func);
}

#endif /* SRCU_FUNNEL_RCUPDATE_TRACE_H */
