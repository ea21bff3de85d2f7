/*
 * srcu-funnel, both variants - BPF task storage
 * (kernel/bpf/bpf_task_storage.c, bpf_local_storage.c).
 *
 * Written for holdwait.  Deleting an element unlinks it under the
 * storage's lock (class bpf_local_storage.lock) and frees it after that
 * lock is dropped, with call_rcu_tasks_trace(), because sleepable programs
 * may still be reading it.
 */
#include <kmodel/errno.h>
#include <kmodel/list.h>
#include <kmodel/rcupdate.h>
#include <kmodel/slab.h>
#include <kmodel/spinlock.h>
#include "bpf.h"
#include "rcupdate_trace.h"

#define ENOENT 2

/* The element of map in task's storage, or NULL. */
struct bpf_local_storage_elem *task_storage_lookup(struct task_struct *task,
						   struct bpf_map *map);

static void bpf_selem_free_trace_rcu(struct rcu_head *rcu)
{
	struct bpf_local_storage_elem *selem =
		container_of(rcu, struct bpf_local_storage_elem, rcu);

	kfree(selem);
}

static void bpf_selem_free(struct bpf_local_storage_elem *selem)
{
	call_rcu_tasks_trace(&selem->rcu, bpf_selem_free_trace_rcu);
}

static void bpf_selem_unlink_storage(struct bpf_local_storage_elem *selem)
{
	struct bpf_local_storage *local_storage = selem->local_storage;
	unsigned long flags;

	raw_spin_lock_irqsave(&local_storage->lock, flags);
	hlist_del(&selem->snode);
	raw_spin_unlock_irqrestore(&local_storage->lock, flags);

	bpf_selem_free(selem);
}

/* The bpf_task_storage_delete() helper. */
long bpf_task_storage_delete(struct bpf_map *map, struct task_struct *task)
{
	struct bpf_local_storage_elem *selem = task_storage_lookup(task, map);

	if (!selem)
		return -ENOENT;
	bpf_selem_unlink_storage(selem);
	return 0;
}
