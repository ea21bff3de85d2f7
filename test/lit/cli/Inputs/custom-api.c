// Input for cli/annotations.test: a lock API that only a project profile
// (Inputs/my-spinlock.yaml) describes.
struct my_spinlock { int v; };
void my_spin_lock(struct my_spinlock *l);
void my_spin_unlock(struct my_spinlock *l);
void my_msleep(int ms);

struct my_spinlock table_lock;

void refresh(void) {
  my_spin_lock(&table_lock);
  my_msleep(10);
  my_spin_unlock(&table_lock);
}
