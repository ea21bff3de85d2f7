// Input for the compile-database tests: sleeps under a spinlock (line 11)
// only when the compile command defines WITH_SPIN.
#include <pthread.h>
#include <unistd.h>
pthread_spinlock_t spin;
void tick(void) {
#ifdef WITH_SPIN
  pthread_spin_lock(&spin);
#endif
  // The next line sleeps.
  usleep(1);
#ifdef WITH_SPIN
  pthread_spin_unlock(&spin);
#endif
}
