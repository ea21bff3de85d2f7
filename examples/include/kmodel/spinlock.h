/*
 * kmodel/spinlock.h - spinning locks (atomic context while held).
 *
 * spin_lock_irqsave() is a macro that assigns the saved interrupt state to
 * its second argument, as the kernel's does, so the lock call holdwait sees
 * is _raw_spin_lock_irqsave() inside an assignment.
 */
#ifndef KMODEL_SPINLOCK_H
#define KMODEL_SPINLOCK_H

typedef struct spinlock {
	unsigned int val;
} spinlock_t;

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);

unsigned long _raw_spin_lock_irqsave(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags)                                         \
	do {                                                                   \
		(flags) = _raw_spin_lock_irqsave(lock);                        \
	} while (0)
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);

/*
 * Raw spinlocks (never sleeping, also under PREEMPT_RT).  In this model a
 * raw_spinlock_t is the same structure as a spinlock_t; what holdwait sees
 * are the _raw_spin_*() entry points the macros expand to, as in the kernel.
 * Added for examples/avic-irte and examples/srcu-funnel.
 */
typedef struct spinlock raw_spinlock_t;

void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass);
int _raw_spin_trylock(raw_spinlock_t *lock); /* 1 if acquired */
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);

#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_lock_nested(lock, subclass) _raw_spin_lock_nested(lock, subclass)
#define raw_spin_trylock(lock) _raw_spin_trylock(lock)
#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags)                                     \
	do {                                                                   \
		(flags) = _raw_spin_lock_irqsave(lock);                        \
	} while (0)
#define raw_spin_unlock_irqrestore(lock, flags)                                \
	_raw_spin_unlock_irqrestore(lock, flags)

#endif /* KMODEL_SPINLOCK_H */
