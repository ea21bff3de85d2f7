/* kmodel/mutex.h - sleeping locks.  holdwait recognizes these by name. */
#ifndef KMODEL_MUTEX_H
#define KMODEL_MUTEX_H

struct mutex {
	long owner;
	int wait_count;
};

void mutex_lock(struct mutex *lock);
int mutex_trylock(struct mutex *lock); /* 1 if acquired, 0 if contended */
void mutex_unlock(struct mutex *lock);

#endif /* KMODEL_MUTEX_H */
