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

#endif /* KMODEL_SPINLOCK_H */
