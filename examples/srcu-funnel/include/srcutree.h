/*
 * srcu-funnel/include/srcutree.h - the update side of tree SRCU.
 *
 * Written for holdwait; names follow include/linux/srcutree.h and
 * kernel/rcu/{srcutree.c,rcu.h}.  Three raw spinlock classes, all taken by
 * call_srcu():
 *
 *   srcu_data.lock    per-CPU callback list (srcu_gp_start_if_needed)
 *   srcu_node.lock    one per funnel node, leaf to root (srcu_funnel_gp_start)
 *   srcu_usage.lock   the top of the tree (ssp->srcu_sup->lock), held while
 *                     a new grace period is started and process_srcu() is
 *                     queued: the lock seed 004's deadlock is about.
 */
#ifndef SRCU_FUNNEL_SRCUTREE_H
#define SRCU_FUNNEL_SRCUTREE_H

#include <kmodel/irq_work.h>
#include <kmodel/mutex.h>
#include <kmodel/rcupdate.h>
#include <kmodel/spinlock.h>
#include <kmodel/srcu.h>
#include <kmodel/workqueue.h>

struct srcu_node {
	raw_spinlock_t lock;
	unsigned long srcu_have_cbs[4]; /* grace periods with callbacks here */
	struct srcu_node *srcu_parent;  /* NULL at the root */
};

/* Per CPU (ssp->sda; one CPU in this model). */
struct srcu_data {
	raw_spinlock_t lock;
	struct rcu_head *srcu_cblist;
	unsigned long srcu_gp_seq_needed;
	struct srcu_node *mynode; /* leaf of the funnel */
	struct srcu_struct *ssp;
};

struct srcu_usage {
	struct srcu_node node[3]; /* two leaves and the root */
	raw_spinlock_t lock;
	struct mutex srcu_gp_mutex;   /* serializes grace-period processing */
	unsigned long srcu_gp_seq;    /* low two bits: state */
	unsigned long srcu_gp_seq_needed;
	struct delayed_work work;     /* process_srcu(), on rcu_gp_wq */
	struct irq_work irq_work;     /* the fixed variant's deferral */
	struct srcu_struct *srcu_ssp;
};

/* kernel/rcu/rcu.h: the lock helpers for anything with a ->lock. */
#define raw_spin_lock_rcu_node(p) raw_spin_lock(&(p)->lock)
#define raw_spin_unlock_rcu_node(p) raw_spin_unlock(&(p)->lock)
#define raw_spin_lock_irqsave_rcu_node(p, flags)                               \
	raw_spin_lock_irqsave(&(p)->lock, flags)
#define raw_spin_unlock_irqrestore_rcu_node(p, flags)                          \
	raw_spin_unlock_irqrestore(&(p)->lock, flags)

/* The workqueue process_srcu() is queued on. */
extern struct workqueue_struct *rcu_gp_wq;

void init_srcu_struct_fields(struct srcu_struct *ssp);

#endif /* SRCU_FUNNEL_SRCUTREE_H */
