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

#include <cassert>
#include <climits>
#include <initializer_list>
#include <iterator>
#include <memory>

namespace holdwait {

/// One call in a chain: in function Fn, at At, a call to Callee.
struct ChainStep {
  uint32_t Fn = NoIndex;
  Loc At;
  uint32_t Callee = NoIndex;
};

class Chain {
  struct Node {
    ChainStep Step;
    std::shared_ptr<const Node> Next;
  };

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
      N = --Left ? N->Next.get() : nullptr;
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

  /// First, then Rest; at most Max steps (the first ones).
  static Chain prepend(const ChainStep &First, const Chain &Rest,
                       unsigned Max = UINT_MAX) {
    Chain C;
    if (Max == 0)
      return C;
    C.Head = std::make_shared<const Node>(Node{First, Rest.Head});
    C.Len = std::min<uint64_t>(uint64_t(Rest.Len) + 1, Max);
    return C;
  }

  size_t size() const { return Len; }
  bool empty() const { return Len == 0; }
  iterator begin() const { return iterator(Head.get(), Len); }
  iterator end() const { return iterator(); }
  const ChainStep &front() const {
    assert(Len && "front() of an empty chain");
    return Head->Step;
  }
  const ChainStep &back() const { return (*this)[Len - 1]; }
  const ChainStep &operator[](size_t I) const {
    assert(I < Len && "chain index out of range");
    const Node *N = Head.get();
    while (I--)
      N = N->Next.get();
    return N->Step;
  }
  void clear() {
    Head.reset();
    Len = 0;
  }

private:
  std::shared_ptr<const Node> Head;
  uint32_t Len = 0;
};

} // namespace holdwait

#endif
