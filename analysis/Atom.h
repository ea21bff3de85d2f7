//===- Atom.h - interned strings for lock and domain names ------*- C++ -*-===//
//
// Lock classes, field paths, instances and domain names repeat endlessly:
// every caller's summary restates its callees' locks, and a kernel has a few
// thousand lock classes behind millions of summary entries. An Atom is a
// 32-bit handle to one process-wide copy of a string, so copying a name is
// copying an integer and comparing two is comparing integers.
//
// Handles are assigned in the order strings are first seen, which differs
// between runs with several threads; so nothing may depend on the handle's
// value. Ordering compares the text and hashing uses a hash of the text,
// which keeps every container and every output deterministic.
//
// Atoms are never freed: the set of names is bounded by the program's text.
// Interning is thread-safe (front ends run in parallel).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_ATOM_H
#define HOLDWAIT_ANALYSIS_ATOM_H

#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace holdwait {
class Atom;
}
namespace llvm {
template <> struct DenseMapInfo<holdwait::Atom>;
}

namespace holdwait {

class Atom {
public:
  /// One interned string with the hash of its text.
  struct Entry {
    std::string Text;
    uint64_t Hash = 0;
  };

  Atom() = default;
  Atom(llvm::StringRef S) : Id(intern(S)) {}
  Atom(const std::string &S) : Id(intern(S)) {}
  Atom(const char *S) : Id(intern(S)) {}

  const std::string &str() const { return entry(Id).Text; }
  operator const std::string &() const { return str(); }
  operator llvm::StringRef() const { return str(); }
  llvm::StringRef ref() const { return str(); }
  /// A stable hash of the text (the same in every run).
  uint64_t hash() const { return entry(Id).Hash; }
  /// The handle; only for identity within this process, never for order.
  uint32_t id() const { return Id; }

  bool empty() const { return Id == 0; }
  /// The text starts with `$` (`$0.lock`, `$this`): it names a parameter
  /// of the function it appears in. Kept in the handle, as substitution
  /// asks it of every name of every summary entry it copies.
  bool isParamRef() const { return Id & ParamBit; }
  size_t size() const { return str().size(); }
  const char *c_str() const { return str().c_str(); }
  char operator[](size_t I) const { return str()[I]; }
  char front() const { return str().front(); }
  char back() const { return str().back(); }
  void clear() { Id = 0; }
  bool starts_with(llvm::StringRef P) const { return ref().starts_with(P); }
  bool ends_with(llvm::StringRef P) const { return ref().ends_with(P); }
  std::string::size_type find(char C, size_t From = 0) const {
    return str().find(C, From);
  }
  std::string::size_type find(llvm::StringRef S, size_t From = 0) const {
    return ref().find(S, From);
  }
  std::string::size_type rfind(char C) const { return str().rfind(C); }
  std::string substr(size_t Pos, size_t N = std::string::npos) const {
    return str().substr(Pos, N);
  }
  std::string::const_iterator begin() const { return str().begin(); }
  std::string::const_iterator end() const { return str().end(); }
  Atom &operator+=(llvm::StringRef S) {
    *this = Atom(str() + S.str());
    return *this;
  }

  friend bool operator==(Atom A, Atom B) { return A.Id == B.Id; }
  friend bool operator!=(Atom A, Atom B) { return A.Id != B.Id; }
  friend bool operator==(Atom A, llvm::StringRef B) { return A.ref() == B; }
  friend bool operator!=(Atom A, llvm::StringRef B) { return A.ref() != B; }
  friend bool operator==(llvm::StringRef A, Atom B) { return A == B.ref(); }
  friend bool operator!=(llvm::StringRef A, Atom B) { return A != B.ref(); }
  friend bool operator==(Atom A, const char *B) { return A.ref() == B; }
  friend bool operator!=(Atom A, const char *B) { return A.ref() != B; }
  friend bool operator==(Atom A, const std::string &B) { return A.str() == B; }
  friend bool operator!=(Atom A, const std::string &B) { return A.str() != B; }
  friend bool operator==(const std::string &A, Atom B) { return A == B.str(); }
  friend bool operator!=(const std::string &A, Atom B) { return A != B.str(); }
  /// By text, so that sorted output is the same in every run.
  friend bool operator<(Atom A, Atom B) {
    return A.Id != B.Id && A.str() < B.str();
  }
  friend bool operator>(Atom A, Atom B) { return B < A; }

  friend std::string operator+(Atom A, Atom B) { return A.str() + B.str(); }
  friend std::string operator+(Atom A, const std::string &B) {
    return A.str() + B;
  }
  friend std::string operator+(const std::string &A, Atom B) {
    return A + B.str();
  }
  friend std::string operator+(Atom A, const char *B) { return A.str() + B; }
  friend std::string operator+(const char *A, Atom B) { return A + B.str(); }
  friend std::string operator+(Atom A, char B) { return A.str() + B; }
  friend std::string operator+(char A, Atom B) { return A + B.str(); }

  friend llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, Atom A) {
    return OS << A.str();
  }

  friend std::ostream &operator<<(std::ostream &OS, Atom A) {
    return OS << A.str();
  }

  /// A + B, remembered per thread: substitution builds the same names
  /// over and over (`kvm` + `.lock`).
  static Atom concat(Atom A, Atom B);

  /// How many distinct strings have been interned (for statistics).
  static size_t count();

private:
  friend struct llvm::DenseMapInfo<Atom>;
  struct Raw {};
  Atom(Raw, uint32_t Id) : Id(Id) {}
  static uint32_t intern(llvm::StringRef S);
  static const Entry &entry(uint32_t Id);

  /// The handle: an index into the table (below 2^30), with ParamBit.
  static constexpr uint32_t ParamBit = 1u << 31;
  uint32_t Id = 0; ///< 0 is the empty string
};

} // namespace holdwait

namespace llvm {
/// Hashes by text (stable across runs), compares by handle.
template <> struct DenseMapInfo<holdwait::Atom> {
  static holdwait::Atom getEmptyKey() {
    return holdwait::Atom(holdwait::Atom::Raw{}, ~0u);
  }
  static holdwait::Atom getTombstoneKey() {
    return holdwait::Atom(holdwait::Atom::Raw{}, ~0u - 1);
  }
  static unsigned getHashValue(holdwait::Atom A) {
    return A.id() >= ~0u - 1 ? A.id() : unsigned(A.hash());
  }
  static bool isEqual(holdwait::Atom A, holdwait::Atom B) {
    return A.id() == B.id();
  }
};
} // namespace llvm

#endif
