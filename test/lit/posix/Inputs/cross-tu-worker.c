// Second translation unit for posix/pthread-join-cross-tu.c: the thread body
// and the helper that starts it live here; only this file takes
// `struct engine`'s lock in the worker.
#include <pthread.h>
#include <stddef.h>
#include "cross-tu.h"

static void *engine_main(void *arg) {
  struct engine *e = arg;
  engine_lock(e);
  e->ticks++;
  pthread_mutex_unlock(&e->lock);
  return NULL;
}

void engine_lock(struct engine *e) { pthread_mutex_lock(&e->lock); }

void engine_start(struct engine *e) {
  pthread_create(&e->thread, NULL, engine_main, e);
}
