/*
 * Kernel-like declarations for holdwait's lit tests. Our own: the names and
 * signatures are the kernel's API (facts the profiles match on); nothing
 * here is kernel code. Macros expand the way 6.12's do where that matters
 * to the analysis (spin_lock_irqsave, INIT_WORK, guard/scoped_guard).
 */
#ifndef HOLDWAIT_TEST_KERNEL_H
#define HOLDWAIT_TEST_KERNEL_H

typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
typedef unsigned long size_t;

/* <uapi/asm-generic/errno-base.h> values the tests return. */
#define EINTR 4
#define EAGAIN 11
#define EBUSY 16
#define EINVAL 22

#define container_of(ptr, type, member)                                        \
  ({                                                                           \
    void *__mptr = (void *)(ptr);                                              \
    ((type *)((char *)__mptr - __builtin_offsetof(type, member)));             \
  })

struct mutex { int owner; };
typedef struct { int raw; } spinlock_t;
typedef struct { int raw; } raw_spinlock_t;
typedef struct { int raw; } rwlock_t;
struct rw_semaphore { int count; };
struct semaphore { int count; };
struct srcu_struct { int idx; };
struct completion { int done; };
struct task_struct;
struct workqueue_struct;
struct work_struct { void (*func)(struct work_struct *); long data; };
struct delayed_work { struct work_struct work; long timer; };
struct preempt_notifier;
struct preempt_ops {
  void (*sched_in)(struct preempt_notifier *n, int cpu);
  void (*sched_out)(struct preempt_notifier *n, struct task_struct *next);
};
struct wait_queue_head { spinlock_t lock; };

void mutex_lock(struct mutex *m);
int mutex_lock_interruptible(struct mutex *m);
int mutex_lock_killable(struct mutex *m);
int mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);

void spin_lock(spinlock_t *l);
void spin_lock_irq(spinlock_t *l);
void spin_lock_bh(spinlock_t *l);
int spin_trylock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
void spin_unlock_irq(spinlock_t *l);
void spin_unlock_bh(spinlock_t *l);
static inline spinlock_t *spinlock_check(spinlock_t *l) { return l; }
unsigned long _raw_spin_lock_irqsave(void *l);
#define spin_lock_irqsave(l, f)                                                \
  do {                                                                         \
    (f) = _raw_spin_lock_irqsave(spinlock_check(l));                           \
  } while (0)
void spin_unlock_irqrestore(spinlock_t *l, unsigned long f);
void _raw_spin_lock(raw_spinlock_t *l);
void _raw_spin_unlock(raw_spinlock_t *l);
#define raw_spin_lock(l) _raw_spin_lock(l)
#define raw_spin_unlock(l) _raw_spin_unlock(l)
void _raw_read_lock(rwlock_t *l);
void _raw_read_unlock(rwlock_t *l);
void _raw_write_lock(rwlock_t *l);
void _raw_write_unlock(rwlock_t *l);
#define read_lock(l) _raw_read_lock(l)
#define read_unlock(l) _raw_read_unlock(l)
#define write_lock(l) _raw_write_lock(l)
#define write_unlock(l) _raw_write_unlock(l)

void down_read(struct rw_semaphore *s);
void down_write(struct rw_semaphore *s);
int down_read_trylock(struct rw_semaphore *s);
int down_write_trylock(struct rw_semaphore *s);
void up_read(struct rw_semaphore *s);
void up_write(struct rw_semaphore *s);
void down(struct semaphore *s);
int down_interruptible(struct semaphore *s);
int down_trylock(struct semaphore *s);
void up(struct semaphore *s);

void rcu_read_lock(void);
void rcu_read_unlock(void);
void synchronize_rcu(void);
void rcu_barrier(void);
int srcu_read_lock(struct srcu_struct *s);
void srcu_read_unlock(struct srcu_struct *s, int idx);
void synchronize_srcu(struct srcu_struct *s);
void synchronize_srcu_expedited(struct srcu_struct *s);
void srcu_barrier(struct srcu_struct *s);

#define INIT_WORK(w, f)                                                        \
  do {                                                                         \
    (w)->data = 0;                                                             \
    (w)->func = (f);                                                           \
  } while (0)
#define INIT_DELAYED_WORK(dw, f) INIT_WORK(&(dw)->work, (f))
bool queue_work(struct workqueue_struct *wq, struct work_struct *w);
bool schedule_work(struct work_struct *w);
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dw,
                        unsigned long delay);
bool flush_work(struct work_struct *w);
bool cancel_work_sync(struct work_struct *w);
bool flush_delayed_work(struct delayed_work *dw);
bool cancel_delayed_work_sync(struct delayed_work *dw);
void __flush_workqueue(struct workqueue_struct *wq);
#define flush_workqueue(wq) __flush_workqueue(wq)
void destroy_workqueue(struct workqueue_struct *wq);

struct task_struct *kthread_create_on_node(int (*fn)(void *), void *data,
                                           int node, const char *fmt, ...);
#define kthread_run(fn, data, fmt, ...)                                        \
  ({                                                                           \
    struct task_struct *__k = kthread_create_on_node(fn, data, -1, fmt);       \
    wake_up_process(__k);                                                      \
    __k;                                                                       \
  })
int kthread_stop(struct task_struct *t);
int wake_up_process(struct task_struct *t);
void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr,
               void *key);
#define wake_up(x) __wake_up(x, 3, 1, NULL)

void wait_for_completion(struct completion *c);
unsigned long wait_for_completion_timeout(struct completion *c,
                                          unsigned long t);
void complete(struct completion *c);
void complete_all(struct completion *c);

void msleep(unsigned int ms);
void schedule(void);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int s);
static inline void usleep_range(unsigned long min, unsigned long max) {
  usleep_range_state(min, max, 2);
}

void arch_local_irq_disable(void);
void arch_local_irq_enable(void);
#define local_irq_disable() arch_local_irq_disable()
#define local_irq_enable() arch_local_irq_enable()

/* <linux/cleanup.h>-style scope guards, built the same way as 6.12's. */
#define __cleanup(f) __attribute__((cleanup(f)))
typedef struct mutex *class_mutex_t;
static inline void class_mutex_destructor(struct mutex **p) {
  struct mutex *_T = *p;
  if (_T)
    mutex_unlock(_T);
}
static inline struct mutex *class_mutex_constructor(struct mutex *_T) {
  struct mutex *t = ({ mutex_lock(_T); _T; });
  return t;
}
static inline void *class_mutex_lock_ptr(class_mutex_t *_T) { return *_T; }
static const bool class_mutex_is_conditional = false;
typedef struct { spinlock_t *lock; unsigned long flags; } class_spinlock_irqsave_t;
static inline void class_spinlock_irqsave_destructor(class_spinlock_irqsave_t *_T) {
  if (_T->lock)
    spin_unlock_irqrestore(_T->lock, _T->flags);
}
static inline class_spinlock_irqsave_t
class_spinlock_irqsave_constructor(spinlock_t *l) {
  class_spinlock_irqsave_t _t = {.lock = l}, *_T = &_t;
  spin_lock_irqsave(_T->lock, _T->flags);
  return _t;
}
static inline void *class_spinlock_irqsave_lock_ptr(class_spinlock_irqsave_t *_T) {
  return _T->lock;
}
static const bool class_spinlock_irqsave_is_conditional = false;
#define __GUARD_ID(n) __guard_##n
#define __GUARD_NAME(n) __GUARD_ID(n)
#define CLASS(_name, var)                                                      \
  class_##_name##_t var __cleanup(class_##_name##_destructor) =                \
      class_##_name##_constructor
#define guard(_name) CLASS(_name, __GUARD_NAME(__COUNTER__))
#define __scoped_guard(_name, _label, args...)                                 \
  for (CLASS(_name, scope)(args);                                              \
       class_##_name##_lock_ptr(&scope) || !class_##_name##_is_conditional;    \
       ({ goto _label; }))                                                     \
    if (0) {                                                                   \
    _label:                                                                    \
      break;                                                                   \
    } else
#define __SG_LABEL(n) __scoped_label_##n
#define __SG_NAME(n) __SG_LABEL(n)
#define scoped_guard(_name, args...)                                           \
  __scoped_guard(_name, __SG_NAME(__COUNTER__), args)

#endif
