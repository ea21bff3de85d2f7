//===- Chain.h - call chains that share their tails -------------*- C++ -*-===//
//
// A call chain runs from a function down to a blocking operation or a lock
// acquisition. Every caller's summary repeats its callee's chains with one
// step in front, so chains are persistent lists: prepending allocates one
// node and shares the callee's tail instead of copying it. On a large call
// graph this is what keeps summaries linear in size. A chain may be capped
// (it then shows only its first Len steps of a longer shared tail).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_CHAIN_H
#define HOLDWAIT_ANALYSIS_CHAIN_H

#include "analysis/IR.h"

#include <atomic>
#include <cassert>
#include <climits>
#include <initializer_list>
#include <iterator>

namespace holdwait {

/// One call in a chain: in function Fn, at At, a call to Callee.
struct ChainStep {
  uint32_t Fn = NoIndex;
  Loc At;
  uint32_t Callee = NoIndex;
};

class Chain {
  /// A list node, reference counted in place: 32 bytes, allocated from a
  /// per-thread pool (see Chain.cpp), as chains are made by the million.
  struct Node {
    ChainStep Step;
    mutable std::atomic<uint32_t> Refs{1};
    const Node *Next = nullptr;
  };
  static Node *allocate();
  /// Drops a reference; frees the nodes nobody else holds, iteratively (a
  /// chain can be as long as the program's deepest call path).
  static void release(const Node *N);
  static const Node *retain(const Node *N) {
    if (N)
      N->Refs.fetch_add(1, std::memory_order_relaxed);
    return N;
  }

public:
  class iterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = ChainStep;
    using difference_type = std::ptrdiff_t;
    using pointer = const ChainStep *;
    using reference = const ChainStep &;
    iterator() = default;
    iterator(const Node *N, uint32_t Left)
        : N(Left ? N : nullptr), Left(Left) {}
    reference operator*() const { return N->Step; }
    pointer operator->() const { return &N->Step; }
    iterator &operator++() {
      N = --Left ? N->Next : nullptr;
      return *this;
    }
    iterator operator++(int) {
      iterator I = *this;
      ++*this;
      return I;
    }
    bool operator==(const iterator &O) const { return N == O.N; }
    bool operator!=(const iterator &O) const { return N != O.N; }

  private:
    const Node *N = nullptr;
    uint32_t Left = 0;
  };

  Chain() = default;
  Chain(std::initializer_list<ChainStep> Steps) {
    for (auto It = std::rbegin(Steps); It != std::rend(Steps); ++It)
      *this = prepend(*It, *this);
  }
  Chain(const Chain &O) : Head(retain(O.Head)), Len(O.Len) {}
  Chain(Chain &&O) noexcept : Head(O.Head), Len(O.Len) {
    O.Head = nullptr;
    O.Len = 0;
  }
  Chain &operator=(const Chain &O) {
    if (this != &O) {
      const Node *Old = Head;
      Head = retain(O.Head);
      Len = O.Len;
      release(Old);
    }
    return *this;
  }
  Chain &operator=(Chain &&O) noexcept {
    if (this != &O) {
      release(Head);
      Head = O.Head;
      Len = O.Len;
      O.Head = nullptr;
      O.Len = 0;
    }
    return *this;
  }
  ~Chain() { release(Head); }

  /// First, then Rest; at most Max steps (the first ones).
  static Chain prepend(const ChainStep &First, const Chain &Rest,
                       unsigned Max = UINT_MAX) {
    Chain C;
    if (Max == 0)
      return C;
    Node *N = allocate();
    N->Step = First;
    N->Next = retain(Rest.Head);
    C.Head = N;
    C.Len = std::min<uint64_t>(uint64_t(Rest.Len) + 1, Max);
    return C;
  }

  size_t size() const { return Len; }
  /// True when the chain-steps budget cut the chain: the shared tail goes
  /// on past the Len steps this chain shows.
  bool truncated() const {
    if (!Len)
      return false;
    const Node *N = Head;
    for (uint32_t I = 1; I < Len; ++I)
      N = N->Next;
    return N->Next != nullptr;
  }
  bool empty() const { return Len == 0; }
  iterator begin() const { return iterator(Head, Len); }
  iterator end() const { return iterator(); }
  const ChainStep &front() const {
    assert(Len && "front() of an empty chain");
    return Head->Step;
  }
  const ChainStep &back() const { return (*this)[Len - 1]; }
  const ChainStep &operator[](size_t I) const {
    assert(I < Len && "chain index out of range");
    const Node *N = Head;
    while (I--)
      N = N->Next;
    return N->Step;
  }
  void clear() {
    release(Head);
    Head = nullptr;
    Len = 0;
  }

private:
  const Node *Head = nullptr;
  uint32_t Len = 0;
};

} // namespace holdwait

#endif
