// Input for the cli/ tests: does not compile (missing semicolon on line 5).
#include <pthread.h>
pthread_mutex_t mu;
void broken(void) {
  pthread_mutex_lock(&mu)
  pthread_mutex_unlock(&mu);
}
