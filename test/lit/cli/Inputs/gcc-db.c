// Input for cli/gcc-database.test, compiled with GCC's flags. <stdarg.h> is
// Clang's builtin header only if GCC's own header directory in the command
// is dropped (the test's stand-in for it has an #error). Line 21 sleeps
// under a spinlock.
#include <stdarg.h>
#include "kernel.h"

#if defined(EXPECT_AARCH64) && !defined(__aarch64__)
#error "not parsed for the target that the compiler's name gives"
#endif
#if !defined(EXPECT_AARCH64) && defined(__aarch64__)
#error "parsed for a cross compiler's target although the compiler is gcc"
#endif

spinlock_t stats_lock;

int log_stats(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  spin_lock(&stats_lock);
  msleep(1);
  spin_unlock(&stats_lock);
  va_end(ap);
  return 0;
}
