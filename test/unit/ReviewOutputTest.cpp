//===- ReviewOutputTest.cpp - helpers of the review-tool formats ----------===//
#include "checks/Check.h"
#include "tool/CheckDocs.h"
#include "tool/Fingerprint.h"
#include "tool/RelatedLocations.h"
#include "tool/ReportPaths.h"

#include "gtest/gtest.h"

using namespace holdwait;

namespace {

Finding wait(unsigned Line, const std::string &Lock = "mu") {
  Finding F;
  F.Check = "worker-wait-under-lock";
  F.At = {"/src/a.c", Line, 3};
  F.Function = "stop";
  F.Lock = Lock;
  F.LockAt = {"/src/a.c", Line - 1, 3};
  F.LockVia = "pthread_mutex_lock";
  F.Callee = F.Blocking = "pthread_join";
  F.WaitKind = "worker-wait";
  F.Domain = "thread:worker";
  return F;
}

TEST(ReportPathsTest, RelativeOnlyUnderTheBase) {
  EXPECT_EQ(shownPath("/src/a.c", "/src"), "a.c");
  EXPECT_EQ(shownPath("/src/dir/a.c", "/src"), "dir/a.c");
  // A sibling that shares the prefix is not under the base.
  EXPECT_EQ(shownPath("/srcx/a.c", "/src"), "/srcx/a.c");
  EXPECT_EQ(shownPath("/src", "/src"), "/src");
  EXPECT_EQ(shownPath("/src/a.c", ""), "/src/a.c");
}

TEST(ReportPathsTest, UrisAreEscaped) {
  EXPECT_EQ(uriPathEscape("dir/a b#1%.c"), "dir/a%20b%231%25.c");
  EXPECT_EQ(fileUri("/src/my file.c"), "file:///src/my%20file.c");
  EXPECT_EQ(fileUri("/src/"), "file:///src/");
}

TEST(CheckDocsTest, MarkdownToText) {
  EXPECT_EQ(markdownToText("A **bold** `code` and [a link](x.md#y).\n"
                           "Second line, `order: [a, b]`:\n\n"
                           "1. **One.** first\n   continued\n- two"),
            "A bold code and a link. Second line, order: [a, b]:\n"
            "1. One. first continued\n- two");
}

TEST(CheckDocsTest, AbsoluteLinks) {
  EXPECT_EQ(absoluteLinks("see [a](other.md), [b](../up.md#x), [c](#here), "
                          "[d](https://example.org/e) and [f]",
                          "https://host/docs/checks/page.md"),
            "see [a](https://host/docs/checks/other.md), "
            "[b](https://host/docs/checks/../up.md#x), "
            "[c](https://host/docs/checks/page.md#here), "
            "[d](https://example.org/e) and [f]");
}

// Every check has docs/checks/<check>.md, and SARIF rules carry its text.
TEST(CheckDocsTest, EveryCheckPageIsBuiltIn) {
  for (const auto &C : allChecks()) {
    EXPECT_FALSE(checkDescriptionText(C->name()).empty()) << C->name().str();
    EXPECT_TRUE(llvm::StringRef(checkDocUrl(C->name()))
                    .ends_with(("/docs/checks/" + C->name() + ".md").str()))
        << checkDocUrl(C->name());
  }
  EXPECT_EQ(checkDescriptionText("no-such-check"), "");
}

TEST(FingerprintTest, IndependentOfLinesAndColumns) {
  std::vector<Finding> Before = {wait(10), wait(20, "other")};
  std::vector<Finding> After = {wait(15), wait(31, "other")};
  After[0].At.Column = 9;
  std::vector<std::string> A = fingerprints(Before, "/src");
  EXPECT_EQ(A, fingerprints(After, "/src"));
  ASSERT_EQ(A.size(), 2u);
  EXPECT_NE(A[0], A[1]);
  EXPECT_EQ(A[0].size(), 32u);
}

TEST(FingerprintTest, SameCallTwiceIsNumbered) {
  std::vector<std::string> One = fingerprints({wait(10)}, "/src");
  std::vector<std::string> Two = fingerprints({wait(10), wait(12)}, "/src");
  ASSERT_EQ(Two.size(), 2u);
  EXPECT_EQ(One[0], Two[0]);
  EXPECT_NE(Two[0], Two[1]);
}

TEST(FingerprintTest, DependsOnWhatTheFindingIsAbout) {
  std::string Base = fingerprints({wait(10)}, "/src")[0];
  Finding Other = wait(10);
  Other.Domain = "thread:other";
  EXPECT_NE(fingerprints({Other}, "/src")[0], Base);
  Other = wait(10);
  Other.Function = "shutdown";
  EXPECT_NE(fingerprints({Other}, "/src")[0], Base);
  // The file as printed: the same checkout elsewhere gives the same print.
  Finding Moved = wait(10);
  Moved.At.File = "/elsewhere/a.c";
  EXPECT_EQ(fingerprints({Moved}, "/elsewhere")[0], Base);
}

TEST(RelatedLocationsTest, LockSiteOtherSideAndRule) {
  Finding F = wait(10);
  F.HasOther = true;
  F.Other.Function = "body";
  F.Other.How = "body() runs in thread:worker";
  F.Other.AcquiredAt = {"/src/a.c", 3, 3};
  F.AnnotationRef = "annotations/x.yaml:12";
  F.Reason = "because";
  std::vector<RelatedLocation> R = relatedLocations(F);
  ASSERT_EQ(R.size(), 3u);
  EXPECT_EQ(R[0].At.Line, 9u);
  EXPECT_EQ(R[0].Message, "stop() takes mu here (pthread_mutex_lock)");
  EXPECT_EQ(R[1].At.File, "annotations/x.yaml");
  EXPECT_EQ(R[1].At.Line, 12u);
  EXPECT_EQ(R[2].Message, "body() runs in thread:worker, and takes mu here");
  // Points without a file are left out.
  F.Other.AcquiredAt = SourcePoint();
  F.AnnotationRef = "no line";
  EXPECT_EQ(relatedLocations(F).size(), 1u);
}

} // namespace
