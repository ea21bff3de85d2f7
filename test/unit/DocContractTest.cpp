//===- DocContractTest.cpp - kernel-doc Context: sections -----------------===//
#include "analysis/frontend/DocContract.h"

#include "gtest/gtest.h"

using namespace holdwait;

namespace {

TEST(DocContractTest, ReadsTheContextSectionUpToTheNextOne) {
  const char *C = "/**\n"
                  " * folio_put - Decrement the reference count.\n"
                  " * @folio: The folio.\n"
                  " *\n"
                  " * Context: May be called in process or interrupt context,"
                  " but not in NMI\n"
                  " * context.  May be called while holding a spinlock.\n"
                  " * Return: nothing.\n"
                  " */";
  EXPECT_EQ(kernelDocContext(C),
            "may be called in process or interrupt context, but not in nmi "
            "context.  may be called while holding a spinlock.");
  EXPECT_EQ(kernelDocContext("/** foo - bar\n * Returns: x\n */"), "");
}

TEST(DocContractTest, AtomicCallersWithoutASleepCaveat) {
  EXPECT_TRUE(contextForbidsSleep("any context."));
  EXPECT_TRUE(
      contextForbidsSleep("any context.  takes and releases the xa_lock."));
  EXPECT_TRUE(contextForbidsSleep("may be called while holding a spinlock."));
  EXPECT_FALSE(contextForbidsSleep(
      "any context.  takes and releases the xa_lock.  may sleep if the "
      "@gfp flags permit."));
  EXPECT_FALSE(contextForbidsSleep("process context."));
  EXPECT_FALSE(contextForbidsSleep(
      "cannot be called within a interrupt, but can be interrupted."));
  EXPECT_FALSE(contextForbidsSleep(""));
}

} // namespace
