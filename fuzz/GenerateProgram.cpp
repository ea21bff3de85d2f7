//===- GenerateProgram.cpp - C programs built from fuzz bytes -------------===//
//
// Our own model of the kernel and POSIX APIs (the names and signatures the
// profiles match on; the macros expand the way the kernel's do where the
// analysis sees the difference: raw_spin_lock, spin_lock_irqsave, INIT_WORK,
// kthread_run, guard and scoped_guard).
//
//===----------------------------------------------------------------------===//
#include "fuzz/GenerateProgram.h"

#include <iterator>
#include <vector>

namespace holdwait {
namespace fuzz {

llvm::StringRef programPrelude() {
  return R"c(typedef _Bool bool;
#define NULL ((void *)0)
#define container_of(ptr, type, member)                                        \
  ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

struct mutex { int owner; };
typedef struct { int raw; } raw_spinlock_t;
typedef struct { raw_spinlock_t rlock; } spinlock_t;
typedef struct { int raw; } rwlock_t;
struct rw_semaphore { int count; };
struct semaphore { int count; };
struct srcu_struct { int idx; };
struct completion { int done; };
struct task_struct;
struct workqueue_struct;
struct work_struct { void (*func)(struct work_struct *); long data; };
struct delayed_work { struct work_struct work; long timer; };
struct wait_queue_head { spinlock_t lock; };
typedef struct { int m; } pthread_mutex_t;
typedef struct { int c; } pthread_cond_t;
typedef unsigned long pthread_t;

void mutex_lock(struct mutex *m);
int mutex_lock_interruptible(struct mutex *m);
int mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
void spin_lock(spinlock_t *l);
void spin_lock_bh(spinlock_t *l);
void spin_lock_irq(spinlock_t *l);
int spin_trylock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
void spin_unlock_bh(spinlock_t *l);
void spin_unlock_irq(spinlock_t *l);
static inline raw_spinlock_t *spinlock_check(spinlock_t *l) {
  return &l->rlock;
}
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *l);
#define spin_lock_irqsave(l, f)                                                \
  do {                                                                         \
    (f) = _raw_spin_lock_irqsave(spinlock_check(l));                           \
  } while (0)
void spin_unlock_irqrestore(spinlock_t *l, unsigned long f);
void _raw_spin_lock(raw_spinlock_t *l);
int _raw_spin_trylock(raw_spinlock_t *l);
void _raw_spin_unlock(raw_spinlock_t *l);
#define raw_spin_lock(l) _raw_spin_lock(l)
#define raw_spin_trylock(l) _raw_spin_trylock(l)
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
unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long f);
void arch_local_irq_disable(void);
void arch_local_irq_enable(void);
#define local_irq_save(f) ((f) = arch_local_irq_save())
#define local_irq_restore(f) arch_local_irq_restore(f)
#define local_irq_disable() arch_local_irq_disable()
#define local_irq_enable() arch_local_irq_enable()

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
struct task_struct *kthread_create_on_node(int (*fn)(void *), void *data,
                                           int node, const char *fmt, ...);
int wake_up_process(struct task_struct *t);
#define kthread_run(fn, data, fmt)                                             \
  ({                                                                           \
    struct task_struct *__k = kthread_create_on_node(fn, data, -1, fmt);       \
    wake_up_process(__k);                                                      \
    __k;                                                                       \
  })
int kthread_stop(struct task_struct *t);
void __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr,
               void *key);
#define wake_up(x) __wake_up(x, 3, 1, NULL)
void wait_for_completion(struct completion *c);
void complete(struct completion *c);
void msleep(unsigned int ms);
void schedule(void);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int s);
static inline void usleep_range(unsigned long min, unsigned long max) {
  usleep_range_state(min, max, 2);
}

int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_create(pthread_t *t, const void *attr, void *(*fn)(void *),
                   void *arg);
int pthread_join(pthread_t t, void **ret);
unsigned int sleep(unsigned int s);

/* Scope guards built on the cleanup attribute, as <linux/cleanup.h>'s. */
#define __cleanup(f) __attribute__((cleanup(f)))
typedef struct mutex *class_mutex_t;
static inline void class_mutex_destructor(class_mutex_t *p) {
  if (*p)
    mutex_unlock(*p);
}
static inline class_mutex_t class_mutex_constructor(struct mutex *m) {
  mutex_lock(m);
  return m;
}
typedef spinlock_t *class_spinlock_t;
static inline void class_spinlock_destructor(class_spinlock_t *p) {
  if (*p)
    spin_unlock(*p);
}
static inline class_spinlock_t class_spinlock_constructor(spinlock_t *l) {
  spin_lock(l);
  return l;
}
#define __GUARD_CAT2(a, b) a##b
#define __GUARD_CAT(a, b) __GUARD_CAT2(a, b)
#define guard(name)                                                            \
  class_##name##_t __GUARD_CAT(__guard_, __COUNTER__)                          \
      __cleanup(class_##name##_destructor) = class_##name##_constructor
#define scoped_guard(name, arg)                                                \
  for (class_##name##_t __sg __cleanup(class_##name##_destructor) =           \
           class_##name##_constructor(arg),                                    \
                        *__sg_done = NULL;                                     \
       !__sg_done; __sg_done = (void *)1)

/* In-source annotations (annotations/holdwait.h spells them as macros). */
void wait_ack(void) __attribute__((annotate("holdwait.waits_for", "ack")));
void signal_ack(void) __attribute__((annotate("holdwait.signals", "ack")));
void may_sleep_helper(void) __attribute__((annotate("holdwait.may_sleep")));

struct dev {
  struct mutex lock;
  spinlock_t slock;
  raw_spinlock_t rlock;
  struct rw_semaphore sem;
  struct srcu_struct srcu;
  struct work_struct work;
  struct delayed_work dwork;
  struct completion done;
  pthread_mutex_t pm;
  struct dev *peer;
};
struct dev_ops {
  int (*run)(struct dev *d, int x);
};
struct dev devs[2];
struct mutex gm[2];
struct mutex conflict_lock
    __attribute__((annotate("holdwait.conflicts_with", "ack", "fuzz")));
spinlock_t gs[2];
raw_spinlock_t grs;
rwlock_t grw;
struct rw_semaphore grwsem;
struct semaphore gsem;
struct srcu_struct gss;
struct workqueue_struct *gwq;
struct task_struct *gtask;
struct completion gdone;
struct wait_queue_head gwqh;
pthread_mutex_t gpm[2];
pthread_cond_t gcv;
pthread_t gthread;
int counter;
)c";
}

namespace {

/// Where a function runs: called directly, as a work item, as a kthread
/// or as a POSIX thread. Each has its own signature.
enum class FnKind { Plain, Work, KThread, PThread };

struct Fn {
  std::string Name;
  FnKind Kind;
  bool Static;
  unsigned Attr; ///< 0: none; 1: runs_in("ack"); 2: may_sleep
};

/// A lock family: how to take, drop and try it (`$` stands for the
/// operand), and the operands it is used with.
struct Family {
  const char *Lock;
  const char *Unlock;
  const char *Try; ///< a condition true when the lock was taken, or null
  std::vector<const char *> Operands;
};

const std::vector<const char *> MutexOps = {"&d->lock",       "&gm[0]",
                                            "&gm[1]",         "&devs[1].lock",
                                            "&d->peer->lock", "&conflict_lock"};
const std::vector<const char *> SpinOps = {"&d->slock", "&gs[0]", "&gs[1]",
                                           "&d->peer->slock"};
const std::vector<const char *> RawOps = {"&grs", "&d->rlock"};
const std::vector<const char *> RwsemOps = {"&d->sem", "&grwsem"};
const std::vector<const char *> PthreadOps = {"&gpm[0]", "&gpm[1]", "&d->pm"};
const std::vector<const char *> SrcuOps = {"&gss", "&d->srcu", "&devs[0].srcu"};
const std::vector<const char *> NoOperand = {""};

const std::vector<Family> Families = {
    {"mutex_lock($)", "mutex_unlock($)", "mutex_trylock($)", MutexOps},
    {"spin_lock($)", "spin_unlock($)", "spin_trylock($)", SpinOps},
    {"spin_lock_bh($)", "spin_unlock_bh($)", nullptr, SpinOps},
    {"spin_lock_irq($)", "spin_unlock_irq($)", nullptr, SpinOps},
    {"spin_lock_irqsave($, flags)", "spin_unlock_irqrestore($, flags)", nullptr,
     SpinOps},
    {"raw_spin_lock($)", "raw_spin_unlock($)", "raw_spin_trylock($)", RawOps},
    {"read_lock($)", "read_unlock($)", nullptr, {"&grw"}},
    {"write_lock($)", "write_unlock($)", nullptr, {"&grw"}},
    {"down_read($)", "up_read($)", "down_read_trylock($)", RwsemOps},
    {"down_write($)", "up_write($)", "down_write_trylock($)", RwsemOps},
    {"down($)", "up($)", "!down_trylock($)", {"&gsem"}},
    {"pthread_mutex_lock($)", "pthread_mutex_unlock($)",
     "pthread_mutex_trylock($) == 0", PthreadOps},
    {"rcu_read_lock()", "rcu_read_unlock()", nullptr, NoOperand},
    {"idx = srcu_read_lock($)", "srcu_read_unlock($, idx)", nullptr, SrcuOps},
    {"local_irq_disable()", "local_irq_enable()", nullptr, NoOperand},
    {"local_irq_save(flags)", "local_irq_restore(flags)", nullptr, NoOperand},
};

/// Waits, wakeups, signals and sleeps.
const std::vector<const char *> Waits = {
    "msleep(1)",
    "schedule()",
    "usleep_range(1, 2)",
    "synchronize_rcu()",
    "rcu_barrier()",
    "synchronize_srcu(&gss)",
    "synchronize_srcu(&d->srcu)",
    "synchronize_srcu_expedited(&devs[0].srcu)",
    "flush_work(&d->work)",
    "flush_work(&devs[0].work)",
    "cancel_work_sync(&d->peer->work)",
    "flush_delayed_work(&d->dwork)",
    "cancel_delayed_work_sync(&d->dwork)",
    "flush_workqueue(gwq)",
    "kthread_stop(gtask)",
    "wait_for_completion(&d->done)",
    "wait_for_completion(&gdone)",
    "complete(&d->done)",
    "complete(&gdone)",
    "wake_up_process(gtask)",
    "wake_up(&gwqh)",
    "queue_work(gwq, &d->work)",
    "schedule_work(&devs[1].work)",
    "queue_delayed_work(gwq, &d->dwork, 1)",
    "pthread_join(gthread, 0)",
    "pthread_cond_wait(&gcv, &gpm[0])",
    "pthread_cond_signal(&gcv)",
    "sleep(1)",
    "wait_ack()",
    "signal_ack()",
    "may_sleep_helper()",
};

std::string fill(const char *Format, llvm::StringRef Operand) {
  std::string S;
  for (const char *P = Format; *P; ++P)
    if (*P == '$')
      S += Operand;
    else
      S += *P;
  return S;
}

class Generator {
public:
  explicit Generator(ByteReader &In) : In(In) {}

  std::string run() {
    Out = programPrelude().str();
    unsigned N = 1 + In.below(6);
    for (unsigned I = 0; I < N; ++I) {
      Fn F;
      // Mostly plain functions; the others are bound by the plain ones.
      static const FnKind Kinds[] = {FnKind::Plain,   FnKind::Plain,
                                     FnKind::Plain,   FnKind::Work,
                                     FnKind::KThread, FnKind::PThread};
      F.Kind = Kinds[In.below(6)];
      F.Name = "f" + std::to_string(I);
      F.Static = In.below(2);
      F.Attr = In.below(8) == 0 ? 1 + In.below(2) : 0;
      Fns.push_back(F);
    }
    Out += "\n";
    for (const Fn &F : Fns)
      Out += signature(F) + attribute(F) + ";\n";
    // Function pointers set at compile time: calls through them reach the
    // functions stored.
    const Fn *A = pick(FnKind::Plain), *B = pick(FnKind::Plain);
    Out += "static int (*ops[2])(struct dev *, int) = {" +
           std::string(A ? A->Name : "0") + ", " + (B ? B->Name : "0") + "};\n";
    const Fn *C = pick(FnKind::Plain);
    Out += "static struct dev_ops sops = {.run = " +
           std::string(C ? C->Name : "0") + "};\n";
    for (const Fn &F : Fns)
      function(F);
    return std::move(Out);
  }

private:
  ByteReader &In;
  std::string Out;
  std::vector<Fn> Fns;
  const Fn *Cur = nullptr;
  unsigned Budget = 40; ///< statements left in the whole program
  unsigned Indent = 0;
  unsigned Loops = 0;    ///< loops around the statement (continue)
  unsigned Switches = 0; ///< switches around it (break, with Loops)
  unsigned Labels = 0;   ///< unlock labels made in this function
  /// The labels of the lock regions around the statement that a goto may
  /// jump forward to.
  std::vector<std::string> OpenLabels;

  static std::string signature(const Fn &F) {
    std::string S = F.Static ? "static " : "";
    switch (F.Kind) {
    case FnKind::Plain:
      return S + "int " + F.Name + "(struct dev *d, int x)";
    case FnKind::Work:
      return S + "void " + F.Name + "(struct work_struct *w)";
    case FnKind::KThread:
      return S + "int " + F.Name + "(void *arg)";
    case FnKind::PThread:
      return S + "void *" + F.Name + "(void *arg)";
    }
    return "";
  }

  static std::string attribute(const Fn &F) {
    if (F.Attr == 1)
      return " __attribute__((annotate(\"holdwait.runs_in\", \"ack\")))";
    if (F.Attr == 2)
      return " __attribute__((annotate(\"holdwait.may_sleep\")))";
    return "";
  }

  /// A function of this kind chosen by the bytes, or null when there is
  /// none.
  const Fn *pick(FnKind K) {
    std::vector<const Fn *> Of;
    for (const Fn &F : Fns)
      if (F.Kind == K)
        Of.push_back(&F);
    if (Of.empty())
      return nullptr;
    return Of[In.below(Of.size())];
  }

  std::string ret() const {
    switch (Cur->Kind) {
    case FnKind::Plain:
      return "return x;";
    case FnKind::Work:
      return "return;";
    case FnKind::KThread:
    case FnKind::PThread:
      return "return 0;";
    }
    return "";
  }

  void line(const std::string &S) {
    Out.append(2 * Indent, ' ');
    Out += S;
    Out += '\n';
  }

  void function(const Fn &F) {
    Cur = &F;
    Labels = 0;
    Loops = 0;
    Switches = 0;
    OpenLabels.clear();
    Out += "\n" + signature(F) + " {\n";
    Indent = 1;
    switch (F.Kind) {
    case FnKind::Plain:
      break;
    case FnKind::Work:
      line("struct dev *d = container_of(w, struct dev, work);");
      line("int x = 0;");
      break;
    case FnKind::KThread:
    case FnKind::PThread:
      line("struct dev *d = arg;");
      line("int x = 1;");
      break;
    }
    line("int idx = 0;");
    line("unsigned long flags = 0;");
    line("(void)idx;");
    line("(void)flags;");
    block(0);
    Out += "out:\n";
    line(ret());
    Out += "}\n";
  }

  /// Up to four statements, fewer as the budget or the bytes run out.
  void block(unsigned Depth) {
    unsigned N = In.below(5);
    for (unsigned I = 0; I < N && Budget && !In.empty(); ++I) {
      --Budget;
      statement(Depth);
    }
  }

  void nested(const std::string &Open, unsigned Depth,
              const std::string &Close = "}") {
    line(Open);
    ++Indent;
    block(Depth + 1);
    --Indent;
    line(Close);
  }

  const Family &family() { return Families[In.below(Families.size())]; }
  const char *operand(const Family &F) {
    return F.Operands[In.below(F.Operands.size())];
  }

  void statement(unsigned Depth) {
    // Past the depth limit only the statements without a body.
    unsigned Kinds = Depth >= 4 ? 6 : 17;
    switch (In.below(Kinds)) {
    case 0: {
      static const char *Plain[] = {"counter++;", "x--;", "x += counter;",
                                    "d = d->peer;"};
      unsigned P = In.below(5);
      if (P == 4)
        line("if (!d) " + ret());
      else
        line(Plain[P]);
      return;
    }
    case 1:
      line(std::string(Waits[In.below(Waits.size())]) + ";");
      return;
    case 2: { // an unbalanced acquire or release
      const Family &F = family();
      const char *Op = operand(F);
      line(fill(In.below(2) ? F.Lock : F.Unlock, Op) + ";");
      return;
    }
    case 3:
      call();
      return;
    case 4: // return, maybe with locks still held
      line("if (x == " + std::to_string(In.below(4)) + ") " + ret());
      return;
    case 5: { // a jump: out of loops, to the end, to an unlock label
      unsigned J = In.below(4);
      if (J == 0 && (Loops || Switches))
        line("if (x & 1) break;");
      else if (J == 1 && Loops)
        line("if (x & 2) continue;");
      else if (J == 2 && !OpenLabels.empty())
        line("if (x < 0) goto " + OpenLabels[In.below(OpenLabels.size())] +
             ";");
      else
        line("if (x > 9) goto out;");
      return;
    }
    case 6:
      region(Depth);
      return;
    case 7:
      region(Depth);
      return;
    case 8: { // trylock
      const Family *F = &family();
      for (unsigned Tries = 0; !F->Try && Tries < 4; ++Tries)
        F = &family();
      if (!F->Try)
        F = &Families[0];
      const char *Op = operand(*F);
      line("if (" + fill(F->Try, Op) + ") {");
      ++Indent;
      block(Depth + 1);
      line(fill(F->Unlock, Op) + ";");
      --Indent;
      if (In.below(2))
        nested("} else {", Depth);
      else
        line("}");
      return;
    }
    case 9: {
      std::string Cond = "if (x > " + std::to_string(In.below(8)) + ") {";
      if (In.below(2)) {
        nested(Cond, Depth, "} else {");
        ++Indent;
        block(Depth + 1);
        --Indent;
        line("}");
      } else {
        nested(Cond, Depth);
      }
      return;
    }
    case 10: {
      ++Loops;
      static const char *Heads[] = {"while (x-- > 0) {",
                                    "for (int i = 0; i < x; i++) {", "do {"};
      unsigned H = In.below(3);
      nested(Heads[H], Depth, H == 2 ? "} while (--x > 0);" : "}");
      --Loops;
      return;
    }
    case 11: {
      ++Switches;
      line("switch (x & 3) {");
      for (const char *Case : {"case 0:", "case 1:", "default:"}) {
        line(Case);
        ++Indent;
        block(Depth + 1);
        // A label must be followed by a statement (before C23).
        if (In.below(2) || llvm::StringRef(Case) == "default:")
          line("break;");
        --Indent;
      }
      line("}");
      --Switches;
      return;
    }
    case 12:
      bind();
      return;
    case 13: { // a lock taken through a local pointer
      line("{");
      ++Indent;
      line("struct mutex *m = " +
           std::string(MutexOps[In.below(MutexOps.size())]) + ";");
      line("mutex_lock(m);");
      block(Depth + 1);
      line("mutex_unlock(m);");
      --Indent;
      line("}");
      return;
    }
    case 14: { // scope guards: released by the cleanup attribute
      bool Spin = In.below(2);
      const char *Op = Spin ? SpinOps[In.below(SpinOps.size())]
                            : MutexOps[In.below(MutexOps.size())];
      std::string Name = Spin ? "spinlock" : "mutex";
      if (In.below(2)) {
        nested("scoped_guard(" + Name + ", " + Op + ") {", Depth);
      } else {
        line("{");
        ++Indent;
        line("guard(" + Name + ")(" + Op + ");");
        block(Depth + 1);
        --Indent;
        line("}");
      }
      return;
    }
    case 15: // an interruptible lock: the error path returns unlocked
      line("if (mutex_lock_interruptible(" +
           std::string(MutexOps[In.below(MutexOps.size())]) + ")) " + ret());
      return;
    case 16: // a nested block
      nested("{", Depth);
      return;
    }
  }

  /// Lock, a body (maybe jumping to the unlock), unlock; sometimes the
  /// unlock is of another operand or missing.
  void region(unsigned Depth) {
    const Family &F = family();
    const char *Op = operand(F);
    line(fill(F.Lock, Op) + ";");
    bool Label = In.below(3) == 0;
    std::string Name = "unlock" + std::to_string(Labels++);
    if (Label)
      OpenLabels.push_back(Name);
    block(Depth + 1);
    if (Label) {
      OpenLabels.pop_back();
      Out += Name + ":\n";
    }
    switch (In.below(8)) {
    case 0: // forgotten
      line("counter++;");
      return;
    case 1: // released through another operand of the family
      line(fill(F.Unlock, operand(F)) + ";");
      return;
    default:
      line(fill(F.Unlock, Op) + ";");
      return;
    }
  }

  void call() {
    const Fn &F = Fns[In.below(Fns.size())];
    switch (F.Kind) {
    case FnKind::Plain: {
      static const char *Args[] = {"d, x - 1", "d->peer, x", "&devs[1], 0",
                                   "d, counter"};
      std::string Call = F.Name + "(" + Args[In.below(4)] + ")";
      switch (In.below(4)) {
      case 0:
        line("x = " + Call + ";");
        return;
      case 1:
        line("if (" + Call + ") " + ret());
        return;
      case 2:
        line("ops[x & 1](d, x);");
        return;
      default:
        line(Call + ";");
        return;
      }
    }
    case FnKind::Work:
      line(F.Name + "(&d->work);");
      return;
    case FnKind::KThread:
    case FnKind::PThread:
      line(F.Name + "(d);");
      return;
    }
  }

  /// Start a work item, a kthread or a thread, or store a function pointer.
  void bind() {
    switch (In.below(5)) {
    case 0:
      if (const Fn *W = pick(FnKind::Work)) {
        line(In.below(2) ? "INIT_WORK(&d->work, " + W->Name + ");"
                         : "INIT_DELAYED_WORK(&d->dwork, " + W->Name + ");");
        return;
      }
      break;
    case 1:
      if (const Fn *K = pick(FnKind::KThread)) {
        line("gtask = kthread_run(" + K->Name + ", d, \"fuzz\");");
        return;
      }
      break;
    case 2:
      if (const Fn *P = pick(FnKind::PThread)) {
        line("pthread_create(&gthread, 0, " + P->Name + ", d);");
        return;
      }
      break;
    case 3:
      line("sops.run(d, x);");
      return;
    }
    if (const Fn *P = pick(FnKind::Plain))
      line("ops[" + std::to_string(In.below(2)) + "] = " + P->Name + ";");
    else
      line("counter--;");
  }
};

} // namespace

std::string generateProgram(ByteReader &In) { return Generator(In).run(); }

std::string generateProfile(ByteReader &In) {
  // Names and operands the generated programs use, and some that fit
  // nothing (an index past every argument, `$ret` of a void function).
  static const char *const Names[] = {
      "f0",        "f1",       "f2",         "f3",      "f4",
      "f5",        "wait_ack", "signal_ack", "msleep",  "mutex_lock",
      "spin_lock", "complete", "flush_work", "schedule"};
  static const char *const Operands[] = {
      "$0",       "$1",    "$2",   "$0.lock", "$0.peer.slock",
      "$1.work",  "$this", "$ret", "$*",      "rcu",
      "dev.lock", "gm",    "$7",   "$0[]",    "$2147483647"};
  static const char *const Domains[] = {"srcu:$0",     "work:$0.work",
                                        "thread:$ret", "kthread:$1",
                                        "rq",          "ack",
                                        "wq:$0",       "completion:$0.done",
                                        "work:$this",  "srcu:$2147483647",
                                        "x:$*"};
  static const char *const Ops[] = {"acquire",
                                    "try-acquire",
                                    "release",
                                    "scoped-acquire",
                                    "scoped-try-acquire",
                                    "scoped-defer",
                                    "scoped-adopt",
                                    "owned-acquire",
                                    "owned-try-acquire",
                                    "owned-release",
                                    "disown",
                                    "owns-query",
                                    "transfer"};
  static const char *const Kinds[] = {
      "mutex",        "rwsem",  "shared-mutex", "semaphore", "spinlock",
      "raw-spinlock", "rwlock", "rcu",          "srcu",      "irqs-off"};
  static const char *const Waits[] = {"grace-period", "worker-wait", "wakeup",
                                      "sleep"};
  static const char *const Classes[] = {"dev.lock",  "dev.slock",    "gm", "gs",
                                        "rq.__lock", "conflict_lock"};
  static const char *const Fields[] = {"dev_ops.run", "work_struct.func",
                                       "dev.peer", "preempt_ops.sched_out"};
  // Every byte is read in its own statement: the operands of one `+` are
  // evaluated in an unspecified order (clang's differs from GCC's), and the
  // same bytes must make the same profile in every build, or an input
  // saved by the fuzz build is another input in the default build.
  auto One = [&](const auto &Table) {
    return std::string(Table[In.below(std::size(Table))]);
  };

  // Entries of one section are listed under one key.
  enum {
    Locks,
    Blocking,
    Signals,
    Threads,
    Relations,
    Fields_,
    Aliases,
    Callbacks,
    DomainLocks,
    Conflicts,
    LockOrders,
    Transparent,
    NumSections
  };
  static const char *const Keys[] = {
      "locks",        "blocking",  "signals",     "threads",
      "relations",    "fields",    "aliases",     "callbacks",
      "domain-locks", "conflicts", "lock-orders", "transparent-records"};
  std::string Section[NumSections];
  unsigned N = 1 + In.below(5);
  for (unsigned I = 0; I < N; ++I) {
    unsigned K = In.below(NumSections);
    std::string &S = Section[K];
    std::string Entry = "  - names: [" + One(Names) + "]\n";
    switch (K) {
    case Locks:
      S += Entry;
      S += "    op: " + One(Ops) + "\n";
      S += "    kind: " + One(Kinds) + "\n";
      S += "    lock: " + One(Operands) + "\n";
      switch (In.below(6)) {
      case 0:
        S += "    success: zero\n";
        break;
      case 1:
        S += "    assume-success: true\n";
        break;
      case 2:
        S += "    recursive: true\n";
        break;
      case 3:
        S += "    mode: shared\n";
        break;
      case 4:
        S += "    arg-types: ['0=dev']\n";
        break;
      }
      break;
    case Blocking:
      S += Entry;
      S += "    kind: " + One(Waits) + "\n";
      S += "    domain: " + One(Domains) + "\n";
      if (In.below(3) == 0)
        S += "    releases: " + One(Operands) + "\n";
      if (In.below(3) == 0)
        S += "    implicit-lock: " + One(Classes) + "\n";
      break;
    case Signals:
      S += Entry + "    domain: " + One(Domains) + "\n";
      break;
    case Threads:
      S += Entry + "    domain: " + One(Domains) + "\n";
      if (In.below(2))
        S += "    callable: $" + std::to_string(In.below(4)) + "\n";
      break;
    case Relations:
      S += Entry;
      S += "    domain: " + One(Domains) + "\n";
      S += "    member: " + One(Domains) + "\n";
      break;
    case Fields_:
      S += "  - field: " + One(Fields) + "\n";
      S += "    domain: " + One(Domains) + "\n";
      if (In.below(2))
        S += "    held: [" + One(Classes) + "]\n";
      break;
    case Aliases:
      S += Entry + "    returns: $" + std::to_string(In.below(3)) + "\n";
      break;
    case Callbacks:
      S += Entry;
      S += "    slot: $" + std::to_string(In.below(3)) + "\n";
      S += "    value: $" + std::to_string(In.below(3)) + "\n";
      break;
    case DomainLocks:
      S += "  - domain: " + One(Domains) + "\n";
      S += "    lock: " + One(Classes) + "\n";
      break;
    case Conflicts:
      S += "  - lock: " + One(Classes) + "\n";
      S += "    waits: " + (In.below(2) ? std::string("any") : One(Waits)) +
           "\n    reason: fuzz\n";
      if (In.below(2))
        S += "    domain: " + One(Domains) + "\n";
      break;
    case LockOrders:
      S += "  - order: [" + One(Classes);
      S += ", " + One(Classes);
      if (In.below(2))
        S += ", " + One(Classes);
      S += "]\n    reason: fuzz\n";
      break;
    case Transparent:
      S += "  - " + std::string(In.below(2) ? "dev" : "delayed_work") + "\n";
      break;
    }
  }
  std::string Out = "profile: fuzz\n";
  for (unsigned K = 0; K < NumSections; ++K)
    if (!Section[K].empty())
      Out += std::string(Keys[K]) + ":\n" + Section[K];
  return Out;
}

} // namespace fuzz
} // namespace holdwait
