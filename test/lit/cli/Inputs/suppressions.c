// Input for cli/suppressions.test: sleeps under a spinlock (sleep-in-atomic),
// each silenced, or not, by a comment in the source.
#include <pthread.h>
#include <unistd.h>

pthread_spinlock_t spin;

void same_line(void) {
  pthread_spin_lock(&spin);
  usleep(1); // holdwait: ignore[sleep-in-atomic] never contended at boot
  pthread_spin_unlock(&spin);
}

void line_above(void) {
  pthread_spin_lock(&spin);
  /* holdwait: ignore[self-deadlock, sleep-in-atomic] test-only hook */
  usleep(2);
  pthread_spin_unlock(&spin);
}

void wrong_check(void) {
  pthread_spin_lock(&spin);
  // holdwait: ignore[wakeup-under-lock] names another check
  usleep(3);
  pthread_spin_unlock(&spin);
}

void no_reason(void) {
  pthread_spin_lock(&spin);
  usleep(4); // holdwait: ignore[*]
  pthread_spin_unlock(&spin);
}

void too_far(void) {
  pthread_spin_lock(&spin);
  // holdwait: ignore[sleep-in-atomic] two lines above is too far

  usleep(5);
  pthread_spin_unlock(&spin);
}

void nolint(void) {
  pthread_spin_lock(&spin);
  usleep(6); // NOLINT
  // NOLINTNEXTLINE(holdwait-sleep-in-atomic)
  usleep(7);
  usleep(8); // NOLINT(holdwait-*): a reason is optional here
  usleep(9); // NOLINT(bugprone-unused-return-value)
  // NOLINT(holdwait-sleep-in-atomic) applies to its own line only
  usleep(10);
  pthread_spin_unlock(&spin);
}
