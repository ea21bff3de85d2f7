//===- Atom.cpp - the process-wide table of interned strings --------------===//
#include "analysis/Atom.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/xxhash.h"

#include <atomic>
#include <cassert>
#include <mutex>

namespace holdwait {

namespace {

// Entries live in fixed-size chunks that never move, so a handle stays
// valid, and readers need no lock: a handle is only ever seen after the
// entry it names was written (under the shard lock that published it).
constexpr unsigned ChunkBits = 14;
constexpr uint32_t ChunkSize = 1u << ChunkBits;
constexpr uint32_t MaxChunks = 1u << 16;
constexpr unsigned NumShards = 64;

struct Shard {
  std::mutex M;
  llvm::DenseMap<llvm::StringRef, uint32_t> Ids;
};

struct Table {
  std::atomic<Atom::Entry *> Chunks[MaxChunks] = {};
  std::atomic<uint32_t> Next{1};
  Shard Shards[NumShards];

  Table() { slot(0) = Atom::Entry{std::string(), llvm::xxh3_64bits("")}; }

  Atom::Entry &slot(uint32_t Id) {
    std::atomic<Atom::Entry *> &C = Chunks[Id >> ChunkBits];
    Atom::Entry *P = C.load(std::memory_order_acquire);
    if (!P) {
      auto *Fresh = new Atom::Entry[ChunkSize];
      if (C.compare_exchange_strong(P, Fresh, std::memory_order_acq_rel))
        P = Fresh;
      else
        delete[] Fresh; // another thread made it first
    }
    return P[Id & (ChunkSize - 1)];
  }
};

Table &table() {
  // Deliberately leaked: atoms outlive every static destructor that might
  // still print a name.
  static Table *T = new Table();
  return *T;
}

} // namespace

uint32_t Atom::intern(llvm::StringRef S) {
  if (S.empty())
    return 0;
  Table &T = table();
  uint64_t H = llvm::xxh3_64bits(S);
  Shard &Sh = T.Shards[H % NumShards];
  std::lock_guard<std::mutex> Lock(Sh.M);
  auto It = Sh.Ids.find(S);
  if (It != Sh.Ids.end())
    return It->second;
  uint32_t Index = T.Next.fetch_add(1, std::memory_order_relaxed);
  if ((Index >> ChunkBits) >= MaxChunks)
    llvm::report_fatal_error("holdwait: too many distinct names");
  Entry &E = T.slot(Index);
  E.Text = S.str();
  E.Hash = H;
  uint32_t Id = Index | (S.front() == '$' ? ParamBit : 0);
  Sh.Ids.try_emplace(llvm::StringRef(E.Text), Id);
  return Id;
}

const Atom::Entry &Atom::entry(uint32_t Id) {
  Table &T = table();
  uint32_t Index = Id & ~ParamBit;
  Entry *C = T.Chunks[Index >> ChunkBits].load(std::memory_order_acquire);
  assert(C && "atom handle out of range");
  return C[Index & (ChunkSize - 1)];
}

Atom Atom::concat(Atom A, Atom B) {
  if (B.empty())
    return A;
  if (A.empty())
    return B;
  thread_local llvm::DenseMap<uint64_t, uint32_t> Made;
  uint64_t Key = (uint64_t(A.Id) << 32) | B.Id;
  auto [It, New] = Made.try_emplace(Key, 0);
  if (New)
    It->second = intern(A.str() + B.str());
  return Atom(Raw{}, It->second);
}

size_t Atom::count() { return table().Next.load(std::memory_order_relaxed); }

} // namespace holdwait
