// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::this_thread::sleep_for/sleep_until under a std::mutex: a std::mutex is
// not an atomic (spinning) lock, so sleeping while holding it is not
// sleep-in-atomic, and with nobody waiting on it there is no other finding.
// The same sleep under a pthread spinlock is sleep-in-atomic, which shows
// the sleep itself is modelled.
#include <chrono>
#include <mutex>
#include <pthread.h>
#include <thread>

std::mutex mu;
pthread_spinlock_t spin;
int ticks;

void tick() {
  std::lock_guard<std::mutex> g(mu);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ++ticks;
}

void tick_until() {
  std::unique_lock<std::mutex> lk(mu);
  std::this_thread::sleep_until(std::chrono::steady_clock::now() +
                                std::chrono::milliseconds(5));
}

void tick_spinning() {
  pthread_spin_lock(&spin);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK: sleep-for-under-mutex.cpp:[[@LINE-1]]:3: warning: std::this_thread::sleep_for() may sleep while tick_spinning() holds spin, a spinlock (atomic context) [sleep-in-atomic]
  pthread_spin_unlock(&spin);
}
// CHECK-NOT: tick()
// CHECK-NOT: tick_until
// CHECK: holdwait: 1 finding(s)
