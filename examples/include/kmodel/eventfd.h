/* kmodel/eventfd.h - the eventfd calls an irqfd makes, declarations only. */
#ifndef KMODEL_EVENTFD_H
#define KMODEL_EVENTFD_H

#include <kmodel/types.h>
#include <kmodel/wait.h>

struct eventfd_ctx;

struct eventfd_ctx *eventfd_ctx_fdget(int fd);
void eventfd_ctx_put(struct eventfd_ctx *ctx);
void eventfd_signal(struct eventfd_ctx *ctx);
/*
 * Not a kernel API: stands for vfs_poll() with irqfd's poll-table callback,
 * which hooks `wait` onto the eventfd's wait queue and returns the events
 * already pending.
 */
__poll_t model_eventfd_poll(struct eventfd_ctx *ctx, wait_queue_entry_t *wait);
int eventfd_ctx_remove_wait_queue(struct eventfd_ctx *ctx,
				  wait_queue_entry_t *wait, u64 *cnt);

#endif /* KMODEL_EVENTFD_H */
