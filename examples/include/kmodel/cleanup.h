/*
 * kmodel/cleanup.h - scope guards: guard(raw_spinlock_irqsave)(&lock).
 *
 * As in the kernel, guard(name)(args) declares a variable of type
 * class_<name>_t initialized by class_<name>_constructor(args) and carrying
 * __attribute__((cleanup(class_<name>_destructor))), so the lock is released
 * wherever the enclosing scope ends (each return included).  holdwait reads
 * the constructor as returning holding the lock and the cleanup call as its
 * release.  The constructor and destructor must be inline code, so this
 * header is not declarations-only.  Added for examples/avic-irte.
 */
#ifndef KMODEL_CLEANUP_H
#define KMODEL_CLEANUP_H

#include <kmodel/spinlock.h>

#define __cleanup(func) __attribute__((cleanup(func)))

#define CLASS(name, var)                                                       \
	class_##name##_t var __cleanup(class_##name##_destructor) =            \
		class_##name##_constructor
#define __guard_var(n) __guard_##n
#define __guard_name(n) __guard_var(n)
#define guard(name) CLASS(name, __guard_name(__COUNTER__))

/* guard(raw_spinlock_irqsave)(&l): l held, interrupts off, until scope end. */
typedef struct {
	raw_spinlock_t *lock;
	unsigned long flags;
} class_raw_spinlock_irqsave_t;

static inline class_raw_spinlock_irqsave_t
class_raw_spinlock_irqsave_constructor(raw_spinlock_t *l)
{
	class_raw_spinlock_irqsave_t g = { .lock = l };

	raw_spin_lock_irqsave(g.lock, g.flags);
	return g;
}

static inline void
class_raw_spinlock_irqsave_destructor(class_raw_spinlock_irqsave_t *g)
{
	if (g->lock)
		raw_spin_unlock_irqrestore(g->lock, g->flags);
}

#endif /* KMODEL_CLEANUP_H */
