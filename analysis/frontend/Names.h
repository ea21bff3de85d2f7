//===- Names.h - how functions and records are named ------------*- C++ -*-===//
//
// Three names per function: the *model name* a profile matches
// (`std::unique_lock::unlock`, no template arguments, no inline namespaces),
// the *display name* shown in reports (`vmm::CpuManager::pause`,
// `vmm::Vcpu::start::lambda@vcpu.cpp:40`), and the USR that identifies it
// across translation units.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_NAMES_H
#define HOLDWAIT_ANALYSIS_FRONTEND_NAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace holdwait {

/// `ns::Class::member` without template arguments or inline namespaces;
/// constructors are `Class::Class`, destructors `Class::~Class`.
std::string modelName(const clang::FunctionDecl *FD);
/// Human-readable qualified name for reports.
std::string displayName(const clang::FunctionDecl *FD,
                        const clang::SourceManager &SM);
/// Unified symbol resolution string, stable across translation units.
std::string usrOf(const clang::Decl *D);
/// The key of function FD (its definition, when the unit has one) in the
/// program's symbol table: its USR, made the unit's own for a static
/// function and each lambda's own.
std::string symbolUSR(const clang::FunctionDecl *FD, llvm::StringRef MainFile);
/// The name of a record for lock classes: C tag or typedef name, C++
/// qualified name without template arguments. Empty when anonymous.
std::string recordName(const clang::RecordDecl *RD);
/// Qualified name of a type's record (through references, pointers and
/// qualifiers), for `arg-types` overload selection. Empty when not a record.
std::string typeRecordName(clang::QualType T);
/// A record whose identity comes from where it is embedded: class template
/// specializations, standard-library records and anonymous records.
bool isEmbeddingTransparent(const clang::RecordDecl *RD);

/// The definition of FD whose body is what a call runs, for the readers
/// that evaluate a callee's body (return values, stores through pointer
/// parameters). None when the unit has no body for it, when it is weak (a
/// link may put another definition in its place), when it is an inline
/// definition that is never emitted (C99 `inline` without `extern`, GNU
/// `extern inline`: a call may run the external definition instead), and
/// when it is variadic (its arguments do not map onto parameters).
const clang::FunctionDecl *runningDefinition(const clang::FunctionDecl *FD);

/// Model names are asked for at every call; compute each once.
class NameCache {
public:
  const std::string &model(const clang::FunctionDecl *FD) {
    auto It = Model.find(FD);
    if (It != Model.end())
      return It->second;
    return Model.try_emplace(FD, modelName(FD)).first->second;
  }

private:
  llvm::DenseMap<const clang::FunctionDecl *, std::string> Model;
};

} // namespace holdwait

#endif
