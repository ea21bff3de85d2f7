//===- ProfileTest.cpp - annotation profiles load and reject bad input ----===//
#include "annotations/Profile.h"

#include "gtest/gtest.h"

using namespace holdwait;

namespace {

std::string loadError(llvm::StringRef Yaml) {
  Profile P;
  llvm::Error E = P.loadBuffer(Yaml, "bad.yaml");
  return E ? llvm::toString(std::move(E)) : std::string();
}

TEST(ProfileTest, BuiltinProfilesLoad) {
  Profile P;
  ASSERT_FALSE(bool(P.loadDefaults()));
  EXPECT_EQ(P.LoadedFiles.size(), 3u);
  auto Locks = P.lockModels("mutex_lock");
  ASSERT_EQ(Locks.size(), 1u);
  EXPECT_EQ(Locks[0]->Op, LockOp::Acquire);
  EXPECT_EQ(Locks[0]->Kind, LockKind::Mutex);
  const BlockingModel *B = P.blockingModel("synchronize_srcu_expedited");
  ASSERT_NE(B, nullptr);
  EXPECT_EQ(B->Kind, WaitKind::GracePeriod);
  EXPECT_EQ(B->Domain.str(), "srcu:$0");
  EXPECT_TRUE(P.isOwnerType("std::unique_lock"));
  EXPECT_FALSE(P.isOwnerType("std::mutex"));
  EXPECT_EQ(P.domainLock("rq"), "rq.__lock");
}

TEST(ProfileTest, EntriesRememberWhereTheyWereWritten) {
  Profile P;
  ASSERT_FALSE(bool(P.loadBuffer("profile: t\n"
                                 "conflicts:\n"
                                 "  - lock: a.b\n"
                                 "    reason: because\n",
                                 "t.yaml")));
  ASSERT_EQ(P.Conflicts.size(), 1u);
  EXPECT_EQ(P.Conflicts[0].Where.str(), "t.yaml:3");
  EXPECT_FALSE(P.Conflicts[0].Kind.has_value());
}

TEST(ProfileTest, ContextSafeNamesAreModeledAndKeepTheirReason) {
  Profile P;
  ASSERT_FALSE(bool(P.loadBuffer("profile: t\n"
                                 "context-safe:\n"
                                 "  - names: [log_any, log_va]\n"
                                 "    why: logs from any context\n",
                                 "t.yaml")));
  const ContextSafeModel *M = P.contextSafeModel("log_va");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Reason, "logs from any context");
  EXPECT_EQ(M->Where.str(), "t.yaml:3");
  EXPECT_TRUE(P.isModeled("log_any"));
  EXPECT_EQ(P.contextSafeModel("log"), nullptr);
  // The built-in kernel profile lists printk's entry points.
  Profile K;
  ASSERT_FALSE(bool(K.loadDefaults()));
  EXPECT_NE(K.contextSafeModel("_printk"), nullptr);
  EXPECT_NE(K.contextSafeModel("panic"), nullptr);
  EXPECT_EQ(K.contextSafeModel("mutex_lock"), nullptr);
}

TEST(ProfileTest, ContextSafeNeedsAReason) {
  std::string E = loadError("profile: t\ncontext-safe:\n  - names: [f]\n");
  EXPECT_NE(E.find("bad.yaml:3:5"), std::string::npos) << E;
  EXPECT_NE(E.find("why"), std::string::npos) << E;
}

TEST(ProfileTest, ExternalWritesNameFieldsAndSayWhy) {
  Profile P;
  ASSERT_FALSE(llvm::errorToBool(
      P.loadBuffer("profile: t\nexternal-writes:\n  - names: [__svm_vcpu_run]\n"
                   "    writes: [vcpu_svm.spec_ctrl]\n"
                   "    why: vmenter.S uses SVM_spec_ctrl only\n",
                   "ok.yaml")));
  const ExternalWritesModel *M = P.externalWrites("__svm_vcpu_run");
  ASSERT_NE(M, nullptr);
  EXPECT_EQ(M->Writes, std::vector<std::string>{"vcpu_svm.spec_ctrl"});
  EXPECT_EQ(P.externalWrites("svm_vcpu_run"), nullptr);
  // Not a model of the call itself: its callers still see an unknown call.
  EXPECT_FALSE(P.isModeled("__svm_vcpu_run"));

  std::string E = loadError("profile: t\nexternal-writes:\n  - names: [f]\n"
                            "    writes: [spec_ctrl]\n    why: asm\n");
  EXPECT_NE(E.find("bad.yaml:3:5"), std::string::npos) << E;
  EXPECT_NE(E.find("bad field 'spec_ctrl'"), std::string::npos) << E;
  E = loadError("profile: t\nexternal-writes:\n  - names: [f]\n"
                "    writes: []\n    why: ' '\n");
  EXPECT_NE(E.find("'why' must say"), std::string::npos) << E;
}

TEST(ProfileTest, UnknownKeyIsReportedWithLineAndColumn) {
  std::string E = loadError("profile: t\nlocks:\n  - names: [f]\n"
                            "    op: acquire\n    lock: $0\n    colour: red\n");
  EXPECT_NE(E.find("bad.yaml:6:5"), std::string::npos) << E;
  EXPECT_NE(E.find("unknown key 'colour'"), std::string::npos) << E;
}

TEST(ProfileTest, BadEnumeratedValueSaysWhatWasExpected) {
  std::string E = loadError("profile: t\nlocks:\n  - names: [f]\n"
                            "    op: grab\n    lock: $0\n");
  // Reported at the bad value itself.
  EXPECT_NE(E.find("bad.yaml:4:9"), std::string::npos) << E;
  EXPECT_NE(E.find("unknown lock op 'grab'"), std::string::npos) << E;
  EXPECT_NE(E.find("acquire, try-acquire"), std::string::npos) << E;
}

TEST(ProfileTest, MissingRequiredKey) {
  std::string E = loadError("profile: t\nconflicts:\n  - lock: x\n");
  EXPECT_NE(E.find("bad.yaml:3:5"), std::string::npos) << E;
  EXPECT_NE(E.find("missing required key 'reason'"), std::string::npos) << E;
}

TEST(ProfileTest, SyntaxErrorIsReported) {
  std::string E = loadError("profile: [unclosed\n");
  EXPECT_NE(E.find("bad.yaml:"), std::string::npos) << E;
}

TEST(ProfileTest, BadOperandIsRejected) {
  std::string E = loadError("profile: t\nblocking:\n  - names: [w]\n"
                            "    kind: worker-wait\n    domain: work:$arg\n");
  EXPECT_NE(E.find("bad operand '$arg'"), std::string::npos) << E;
}

TEST(ProfileTest, ArgumentIndexThatDoesNotFitIsRejected) {
  // Found by the annotation-parser fuzz target: `$4294967296` was accepted
  // as argument -1 (printed `$-1`), which matches no call.
  std::string E = loadError("profile: t\nlocks:\n  - names: [f]\n"
                            "    op: acquire\n    lock: $4294967296\n");
  EXPECT_NE(E.find("bad.yaml:3:5"), std::string::npos) << E;
  EXPECT_NE(E.find("argument index 4294967296 is too large"), std::string::npos)
      << E;
  std::string Err;
  EXPECT_FALSE(ArgRef::parse("$99999999999.work", Err).has_value());
  auto Big = ArgRef::parse("$2147483647", Err);
  ASSERT_TRUE(Big.has_value()) << Err;
  EXPECT_EQ(Big->str(), "$2147483647");
  E = loadError("profile: t\nlocks:\n  - names: [f]\n    op: acquire\n"
                "    lock: $0\n    arg-types: ['-1=int']\n");
  EXPECT_NE(E.find("bad arg-types entry '-1=int'"), std::string::npos) << E;
}

TEST(ProfileTest, DomainTemplates) {
  std::string Err;
  auto D = DomainTemplate::parse("work:$0.work", Err);
  ASSERT_TRUE(D.has_value()) << Err;
  EXPECT_EQ(D->Prefix, "work");
  EXPECT_EQ(D->Object.K, ArgRef::Arg);
  EXPECT_EQ(D->Object.Index, 0);
  EXPECT_EQ(D->Object.Suffix, ".work");
  auto L = DomainTemplate::parse("rq", Err);
  ASSERT_TRUE(L.has_value());
  EXPECT_EQ(L->Literal, "rq");
  EXPECT_FALSE(DomainTemplate::parse("work$0", Err).has_value());
}

TEST(ProfileTest, LaterProfilesOverrideSingleModels) {
  Profile P;
  ASSERT_FALSE(bool(P.loadDefaults()));
  ASSERT_FALSE(bool(P.loadBuffer("profile: mine\nsignals:\n"
                                 "  - names: [complete]\n"
                                 "    domain: done:$0\n",
                                 "mine.yaml")));
  ASSERT_NE(P.signalModel("complete"), nullptr);
  EXPECT_EQ(P.signalModel("complete")->Domain.Prefix, "done");
}

} // namespace
