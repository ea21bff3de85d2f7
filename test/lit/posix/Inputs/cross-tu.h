// Shared by posix/pthread-join-cross-tu.c and Inputs/cross-tu-worker.c.
#include <pthread.h>
struct engine {
  pthread_mutex_t lock;
  pthread_t thread;
  int ticks;
};
// Returns with e->lock held.
void engine_lock(struct engine *e);
void engine_start(struct engine *e);
