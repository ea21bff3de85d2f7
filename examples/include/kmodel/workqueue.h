/*
 * kmodel/workqueue.h - deferred work.
 *
 * INIT_WORK() is a macro whose expansion assigns the work function to
 * (w)->func, as the kernel's does: that assignment is how holdwait learns
 * which function runs as the work item (its "work:" context).
 */
#ifndef KMODEL_WORKQUEUE_H
#define KMODEL_WORKQUEUE_H

#include <kmodel/list.h>
#include <kmodel/types.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	unsigned long data;
	struct list_head entry;
	void (*func)(struct work_struct *work);
};

struct workqueue_struct;

#define INIT_WORK(w, f)                                                        \
	do {                                                                   \
		(w)->data = 0;                                                 \
		INIT_LIST_HEAD(&(w)->entry);                                   \
		(w)->func = (f);                                               \
	} while (0)

bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool schedule_work(struct work_struct *work);
bool flush_work(struct work_struct *work);       /* waits for one item */
void flush_workqueue(struct workqueue_struct *wq); /* waits for all items */

/*
 * Delayed work: a work item plus the timer that queues it after `delay`
 * jiffies.  holdwait's profile names the embedded `.work` by its container
 * (delayed_work is a transparent record).  Added for examples/srcu-funnel.
 */
struct delayed_work {
	struct work_struct work;
	unsigned long timer_expires;
	struct workqueue_struct *wq;
	int cpu;
};

#define INIT_DELAYED_WORK(dw, f) INIT_WORK(&(dw)->work, (f))
#define to_delayed_work(w) container_of(w, struct delayed_work, work)

/* Wakes a worker (takes a runqueue lock) when delay is 0. */
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
			unsigned long delay);

#endif /* KMODEL_WORKQUEUE_H */
