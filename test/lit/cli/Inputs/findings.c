// Input for the cli/ tests: one sleep-in-atomic finding (line 16) and one
// worker-wait-under-lock finding (line 32), nothing else.
#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

pthread_spinlock_t spin;
pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
pthread_t worker;
int counter;

// sleep-in-atomic
void spin_sleep(void) {
  pthread_spin_lock(&spin);
  counter++;
  usleep(10);
  pthread_spin_unlock(&spin);
}

static void *body(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  counter++;
  pthread_mutex_unlock(&mu);
  return NULL;
}

// worker-wait-under-lock
void start(void) { pthread_create(&worker, NULL, body, NULL); }
void stop(void) {
  pthread_mutex_lock(&mu);
  pthread_join(worker, NULL);
  pthread_mutex_unlock(&mu);
}
