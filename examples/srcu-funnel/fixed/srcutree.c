/*
 * srcu-funnel, FIXED variant - call_srcu() (kernel/rcu/srcutree.c) with the
 * seed's fix, "rcu: Use an intermediate irq_work to start process_srcu()".
 *
 * Written for holdwait; names follow kernel/rcu/srcutree.c, the code is
 * ours.  srcu_funnel_gp_start() no longer queues process_srcu() under
 * sup->lock: it queues sup->irq_work, which takes no runqueue lock, and the
 * irq_work handler, srcu_irq_work(), queues the delayed work later with no
 * SRCU lock held.  The edge srcu_usage.lock -> rq.__lock is gone; the BPF
 * side still takes the SRCU locks under rq.__lock, which is now harmless
 * (and the tracepoint's call_srcu() no longer wakes anything under its own
 * CPU's rq->__lock).  Everything else is as in buggy/srcutree.c.
 */
#include <kmodel/irq_work.h>
#include <kmodel/list.h>
#include <kmodel/mutex.h>
#include <kmodel/rcupdate.h>
#include <kmodel/spinlock.h>
#include <kmodel/srcu.h>
#include <kmodel/types.h>
#include <kmodel/workqueue.h>
#include "srcutree.h"

#define SRCU_STATE_IDLE 0
#define SRCU_STATE_SCAN1 1

struct workqueue_struct *rcu_gp_wq;
static bool srcu_init_done;
static struct list_head srcu_boot_list; /* work queued before init */

/* Readers still in the old index's read-side sections? */
bool srcu_readers_active_idx_check(struct srcu_struct *ssp, int idx);

static void process_srcu(struct work_struct *work);
static void srcu_irq_work(struct irq_work *work);

static unsigned long rcu_seq_state(unsigned long s)
{
	return s & 3;
}

/* The grace-period number that, once done, covers everything before now. */
static unsigned long rcu_seq_snap(unsigned long *sp)
{
	return (*sp + 7) & ~3UL;
}

static struct srcu_data *srcu_this_cpu_data(struct srcu_struct *ssp)
{
	return (struct srcu_data *)ssp->sda;
}

/* 0 (queue now) if a grace period is wanted urgently, else 1 jiffy. */
static unsigned long srcu_get_delay(struct srcu_struct *ssp)
{
	struct srcu_usage *sup = ssp->srcu_sup;

	return sup->srcu_gp_seq_needed > sup->srcu_gp_seq + 4 ? 0 : 1;
}

void init_srcu_struct_fields(struct srcu_struct *ssp)
{
	struct srcu_usage *sup = ssp->srcu_sup;

	sup->node[0].srcu_parent = &sup->node[2];
	sup->node[1].srcu_parent = &sup->node[2];
	sup->node[2].srcu_parent = NULL;
	sup->srcu_ssp = ssp;
	INIT_DELAYED_WORK(&sup->work, process_srcu);
	init_irq_work(&sup->irq_work, srcu_irq_work);
	srcu_init_done = true;
}

/*
 * Take the top-of-tree lock, counting contention (upstream it may switch
 * the srcu_struct to per-CPU callback lists).  Returns holding
 * ssp->srcu_sup->lock on both paths.
 */
static void raw_spin_lock_irqsave_ssp_contention(struct srcu_struct *ssp,
						  unsigned long *flags)
{
	struct srcu_usage *sup = ssp->srcu_sup;

	if (raw_spin_trylock(&sup->lock)) {
		*flags = 0; /* interrupts are not modelled */
		return;
	}
	raw_spin_lock_irqsave_rcu_node(sup, *flags);
	sup->srcu_gp_seq_needed |= 0; /* contention accounting elided */
}

/* Start a grace period.  Caller holds ssp->srcu_sup->lock. */
static void srcu_gp_start(struct srcu_struct *ssp)
{
	struct srcu_usage *sup = ssp->srcu_sup;
	struct srcu_data *sdp = srcu_this_cpu_data(ssp);

	raw_spin_lock_rcu_node(sdp); /* interrupts already off */
	sdp->srcu_gp_seq_needed = sup->srcu_gp_seq_needed;
	raw_spin_unlock_rcu_node(sdp);
	sup->srcu_gp_seq = (sup->srcu_gp_seq & ~3UL) | SRCU_STATE_SCAN1;
}

/*
 * Record, from the leaf up, that grace period s has callbacks waiting; the
 * first to get to the top starts it.
 */
static void srcu_funnel_gp_start(struct srcu_struct *ssp,
				 struct srcu_data *sdp, unsigned long s)
{
	struct srcu_usage *sup = ssp->srcu_sup;
	struct srcu_node *snp;
	unsigned long flags;
	int idx = (s >> 2) & 3;

	for (snp = sdp->mynode; snp; snp = snp->srcu_parent) {
		raw_spin_lock_irqsave_rcu_node(snp, flags);
		if (snp->srcu_have_cbs[idx] >= s) {
			/* Someone already asked for s. */
			raw_spin_unlock_irqrestore_rcu_node(snp, flags);
			return;
		}
		snp->srcu_have_cbs[idx] = s;
		raw_spin_unlock_irqrestore_rcu_node(snp, flags);
	}

	/* Top of the tree: make sure grace period s gets started. */
	raw_spin_lock_irqsave_ssp_contention(ssp, &flags);
	if (sup->srcu_gp_seq_needed < s)
		sup->srcu_gp_seq_needed = s;
	if (rcu_seq_state(sup->srcu_gp_seq) == SRCU_STATE_IDLE) {
		srcu_gp_start(ssp);
		/*
		 * Defer the queueing: irq_work_queue() takes no runqueue
		 * lock, so nothing here wakes a task under sup->lock.
		 */
		if (srcu_init_done)
			irq_work_queue(&sup->irq_work);
		else if (list_empty(&sup->work.work.entry))
			list_add(&sup->work.work.entry, &srcu_boot_list);
	}
	raw_spin_unlock_irqrestore_rcu_node(sup, flags);
}

/*
 * The irq_work handler: runs soon after, from the irq_work interrupt, with
 * no SRCU lock (and no runqueue lock) held.
 */
static void srcu_irq_work(struct irq_work *work)
{
	struct srcu_usage *sup = container_of(work, struct srcu_usage, irq_work);
	struct srcu_struct *ssp = sup->srcu_ssp;

	queue_delayed_work(rcu_gp_wq, &sup->work, srcu_get_delay(ssp) ? 1 : 0);
}

/* Enqueue rhp on this CPU and ask for the grace period that covers it. */
static unsigned long srcu_gp_start_if_needed(struct srcu_struct *ssp,
					     struct rcu_head *rhp)
{
	struct srcu_usage *sup = ssp->srcu_sup;
	struct srcu_data *sdp = srcu_this_cpu_data(ssp);
	bool needgp = false;
	unsigned long flags;
	unsigned long s;

	raw_spin_lock_irqsave_rcu_node(sdp, flags);
	rhp->next = sdp->srcu_cblist;
	sdp->srcu_cblist = rhp;
	s = rcu_seq_snap(&sup->srcu_gp_seq);
	if (sdp->srcu_gp_seq_needed < s) {
		sdp->srcu_gp_seq_needed = s;
		needgp = true;
	}
	raw_spin_unlock_irqrestore_rcu_node(sdp, flags);

	if (needgp)
		srcu_funnel_gp_start(ssp, sdp, s);
	return s;
}

void call_srcu(struct srcu_struct *ssp, struct rcu_head *rhp,
	       rcu_callback_t func)
{
	rhp->func = func;
	srcu_gp_start_if_needed(ssp, rhp);
}

/* Wait out the readers of the current grace period, then end it. */
static void srcu_advance_state(struct srcu_struct *ssp)
{
	struct srcu_usage *sup = ssp->srcu_sup;
	unsigned long flags;

	mutex_lock(&sup->srcu_gp_mutex);
	if (rcu_seq_state(sup->srcu_gp_seq) != SRCU_STATE_IDLE &&
	    !srcu_readers_active_idx_check(ssp, sup->srcu_gp_seq & 1)) {
		raw_spin_lock_irqsave_rcu_node(sup, flags);
		sup->srcu_gp_seq = (sup->srcu_gp_seq & ~3UL) + 4;
		raw_spin_unlock_irqrestore_rcu_node(sup, flags);
	}
	mutex_unlock(&sup->srcu_gp_mutex);
}

/* Requeue process_srcu() if more grace periods are needed. */
static void srcu_reschedule(struct srcu_struct *ssp, unsigned long delay)
{
	struct srcu_usage *sup = ssp->srcu_sup;
	bool pushgp = true;
	unsigned long flags;

	raw_spin_lock_irqsave_rcu_node(sup, flags);
	if (sup->srcu_gp_seq >= sup->srcu_gp_seq_needed) {
		if (rcu_seq_state(sup->srcu_gp_seq) == SRCU_STATE_IDLE)
			pushgp = false;
	} else if (rcu_seq_state(sup->srcu_gp_seq) == SRCU_STATE_IDLE) {
		srcu_gp_start(ssp);
	}
	raw_spin_unlock_irqrestore_rcu_node(sup, flags);

	/* Queued with no SRCU lock held. */
	if (pushgp)
		queue_delayed_work(rcu_gp_wq, &sup->work, delay);
}

/* The grace-period work item (sup->work), on rcu_gp_wq. */
static void process_srcu(struct work_struct *work)
{
	struct srcu_usage *sup =
		container_of(to_delayed_work(work), struct srcu_usage, work);
	struct srcu_struct *ssp = sup->srcu_ssp;

	srcu_advance_state(ssp);
	srcu_reschedule(ssp, srcu_get_delay(ssp));
}
