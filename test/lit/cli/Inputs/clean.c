// Input for the cli/ tests: locks and a join, but no finding.
#include <pthread.h>
#include <stddef.h>

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
pthread_t worker;
int counter;

static void *body(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  counter++;
  pthread_mutex_unlock(&mu);
  return NULL;
}

void start(void) { pthread_create(&worker, NULL, body, NULL); }
void stop(void) {
  pthread_mutex_lock(&mu);
  counter = 0;
  pthread_mutex_unlock(&mu);
  pthread_join(worker, NULL);
}
