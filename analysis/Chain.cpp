//===- Chain.cpp - the pool chain nodes come from -------------------------===//
#include "analysis/Chain.h"

#include <mutex>
#include <vector>

namespace holdwait {

namespace {

/// Every slab stays reachable from here (leak checkers see it as in use).
void keep(void *Slab) {
  static std::mutex M;
  static auto *Slabs = new std::vector<void *>();
  std::lock_guard<std::mutex> Lock(M);
  Slabs->push_back(Slab);
}

/// Nodes are carved from slabs and recycled through a free list, per
/// thread, without locks. A node freed on another thread than the one that
/// made it joins that thread's list; slabs are never returned, as chains
/// live as long as the summaries that hold them.
struct NodePool {
  static constexpr size_t SlabNodes = 4096;
  void *Free = nullptr;
  char *Cursor = nullptr, *End = nullptr;

  void *take(size_t Size) {
    if (Free) {
      void *P = Free;
      Free = *static_cast<void **>(P);
      return P;
    }
    if (Cursor == End) {
      Cursor = static_cast<char *>(::operator new(Size *SlabNodes));
      End = Cursor + Size * SlabNodes;
      keep(Cursor);
    }
    void *P = Cursor;
    Cursor += Size;
    return P;
  }
  void give(void *P) {
    *static_cast<void **>(P) = Free;
    Free = P;
  }
};

NodePool &pool() {
  thread_local NodePool P;
  return P;
}

} // namespace

Chain::Node *Chain::allocate() {
  static_assert(sizeof(Node) >= sizeof(void *), "a free node holds a link");
  return new (pool().take(sizeof(Node))) Node();
}

void Chain::release(const Node *N) {
  while (N && N->Refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    const Node *Next = N->Next;
    N->~Node();
    pool().give(const_cast<Node *>(N));
    N = Next;
  }
}

} // namespace holdwait
