/* kmodel/rcupdate.h - classic RCU: non-sleeping readers, grace-period waits. */
#ifndef KMODEL_RCUPDATE_H
#define KMODEL_RCUPDATE_H

void rcu_read_lock(void);
void rcu_read_unlock(void);
void synchronize_rcu(void); /* waits until every current reader has left */

#endif /* KMODEL_RCUPDATE_H */
