/*
 * srcu-funnel, both variants - RCU Tasks Trace's srcu_struct
 * (kernel/rcu/tasks.h after the SRCU-fast rework).
 *
 * Written for holdwait: one statically allocated srcu_struct behind
 * call_rcu_tasks_trace() (rcupdate_trace.h).
 */
#include <kmodel/srcu.h>
#include "srcutree.h"

static struct srcu_usage rcu_tasks_trace_srcu_usage;

struct srcu_struct rcu_tasks_trace_srcu_struct = {
	.srcu_sup = &rcu_tasks_trace_srcu_usage,
};

void rcu_tasks_trace_init(void)
{
	init_srcu_struct_fields(&rcu_tasks_trace_srcu_struct);
}
