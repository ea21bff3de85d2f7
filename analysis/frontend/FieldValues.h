//===- FieldValues.h - the values a unit stores into structure fields -*- C++
//-*-//
//
// `mmu_memory_cache_alloc_obj()` allocates with `gfp_flags |= mc->gfp_zero`:
// without knowing the field, any bit may have been added to the caller's
// GFP_ATOMIC and every allocation from the cache "may sleep". Every store
// to `kvm_mmu_memory_cache.gfp_zero` in the kernel writes 0 or
// `__GFP_ZERO`, so the OR adds at most that bit.
//
// The unit's side of that fact (the program's is Program::link()): for each
// integer field of a named structure, the bits of every constant the unit
// stores into it (assignments, `|=`, initializer lists, constructors), or
// unknown when a store is not a constant or the field may change another
// way: its address is taken (but for the `*(volatile T *)&s->f` of
// READ_ONCE()/WRITE_ONCE(), read as the access it is), it lives in a
// union, it is volatile, or its structure is overwritten as bytes
// (memcpy()/copy_from_user() from another type, memset() with a nonzero
// byte, a union or a cast from a byte pointer; structures held by value
// inside go with it). Zero is always possible (static and zeroing
// allocation). A structure passed to or returned from a function the unit
// has no body for is an escape: if the program has none either (assembly,
// a library, the hypervisor behind an ioctl), the structure and those it
// holds may hold anything (Program::link()). Smatch's type_val table keeps
// the same fact per member.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_FIELDVALUES_H
#define HOLDWAIT_ANALYSIS_FRONTEND_FIELDVALUES_H

#include "analysis/IR.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace holdwait {

class Profile;

class FieldValues {
public:
  /// P, when given, says what functions without a body write
  /// (`external-writes`).
  explicit FieldValues(clang::ASTContext &Ctx, const Profile *P = nullptr)
      : Ctx(Ctx), P(P) {}
  /// Records every store and escape in the unit (MainFile: for the keys
  /// of its static functions).
  void collect(llvm::StringRef MainFile);
  /// The index of FD in the unit's table (TUFacts::Fields), or -1 for a
  /// field whose values are not tracked.
  int32_t idOf(const clang::FieldDecl *FD);
  /// The field E reads or writes: `s->f`, `s.f` or `*(volatile T *)&s->f`;
  /// null otherwise.
  static const clang::MemberExpr *accessed(const clang::Expr *E);
  /// Moves the table into Out.Fields.
  void emit(TUFacts &Out);

  // For the collector.
  /// A store of Bits into FD, or of something unknown (std::nullopt): What
  /// (with Value's source text, when given) at At says which, for
  /// `--dump-fields`.
  void store(const clang::FieldDecl *FD, std::optional<uint64_t> Bits,
             clang::SourceLocation At = {}, llvm::StringRef What = {},
             const clang::Expr *Value = nullptr);
  /// RD (and the structures it holds by value) written as bytes: What at
  /// At.
  void rawRecord(const clang::RecordDecl *RD, clang::SourceLocation At,
                 llvm::StringRef What);
  /// RD reaches or comes from Callee, which the unit has no body for.
  void escape(const clang::FunctionDecl *Callee, const clang::RecordDecl *RD);

private:
  clang::ASTContext &Ctx;
  const Profile *P;
  std::vector<FieldFact> Table;
  llvm::StringMap<int32_t> ByName;
  llvm::DenseMap<const clang::FieldDecl *, int32_t> ById;
  struct RawWrite {
    const clang::RecordDecl *Record;
    std::string Why;
  };
  std::vector<RawWrite> Raw;
  /// "What `Value` at file:line".
  std::string why(clang::SourceLocation At, llvm::StringRef What,
                  const clang::Expr *Value = nullptr) const;
  std::string MainFile;
  std::vector<RecordEscape> Escapes;
  llvm::StringSet<> EscapeKeys;
  std::vector<std::pair<std::string, std::string>> Held;
  llvm::StringSet<> HeldWalked;
  void holds(const std::string &Outer, const clang::RecordDecl *RD);
  /// The entry for the field named Name, added if new.
  FieldFact &named(llvm::StringRef Name);
};

} // namespace holdwait

#endif
