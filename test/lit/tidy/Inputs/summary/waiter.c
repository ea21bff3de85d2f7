#include "dev.h"

// Built with -DFIXED, the wait is outside the lock.
void waiter(struct dev *d) {
  mutex_lock(&d->lock);
#ifdef FIXED
  mutex_unlock(&d->lock);
  synchronize_srcu(&d->srcu);
#else
  synchronize_srcu(&d->srcu);
  mutex_unlock(&d->lock);
#endif
}
