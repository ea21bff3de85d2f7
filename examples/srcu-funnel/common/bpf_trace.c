/*
 * srcu-funnel, both variants - a BPF program on the sched_switch tracepoint
 * (kernel/trace/bpf_trace.c).
 *
 * Written for holdwait.  Upstream the tracepoint calls its registered
 * probes through function pointers, and the probe runs the program through
 * prog->bpf_func; here each step is a direct call so that the chain is
 * visible without resolving function pointers.  The program deletes the
 * outgoing task's storage in a map, which frees the element with
 * call_rcu_tasks_trace(), i.e. call_srcu(): under the runqueue lock.
 */
#include <kmodel/rcupdate.h>
#include <kmodel/sched.h>
#include <kmodel/types.h>
#include "bpf.h"

struct bpf_prog {
	int active; /* recursion guard (upstream per CPU) */
	struct bpf_map *map;
};

static struct bpf_prog sched_switch_prog;
static bool sched_switch_prog_attached;

/* The attached program, in C: forget the task that is switched out. */
static u64 sched_switch_prog_run(struct bpf_prog *prog,
				 struct task_struct *prev)
{
	bpf_task_storage_delete(prog->map, prev);
	return 0;
}

/* __bpf_trace_run(): run prog once, inside an RCU read-side section. */
static void bpf_trace_run3(struct bpf_prog *prog, u64 preempt,
			   struct task_struct *prev, struct task_struct *next)
{
	if (++prog->active != 1)
		goto out;
	rcu_read_lock();
	sched_switch_prog_run(prog, prev);
	rcu_read_unlock();
out:
	--prog->active;
}

void trace_sched_switch(bool preempt, struct task_struct *prev,
			struct task_struct *next)
{
	if (sched_switch_prog_attached)
		bpf_trace_run3(&sched_switch_prog, preempt, prev, next);
}

void bpf_attach_sched_switch(struct bpf_map *map)
{
	sched_switch_prog.map = map;
	sched_switch_prog_attached = true;
}
