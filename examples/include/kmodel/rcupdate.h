/* kmodel/rcupdate.h - classic RCU: non-sleeping readers, grace-period waits. */
#ifndef KMODEL_RCUPDATE_H
#define KMODEL_RCUPDATE_H

void rcu_read_lock(void);
void rcu_read_unlock(void);
void synchronize_rcu(void); /* waits until every current reader has left */

/*
 * Callbacks queued for after a grace period (call_rcu(), call_srcu()).
 * Added for examples/srcu-funnel.
 */
struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
};
typedef void (*rcu_callback_t)(struct rcu_head *head);

#endif /* KMODEL_RCUPDATE_H */
