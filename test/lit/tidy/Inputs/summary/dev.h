// A device whose lock SRCU readers take (reader.c), waited on in waiter.c.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct srcu_struct srcu;
};

void reader(struct dev *d);
void waiter(struct dev *d);
