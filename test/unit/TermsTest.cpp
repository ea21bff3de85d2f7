//===- TermsTest.cpp - lock classes from real Clang expressions -----------===//
//
// Each snippet passes the expression under test to `use()`; the test runs
// TermBuilder on that argument. The declarations below are minimal
// stand-ins written for these tests.
//
//===----------------------------------------------------------------------===//
#include "analysis/frontend/Terms.h"
#include "ClangTestSupport.h"
#include "analysis/Dataflow.h"
#include "annotations/Profile.h"

#include "clang/AST/RecursiveASTVisitor.h"

using namespace holdwait;
using namespace holdwait::test;

namespace {

const char *const CCode = R"c(
struct mutex { int owner; };
struct raw_spinlock { int raw; };
typedef struct spinlock { struct raw_spinlock rlock; } spinlock_t;
struct work_struct { int pending; };
struct delayed_work { struct work_struct work; int timer; };
void use(const void *p);

struct kvm {
  struct mutex lock;
  struct {
    struct mutex resampler_lock;
    int count;
  } irqfds;
};
struct dev { struct mutex lock; };
struct outer { int pad; struct dev dev; };
struct table { struct mutex locks[4]; };
struct kvm_vcpu { int id; };
struct vcpu_svm { struct kvm_vcpu vcpu; spinlock_t ir_list_lock; };
struct foo { struct delayed_work dw; };
struct guard { struct mutex *lock; };

struct mutex big_lock, other_lock;
struct mutex locks[8];
struct table tbl;

static struct vcpu_svm *to_svm(struct kvm_vcpu *vcpu) {
  return (struct vcpu_svm *)vcpu;
}
static struct raw_spinlock *spinlock_check(spinlock_t *lock) {
  return &lock->rlock;
}

void f_anon(struct kvm *kvm) { use(&kvm->irqfds.resampler_lock); }
void f_dev(struct outer *x) {
  struct dev *d = &x->dev;
  use(&x->dev.lock);
  use(&d->lock);
}
void f_global(int c) {
  use(&big_lock);
  use(c ? &big_lock : &big_lock);
  use(c ? &big_lock : &other_lock);
}
void f_local(void) { struct mutex m; use(&m); }
void f_param(struct mutex *m, int n) { use(m); }
void f_param1(int n, struct mutex *m) { use(m); }
void f_array(int i, struct mutex *ls) {
  use(&locks[i]);
  use(&tbl.locks[i]);
  use(&ls[i]);
}
void f_svm(struct kvm_vcpu *vcpu) { use(&to_svm(vcpu)->ir_list_lock); }
void f_check(struct vcpu_svm *svm) { use(spinlock_check(&svm->ir_list_lock)); }
void f_dwork(struct foo *f) { use(&f->dw.work); }
void f_guard(struct kvm *kvm) {
  struct guard g = { .lock = &kvm->lock };
  use(g.lock);
}
)c";

const char *const CxxCode = R"cc(
namespace std { struct mutex { void lock(); void unlock(); }; }
void use(const void *p);

class C {
  std::mutex mu_;
public:
  static std::mutex sm;
  void f() { use(&mu_); use(&this->mu_); use(&sm); }
};
template <class T> struct Mutex {
  T m_;
  void lock() { use(&m_); }
};
struct Vcpu {
  Mutex<int> mu;
  void run() { mu.lock(); use(&mu.m_); }
};
void g(Vcpu *v) { use(&v->mu.m_); }
)cc";

/// What Lowering's pre-pass records: each initialized local's initializer.
LocalFacts localFacts(const clang::FunctionDecl *FD) {
  struct V : clang::RecursiveASTVisitor<V> {
    LocalFacts L;
    bool VisitVarDecl(clang::VarDecl *D) {
      if (D->hasInit() && !clang::isa<clang::ParmVarDecl>(D) &&
          !D->hasGlobalStorage())
        L.Origin[D] = D->getInit();
      return true;
    }
  } Vis;
  if (FD && FD->getBody())
    Vis.TraverseStmt(FD->getBody());
  return Vis.L;
}

/// Terms of every `use()` argument in function Fn.
struct Terms {
  std::unique_ptr<clang::ASTUnit> AST;
  Profile P;
  std::vector<Term> Of;

  Terms(const char *Code, Lang L, llvm::StringRef Fn, bool Defaults = false,
        bool WithLocals = true) {
    if (Defaults) {
      llvm::Error E = P.loadDefaults();
      EXPECT_FALSE(bool(E));
      llvm::consumeError(std::move(E));
    }
    AST = parse(Code, L);
    if (!AST)
      return;
    clang::ASTContext &Ctx = AST->getASTContext();
    const clang::FunctionDecl *FD = function(Ctx, Fn);
    LocalFacts Locals = WithLocals ? localFacts(FD) : LocalFacts();
    TermBuilder TB(P, FD, Locals);
    for (const clang::Expr *E : argumentsOfCalls(Ctx, FD, "use"))
      Of.push_back(TB.termOf(E));
  }
  const Term &operator[](size_t I) const {
    static const Term None;
    EXPECT_LT(I, Of.size());
    return I < Of.size() ? Of[I] : None;
  }
};

TEST(TermsTest, AnonymousStructFieldIsNamedThroughItsHolder) {
  Terms T(CCode, Lang::C, "f_anon");
  ASSERT_EQ(T.Of.size(), 1u);
  EXPECT_EQ(T[0].Class, "kvm.irqfds.resampler_lock");
  EXPECT_EQ(T[0].Root, Term::NoRoot);
  EXPECT_EQ(T[0].Instance, "$0.irqfds.resampler_lock");
  EXPECT_FALSE(T[0].Local);
}

TEST(TermsTest, SameLockThroughAnyPointer) {
  Terms T(CCode, Lang::C, "f_dev");
  ASSERT_EQ(T.Of.size(), 2u);
  EXPECT_EQ(T[0].Class, "dev.lock");
  EXPECT_EQ(T[1].Class, "dev.lock");
  // d = &x->dev is a stable alias: the same instance.
  EXPECT_EQ(T[0].Instance, "$0.dev.lock");
  EXPECT_EQ(T[1].Instance, "$0.dev.lock");
  EXPECT_TRUE(sameLock(T[0], T[1]));
}

TEST(TermsTest, AliasWithoutLocalFactsKeepsTheClass) {
  Terms T(CCode, Lang::C, "f_dev", /*Defaults=*/false, /*WithLocals=*/false);
  ASSERT_EQ(T.Of.size(), 2u);
  EXPECT_EQ(T[1].Class, "dev.lock");
  EXPECT_EQ(T[1].Instance, "d.lock");
}

TEST(TermsTest, GlobalIsNamedByVariable) {
  Terms T(CCode, Lang::C, "f_global");
  ASSERT_EQ(T.Of.size(), 3u);
  EXPECT_EQ(T[0].Class, "big_lock");
  EXPECT_EQ(T[0].Instance, "big_lock");
  EXPECT_EQ(T[0].Root, Term::NoRoot);
  EXPECT_FALSE(T[0].Local);
  // A conditional naming one lock on both sides is that lock.
  EXPECT_EQ(T[1].Class, "big_lock");
  // Two different locks: no class; named by its spelling, so the same
  // expression in the lock and the unlock still pairs up.
  EXPECT_EQ(T[2].Class, "");
  EXPECT_EQ(T[2].Root, Term::NoRoot);
  EXPECT_EQ(T[2].Instance, "`c?&big_lock:&other_lock`");
}

TEST(TermsTest, LocalIsNamedByFunction) {
  Terms T(CCode, Lang::C, "f_local");
  ASSERT_EQ(T.Of.size(), 1u);
  EXPECT_EQ(T[0].Class, "f_local::m");
  EXPECT_EQ(T[0].Instance, "m");
  EXPECT_TRUE(T[0].Local);
}

TEST(TermsTest, ParameterIsARoot) {
  Terms T(CCode, Lang::C, "f_param");
  ASSERT_EQ(T.Of.size(), 1u);
  EXPECT_EQ(T[0].Root, 0);
  EXPECT_EQ(T[0].Class, "");
  EXPECT_EQ(T[0].Path, "");
  EXPECT_EQ(T[0].Instance, "$0");
  EXPECT_FALSE(T[0].empty());
  Terms T1(CCode, Lang::C, "f_param1");
  ASSERT_EQ(T1.Of.size(), 1u);
  EXPECT_EQ(T1[0].Root, 1);
  EXPECT_EQ(T1[0].display(), "$1");
}

TEST(TermsTest, ArrayElements) {
  Terms T(CCode, Lang::C, "f_array");
  ASSERT_EQ(T.Of.size(), 3u);
  EXPECT_EQ(T[0].Class, "locks[]");
  EXPECT_EQ(T[0].Instance, "locks[]");
  EXPECT_EQ(T[1].Class, "table.locks[]");
  EXPECT_EQ(T[1].Instance, "tbl.locks[]");
  // An element of a parameter array stays rooted in the parameter.
  EXPECT_EQ(T[2].Root, 1);
  EXPECT_EQ(T[2].Path, "[]");
  EXPECT_EQ(T[2].Class, "");
  EXPECT_EQ(T[2].Instance, "$1[]");
}

TEST(TermsTest, MemberThroughAccessorCall) {
  Terms T(CCode, Lang::C, "f_svm");
  ASSERT_EQ(T.Of.size(), 1u);
  EXPECT_EQ(T[0].Class, "vcpu_svm.ir_list_lock");
  EXPECT_EQ(T[0].Root, Term::NoRoot);
  EXPECT_EQ(T[0].Instance, "to_svm().ir_list_lock");
}

TEST(TermsTest, SpinlockCheckAliasNeedsTheKernelProfile) {
  Terms Without(CCode, Lang::C, "f_check");
  ASSERT_EQ(Without.Of.size(), 1u);
  EXPECT_EQ(Without[0].Class, "");
  EXPECT_EQ(Without[0].Instance, "spinlock_check()");
  Terms With(CCode, Lang::C, "f_check", /*Defaults=*/true);
  ASSERT_EQ(With.Of.size(), 1u);
  EXPECT_EQ(With[0].Class, "vcpu_svm.ir_list_lock");
  EXPECT_EQ(With[0].Instance, "$0.ir_list_lock");
}

TEST(TermsTest, ProfileTransparentRecordIsLookedThrough) {
  Terms Without(CCode, Lang::C, "f_dwork");
  ASSERT_EQ(Without.Of.size(), 1u);
  EXPECT_EQ(Without[0].Class, "delayed_work.work");
  Terms With(CCode, Lang::C, "f_dwork", /*Defaults=*/true);
  ASSERT_EQ(With.Of.size(), 1u);
  EXPECT_EQ(With[0].Class, "foo.dw.work");
  EXPECT_EQ(With[0].Instance, "$0.dw.work");
}

TEST(TermsTest, GuardInitializerDesignatesItsLock) {
  Terms T(CCode, Lang::C, "f_guard");
  ASSERT_EQ(T.Of.size(), 1u);
  EXPECT_EQ(T[0].Class, "kvm.lock");
  EXPECT_EQ(T[0].Instance, "$0.lock");
}

TEST(TermsTest, FieldClassHelper) {
  auto AST = parse(CCode);
  ASSERT_TRUE(AST);
  using namespace clang::ast_matchers;
  auto Found = match(fieldDecl(hasName("resampler_lock")).bind("f"),
                     AST->getASTContext());
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(fieldClass(Found[0].getNodeAs<clang::FieldDecl>("f")),
            "kvm.irqfds.resampler_lock");
  auto Irl =
      match(fieldDecl(hasName("ir_list_lock")).bind("f"), AST->getASTContext());
  ASSERT_EQ(Irl.size(), 1u);
  EXPECT_EQ(fieldClass(Irl[0].getNodeAs<clang::FieldDecl>("f")),
            "vcpu_svm.ir_list_lock");
}

TEST(TermsTest, MemberOfThisInAMethod) {
  Terms T(CxxCode, Lang::CXX, "C::f");
  ASSERT_EQ(T.Of.size(), 3u);
  EXPECT_EQ(T[0].Class, "C.mu_");
  EXPECT_EQ(T[0].Root, Term::NoRoot);
  EXPECT_EQ(T[0].Instance, "$this.mu_");
  EXPECT_TRUE(T[0] == T[1]);
  // A static data member is a global named by its class.
  EXPECT_EQ(T[2].Class, "C::sm");
  EXPECT_EQ(T[2].Root, Term::NoRoot);
}

TEST(TermsTest, MemberOfTemplateSpecializationIsRootedInThis) {
  Terms T(CxxCode, Lang::CXX, "Mutex::lock");
  ASSERT_EQ(T.Of.size(), 1u);
  EXPECT_EQ(T[0].Root, Term::ThisRoot);
  EXPECT_EQ(T[0].Path, ".m_");
  EXPECT_EQ(T[0].Class, "Mutex.m_"); // the type-based fallback
  EXPECT_EQ(T[0].Instance, "$this.m_");
}

TEST(TermsTest, WrapperMemberIsNamedByItsContainer) {
  Terms T(CxxCode, Lang::CXX, "Vcpu::run");
  ASSERT_EQ(T.Of.size(), 1u);
  EXPECT_EQ(T[0].Class, "Vcpu.mu.m_");
  EXPECT_EQ(T[0].Root, Term::NoRoot);
  EXPECT_EQ(T[0].Instance, "$this.mu.m_");
  Terms G(CxxCode, Lang::CXX, "g");
  ASSERT_EQ(G.Of.size(), 1u);
  EXPECT_EQ(G[0].Class, "Vcpu.mu.m_");
  EXPECT_EQ(G[0].Instance, "$0.mu.m_");
}

} // namespace
