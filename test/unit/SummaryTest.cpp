//===- SummaryTest.cpp - substitute(): callee terms in the caller's frame -===//
#include "analysis/Summary.h"

#include "gtest/gtest.h"

using namespace holdwait;

namespace {

Term cls(const std::string &C, const std::string &Instance = "") {
  Term T;
  T.Class = C;
  T.Instance = Instance.empty() ? C : Instance;
  return T;
}

Term rooted(int16_t Root, const std::string &Path,
            const std::string &Fallback = "") {
  Term T;
  T.Root = Root;
  T.Path = Path;
  T.Class = Fallback;
  T.Instance = (Root == Term::ThisRoot ? std::string("$this")
                                       : "$" + std::to_string(Root)) +
               Path;
  return T;
}

Event callWith(std::vector<Term> Args, Term This = Term()) {
  Event E;
  E.Kind = EventKind::Call;
  E.Args.assign(Args.begin(), Args.end());
  E.ThisArg = std::move(This);
  return E;
}

TEST(SubstituteTest, ParameterBecomesArgument) {
  // void lock_it(struct mutex *m) { mutex_lock(m); }  lock_it(&kvm->lock)
  Term R = substitute(rooted(0, ""), callWith({cls("kvm.lock", "kvm->lock")}));
  EXPECT_EQ(R.Class, "kvm.lock");
  EXPECT_EQ(R.Root, Term::NoRoot);
  EXPECT_EQ(R.Path, "");
  EXPECT_EQ(R.Instance, "kvm->lock");
  EXPECT_FALSE(R.Local);
}

TEST(SubstituteTest, ArgumentClassPlusPath) {
  Term R = substitute(rooted(1, ".m_", "Mutex.m_"),
                      callWith({Term(), cls("vcpu.mu", "v->mu")}));
  EXPECT_EQ(R.Class, "vcpu.mu.m_");
  EXPECT_EQ(R.Root, Term::NoRoot);
  EXPECT_EQ(R.Path, "");
  EXPECT_EQ(R.Instance, "v->mu.m_");
}

TEST(SubstituteTest, ArgumentRootedInCallersParameter) {
  // The caller passes its own parameter's member: still rooted, one level up.
  Term Arg = rooted(2, ".inner");
  Term R = substitute(rooted(0, ".lock", "Inner.lock"), callWith({Arg}));
  EXPECT_EQ(R.Root, 2);
  EXPECT_EQ(R.Path, ".inner.lock");
  EXPECT_EQ(R.Class, "Inner.lock"); // the callee's fallback stays
  EXPECT_EQ(R.Instance, "$2.inner.lock");
  EXPECT_EQ(R.display(), "Inner.lock");
}

TEST(SubstituteTest, ThisBecomesTheObject) {
  // Mutex<T>::lock() locks $this.m_; called as vcpu->mu_.lock().
  Term Obj = cls("Vcpu.mu_", "$this.mu_");
  Term R =
      substitute(rooted(Term::ThisRoot, ".m_", "Mutex.m_"), callWith({}, Obj));
  EXPECT_EQ(R.Class, "Vcpu.mu_.m_");
  EXPECT_EQ(R.Root, Term::NoRoot);
  EXPECT_EQ(R.Path, "");
  EXPECT_EQ(R.Instance, "$this.mu_.m_");
}

TEST(SubstituteTest, ThisOfCallerStaysThisRooted) {
  Term Obj = rooted(Term::ThisRoot, ".inner", "Outer.inner");
  Term R =
      substitute(rooted(Term::ThisRoot, ".m_", "Mutex.m_"), callWith({}, Obj));
  EXPECT_EQ(R.Root, Term::ThisRoot);
  EXPECT_EQ(R.Path, ".inner.m_");
  EXPECT_EQ(R.Class, "Outer.inner.m_");
  EXPECT_EQ(R.Instance, "$this.inner.m_");
}

TEST(SubstituteTest, InstanceIsRebasedOnArgument) {
  // A class-named lock reached through parameter 0: only the instance moves.
  Term T = cls("dev.lock", "$0.lock");
  Term R = substitute(T, callWith({cls("dev", "x->dev")}));
  EXPECT_EQ(R.Class, "dev.lock");
  EXPECT_EQ(R.Root, Term::NoRoot);
  EXPECT_EQ(R.Instance, "x->dev.lock");
}

TEST(SubstituteTest, InstanceRebasedThroughArrayElementAndThis) {
  Term T = cls("table.locks[]", "$1[].x");
  EXPECT_EQ(substitute(T, callWith({Term(), cls("t", "tbl")})).Instance,
            "tbl[].x");
  Term U = cls("C.mu_", "$this.mu_");
  EXPECT_EQ(substitute(U, callWith({}, cls("C", "obj"))).Instance, "obj.mu_");
}

TEST(SubstituteTest, InstanceWithoutArgumentBecomesUnknown) {
  Term T = cls("dev.lock", "$3.lock");
  Term R = substitute(T, callWith({cls("a")}));
  EXPECT_EQ(R.Instance, "?.lock");
  EXPECT_EQ(R.Class, "dev.lock");
}

TEST(SubstituteTest, GlobalTermIsUnchanged) {
  Term T = cls("big_lock");
  Term R = substitute(T, callWith({cls("x")}));
  EXPECT_TRUE(R == T);
}

TEST(SubstituteTest, UnknownArgumentFallsBackToTypeClass) {
  // The caller passes something it cannot name.
  Term U;
  U.Instance = "?";
  Term R = substitute(rooted(0, ".lock", "dev.lock"), callWith({U}));
  EXPECT_EQ(R.Class, "dev.lock");
  EXPECT_EQ(R.Root, Term::NoRoot);
  EXPECT_EQ(R.Path, "");
  // Missing argument altogether.
  Term M = substitute(rooted(4, ".lock", "dev.lock"), callWith({cls("a")}));
  EXPECT_EQ(M.Class, "dev.lock");
  EXPECT_EQ(M.Root, Term::NoRoot);
  EXPECT_EQ(M.Path, "");
  // No object for $this.
  Term N = substitute(rooted(Term::ThisRoot, ".m_", "Mutex.m_"), callWith({}));
  EXPECT_EQ(N.Class, "Mutex.m_");
  EXPECT_EQ(N.Root, Term::NoRoot);
}

TEST(SubstituteTest, LocalArgumentStaysLocal) {
  Term Arg = cls("caller::m", "m");
  Arg.Local = true;
  Term R = substitute(rooted(0, ""), callWith({Arg}));
  EXPECT_EQ(R.Class, "caller::m");
  EXPECT_TRUE(R.Local);
  EXPECT_EQ(R.Instance, "m");
}

TEST(SubstituteTest, LongPathsAreCut) {
  // Combined path of seven components: cut to the type-based class.
  Term Arg = rooted(1, ".e.f.g");
  Term R = substitute(rooted(0, ".a.b.c.d", "node.d"), callWith({Arg}));
  EXPECT_EQ(R.Root, Term::NoRoot);
  EXPECT_EQ(R.Path, "");
  EXPECT_EQ(R.Class, "node.d");
  // Six components are still kept.
  Term Arg6 = rooted(1, ".e.f");
  Term K = substitute(rooted(0, ".a.b.c.d", "node.d"), callWith({Arg6}));
  EXPECT_EQ(K.Root, 1);
  EXPECT_EQ(K.Path, ".e.f.a.b.c.d");
}

TEST(SubstituteTest, LongPathCutUsesTypeBasedClass) {
  // Past the depth limit "the type-based class is used" (Summary.cpp): the
  // callee's fallback class, not the argument's class grown by the path.
  Term Arg = rooted(1, ".e.f.g", "Tree.g");
  Term R = substitute(rooted(0, ".a.b.c.d", "node.d"), callWith({Arg}));
  EXPECT_EQ(R.Root, Term::NoRoot);
  EXPECT_EQ(R.Path, "");
  EXPECT_EQ(R.Class, "node.d");
}

TEST(SubstituteTest, RepeatedRecursiveSubstitutionStaysBounded) {
  // Tree<T>::walk() { m_.lock(); child->walk(); }: the object of the
  // recursive call is $this.child (a member of a transparent record, so it
  // is rooted and has a class). Substituting again and again stops growing
  // once the path is cut, so a recursion's summaries can converge.
  Term T = rooted(Term::ThisRoot, ".m_", "Tree.m_");
  Term Child = rooted(Term::ThisRoot, ".child", "Tree.child");
  std::vector<std::string> Classes;
  for (int I = 0; I < 20; ++I) {
    T = substitute(T, callWith({}, Child));
    Classes.push_back(T.Class);
  }
  EXPECT_EQ(T.Root, Term::NoRoot);
  EXPECT_EQ(T.Path, "");
  size_t Children = 0;
  for (size_t P = T.Class.find(".child"); P != std::string::npos;
       P = T.Class.find(".child", P + 1))
    ++Children;
  EXPECT_LE(Children, 6u) << T.Class;
  EXPECT_GE(Children, 1u) << T.Class;
  // A fixpoint well before the 20th round.
  EXPECT_EQ(Classes[8], Classes[19]);
}

TEST(SubstituteTest, DomainObjectIsSubstituted) {
  Domain D;
  D.Prefix = "work";
  D.Object = rooted(0, "");
  Domain R =
      substitute(D, callWith({cls("irqfd.shutdown", "irqfd->shutdown")}));
  EXPECT_EQ(R.name(), "work:irqfd.shutdown");
  EXPECT_TRUE(R.resolved());
  // Unresolved stays printable as the parameter.
  Domain U = substitute(D, callWith({rooted(1, "")}));
  EXPECT_EQ(U.name(), "work:$1");
  EXPECT_FALSE(U.resolved());
}

TEST(SubstituteTest, LiteralDomainIsUnchanged) {
  Domain D;
  D.Literal = "rq";
  D.Object = rooted(0, "");
  Domain R = substitute(D, callWith({cls("x")}));
  EXPECT_EQ(R.name(), "rq");
  EXPECT_EQ(R.Object.Root, 0); // untouched
}

TEST(TermTest, DisplayAndKey) {
  EXPECT_EQ(cls("kvm.lock", "kvm->lock").display(), "kvm.lock");
  EXPECT_EQ(cls("kvm.lock", "kvm->lock").key(), "kvm.lock");
  EXPECT_EQ(rooted(0, ".lock").display(), "$0.lock");
  EXPECT_EQ(rooted(0, ".lock").key(), "$0.lock");
  EXPECT_EQ(rooted(Term::ThisRoot, ".m_").display(), "$this.m_");
  Term U;
  EXPECT_EQ(U.display(), "?");
  EXPECT_TRUE(U.empty());
  EXPECT_FALSE(rooted(0, "").empty());
  Domain D;
  D.Prefix = "srcu";
  D.Object.Instance = "x";
  EXPECT_EQ(D.name(), "srcu:?");
  D.Suffix = ".work";
  D.Object.Class = "kvm.irq_srcu";
  EXPECT_EQ(D.name(), "srcu:kvm.irq_srcu.work");
}

} // namespace
