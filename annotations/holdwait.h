/*
 * holdwait.h - in-source annotations for the holdwait analyzer.
 *
 * Include this header in code you own to tell holdwait what a YAML profile
 * would otherwise have to: which helper is a wait, which code runs on behalf
 * of the thing being waited for, and which locks must never be held across a
 * given wait.  Every macro expands to Clang's `annotate` attribute, which
 * changes nothing in the generated code; under other compilers the macros
 * expand to nothing.
 *
 * A *domain* names what a wait waits for.  Built-in domains look like
 * `srcu:kvm.irq_srcu`, `work:irqfd.shutdown`, `thread:Poller.worker_` or
 * `rq`; your own can be any string, e.g. "vcpu-ack".
 */
#ifndef HOLDWAIT_H
#define HOLDWAIT_H

#if defined(__clang__)
#define HOLDWAIT_ANNOTATE_(...) __attribute__((annotate(__VA_ARGS__)))
#else
#define HOLDWAIT_ANNOTATE_(...)
#endif

/*
 * On a function: calling it blocks until code running in DOMAIN makes
 * progress (a "wait for acknowledgement" loop, a barrier, a join).  A lock
 * held across the call conflicts with the wait when code in DOMAIN acquires
 * it.  The wait counts as a worker wait and as a sleep.
 */
#define HOLDWAIT_WAITS_FOR(domain)                                             \
  HOLDWAIT_ANNOTATE_("holdwait.waits_for", domain)

/*
 * Same, with an explicit kind: "grace-period", "worker-wait" or "sleep".
 */
#define HOLDWAIT_WAITS(kind, domain)                                           \
  HOLDWAIT_ANNOTATE_("holdwait.waits", kind, domain)

/*
 * On a function: it (and everything it calls) runs on behalf of DOMAIN, so a
 * wait on DOMAIN cannot finish while this code is blocked.  Put it on a
 * thread's main loop, an event handler, a callback run by the waiter's peer.
 */
#define HOLDWAIT_RUNS_IN(domain) HOLDWAIT_ANNOTATE_("holdwait.runs_in", domain)

/*
 * On a lock (a field or a variable): holding it while waiting on DOMAIN is a
 * hold-and-wait bug even when holdwait cannot see the other side.  REASON is
 * printed with every finding.
 */
#define HOLDWAIT_CONFLICTS_WITH(domain, reason)                                \
  HOLDWAIT_ANNOTATE_("holdwait.conflicts_with", domain, reason)

/*
 * On a function: it signals DOMAIN (completes it, notifies its waiters); the
 * locks held or taken before the call are locks the waiters need.
 */
#define HOLDWAIT_SIGNALS(domain) HOLDWAIT_ANNOTATE_("holdwait.signals", domain)

/* On a function: it may sleep (it must not be called in atomic context). */
#define HOLDWAIT_MAY_SLEEP HOLDWAIT_ANNOTATE_("holdwait.may_sleep")

#endif /* HOLDWAIT_H */
