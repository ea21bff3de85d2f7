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

#endif /* KMODEL_WORKQUEUE_H */
