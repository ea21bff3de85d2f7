/*
 * kmodel/wait.h - wait-queue entries with a custom wake function.
 *
 * The wake function runs from the waker's wake_up(), with the wait queue's
 * spinlock held: atomic context.
 */
#ifndef KMODEL_WAIT_H
#define KMODEL_WAIT_H

#include <kmodel/list.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, int flags, void *key);

typedef struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
} wait_queue_entry_t;

void init_waitqueue_func_entry(wait_queue_entry_t *wq_entry,
			       wait_queue_func_t func);

typedef unsigned int __poll_t;
#define EPOLLIN ((__poll_t)0x00000001)
#define EPOLLHUP ((__poll_t)0x00000010)

#endif /* KMODEL_WAIT_H */
