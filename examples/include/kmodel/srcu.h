/*
 * kmodel/srcu.h - sleepable RCU.
 *
 * Readers of one srcu_struct may sleep (and take mutexes) inside their
 * read-side section; synchronize_srcu*() on that srcu_struct waits for all of
 * them.  So a writer that holds a mutex across synchronize_srcu*() deadlocks
 * against a reader that needs the same mutex - the shape of seed 003.
 */
#ifndef KMODEL_SRCU_H
#define KMODEL_SRCU_H

#include <kmodel/rcupdate.h>

struct srcu_usage; /* the update side's state (examples/srcu-funnel) */

struct srcu_struct {
	unsigned long srcu_gp_seq;
	void *sda;
	struct srcu_usage *srcu_sup; /* added for examples/srcu-funnel */
};

int srcu_read_lock(struct srcu_struct *ssp); /* returns the index to unlock */
void srcu_read_unlock(struct srcu_struct *ssp, int idx);
void synchronize_srcu(struct srcu_struct *ssp);
void synchronize_srcu_expedited(struct srcu_struct *ssp);
/* Queues func(rhp) for after a grace period; does not wait. */
void call_srcu(struct srcu_struct *ssp, struct rcu_head *rhp,
	       rcu_callback_t func);

#endif /* KMODEL_SRCU_H */
