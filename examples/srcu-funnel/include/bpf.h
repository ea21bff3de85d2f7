/*
 * srcu-funnel/include/bpf.h - the BPF pieces of the model: a tracepoint
 * probe, the program attached to it and the helper it calls.
 *
 * Written for holdwait; names follow include/linux/bpf*.h,
 * kernel/trace/bpf_trace.c and kernel/bpf/bpf_local_storage.c.
 */
#ifndef SRCU_FUNNEL_BPF_H
#define SRCU_FUNNEL_BPF_H

#include <kmodel/list.h>
#include <kmodel/rcupdate.h>
#include <kmodel/sched.h>
#include <kmodel/spinlock.h>
#include <kmodel/types.h>

struct bpf_map {
	u32 id;
};

/* A task's storage: its elements, one per map, under its lock. */
struct bpf_local_storage {
	raw_spinlock_t lock;
	struct hlist_head list;
};

struct bpf_local_storage_elem {
	struct hlist_node snode;  /* on local_storage->list */
	struct bpf_local_storage *local_storage;
	struct bpf_map *map;
	struct rcu_head rcu;      /* freed after an RCU Tasks Trace GP */
};

/* kernel/bpf/bpf_task_storage.c, bpf_local_storage.c */
long bpf_task_storage_delete(struct bpf_map *map, struct task_struct *task);

/* include/trace/events/sched.h: the sched_switch tracepoint. */
void trace_sched_switch(bool preempt, struct task_struct *prev,
			struct task_struct *next);

#endif /* SRCU_FUNNEL_BPF_H */
