// Input for cli/no-default-annotations.test: kernel-style locking, modelled
// only by the built-in linux-kernel profile. Line 11 takes the mutex twice.
struct mutex { int owner; };
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);

struct mutex config_mutex;

void reconfigure(void) {
  mutex_lock(&config_mutex);
  mutex_lock(&config_mutex);
  mutex_unlock(&config_mutex);
  mutex_unlock(&config_mutex);
}
