//===- GccCommandTest.cpp - GCC compile commands for Clang's parser -------===//
#include "tool/GccCommand.h"
#include "tool/CompileDatabase.h"

#include "gtest/gtest.h"

using namespace holdwait;

namespace {

using Args = std::vector<std::string>;

std::string prefixOf(const std::string &Argv0) {
  std::string P = "<not gcc>";
  isGccDriver(Argv0, &P);
  return P;
}

TEST(GccCommandTest, GccDriverNames) {
  EXPECT_EQ(prefixOf("gcc"), "");
  EXPECT_EQ(prefixOf("/usr/bin/gcc-12"), "");
  EXPECT_EQ(prefixOf("g++-12.2"), "");
  EXPECT_EQ(prefixOf("cc"), "");
  EXPECT_EQ(prefixOf("c++"), "");
  EXPECT_EQ(prefixOf("x86_64-linux-gnu-gcc"), "x86_64-linux-gnu");
  EXPECT_EQ(prefixOf("/opt/cross/bin/aarch64-linux-gnu-g++-12"),
            "aarch64-linux-gnu");
  EXPECT_EQ(prefixOf("riscv64-linux-gnu-gcc.exe"), "riscv64-linux-gnu");
  // Not GCC's driver.
  EXPECT_EQ(prefixOf("clang"), "<not gcc>");
  EXPECT_EQ(prefixOf("clang-19"), "<not gcc>");
  EXPECT_EQ(prefixOf("x86_64-linux-gnu-clang"), "<not gcc>");
  EXPECT_EQ(prefixOf("gcc-ar"), "<not gcc>");
  EXPECT_EQ(prefixOf("ccache"), "<not gcc>");
  EXPECT_EQ(prefixOf("icc"), "<not gcc>");
  EXPECT_EQ(prefixOf("-gcc"), "<not gcc>");
}

TEST(GccCommandTest, GccHeaderDirs) {
  EXPECT_TRUE(isGccHeaderDir("/usr/lib/gcc/x86_64-linux-gnu/12/include"));
  EXPECT_TRUE(isGccHeaderDir("/usr/lib/gcc/x86_64-linux-gnu/12/include/"));
  EXPECT_TRUE(
      isGccHeaderDir("/usr/lib64/gcc/x86_64-suse-linux/13.2.1/include-fixed"));
  EXPECT_TRUE(
      isGccHeaderDir("/usr/lib/gcc-cross/aarch64-linux-gnu/12/include"));
  EXPECT_TRUE(isGccHeaderDir("lib/gcc/x86_64-linux-gnu/12/./include"));
  // GCC's plugin headers, the system's and clang's are not.
  EXPECT_FALSE(
      isGccHeaderDir("/usr/lib/gcc/x86_64-linux-gnu/12/plugin/include"));
  EXPECT_FALSE(isGccHeaderDir("/usr/include"));
  EXPECT_FALSE(isGccHeaderDir("/usr/lib/llvm-19/lib/clang/19/include"));
  EXPECT_FALSE(isGccHeaderDir("/src/gcc/x86_64/v12/include"));
  EXPECT_FALSE(isGccHeaderDir("include"));
}

TEST(GccCommandTest, OtherCompilersAreLeftAlone) {
  Args Clang = {"clang-19",
                "-fplugin=./p.so",
                "-mrecord-mcount",
                "-isystem",
                "/usr/lib/gcc/x86_64-linux-gnu/12/include",
                "-c",
                "a.c"};
  GccTranslation T = translateGccCommand(Clang);
  EXPECT_EQ(T.Args, Clang);
  EXPECT_TRUE(T.Dropped.empty());
  EXPECT_EQ(T.Target, "");
}

TEST(GccCommandTest, LauncherIsDropped) {
  GccTranslation T = translateGccCommand(Args{"ccache", "gcc", "-c", "a.c"});
  EXPECT_EQ(T.Args, (Args{"gcc", "-c", "a.c"}));
  ASSERT_EQ(T.Dropped.size(), 1u);
  EXPECT_EQ(T.Dropped[0].first, "ccache");
  // Also in front of clang.
  T = translateGccCommand(Args{"/usr/bin/sccache", "clang", "-c", "a.c"});
  EXPECT_EQ(T.Args, (Args{"clang", "-c", "a.c"}));
}

TEST(GccCommandTest, TargetFromTheCompilersName) {
  GccTranslation T =
      translateGccCommand(Args{"aarch64-linux-gnu-gcc-12", "-O2", "-c", "a.c"});
  EXPECT_EQ(T.Args, (Args{"aarch64-linux-gnu-gcc-12",
                          "--target=aarch64-linux-gnu", "-O2", "-c", "a.c"}));
  EXPECT_EQ(T.Compiler, "aarch64-linux-gnu-gcc-12");
  EXPECT_EQ(T.Target, "--target=aarch64-linux-gnu");
  // The command's own target wins.
  for (Args Own :
       {Args{"aarch64-linux-gnu-gcc", "--target=arm64-linux-gnu"},
        Args{"aarch64-linux-gnu-gcc", "-target", "arm64-linux-gnu"}}) {
    T = translateGccCommand(Own);
    EXPECT_EQ(T.Args, Own);
    EXPECT_EQ(T.Target, "");
  }
  // A prefix that names no architecture is not a target; no prefix: the
  // host's, as for GCC.
  EXPECT_EQ(translateGccCommand(Args{"my-gcc", "-c", "a.c"}).Args,
            (Args{"my-gcc", "-c", "a.c"}));
  EXPECT_EQ(translateGccCommand(Args{"gcc", "-c", "a.c"}).Args,
            (Args{"gcc", "-c", "a.c"}));
}

TEST(GccCommandTest, FlagsClangCannotUse) {
  Args In = {"x86_64-linux-gnu-gcc",
             "-Wp,-MMD,dir/.a.o.d",
             "-nostdinc",
             "-isystem",
             "/usr/lib/gcc/x86_64-linux-gnu/12/include",
             "-idirafter/usr/lib/gcc/x86_64-linux-gnu/12/include-fixed",
             "-isystem",
             "/opt/sdk/include",
             "-I./include",
             "-imultiarch",
             "x86_64-linux-gnu",
             "-fplugin=./scripts/gcc-plugins/stackleak_plugin.so",
             "-fplugin-arg-stackleak_plugin-track-min-size=100",
             "-mrecord-mcount",
             "-mnop-mcount",
             "-mabi=sysv",
             "-fsanitize=bounds-strict,shift,kernel-address",
             "-fno-sanitize=bounds-strict",
             "-fdiagnostics-format=json",
             "-fconserve-stack",
             "-DKBUILD_BASENAME='\"a\"'",
             "-c",
             "-o",
             "a.o",
             "a.c"};
  GccTranslation T = translateGccCommand(In);
  // Everything else, unknown flags included (dropUnknownFlags' job), stays
  // in its place.
  EXPECT_EQ(T.Args,
            (Args{"x86_64-linux-gnu-gcc", "--target=x86_64-linux-gnu",
                  "-Wp,-MMD,dir/.a.o.d", "-nostdinc", "-isystem",
                  "/opt/sdk/include", "-I./include",
                  "-fsanitize=shift,kernel-address", "-fconserve-stack",
                  "-DKBUILD_BASENAME='\"a\"'", "-c", "-o", "a.o", "a.c"}));
  std::vector<std::string> Flags;
  for (const auto &[Flag, Why] : T.Dropped) {
    EXPECT_FALSE(Why.empty()) << Flag;
    Flags.push_back(Flag);
  }
  EXPECT_EQ(Flags,
            (Args{"-isystem /usr/lib/gcc/x86_64-linux-gnu/12/include",
                  "-idirafter/usr/lib/gcc/x86_64-linux-gnu/12/include-fixed",
                  "-imultiarch x86_64-linux-gnu",
                  "-fplugin=./scripts/gcc-plugins/stackleak_plugin.so",
                  "-fplugin-arg-stackleak_plugin-track-min-size=100",
                  "-mrecord-mcount", "-mnop-mcount", "-mabi=sysv",
                  "-fsanitize=bounds-strict", "-fno-sanitize=bounds-strict",
                  "-fdiagnostics-format=json"}));
}

TEST(GccCommandTest, TargetDependentRules) {
  // SystemZ has -mrecord-mcount in clang too; RISC-V and Arm have -mabi=.
  GccTranslation T = translateGccCommand(
      Args{"s390x-linux-gnu-gcc", "-mrecord-mcount", "-mnop-mcount"});
  EXPECT_TRUE(T.Dropped.empty());
  T = translateGccCommand(Args{"riscv64-linux-gnu-gcc", "-mabi=lp64d"});
  EXPECT_EQ(T.Args, (Args{"riscv64-linux-gnu-gcc", "--target=riscv64-linux-gnu",
                          "-mabi=lp64d"}));
  T = translateGccCommand(
      Args{"gcc", "--target=riscv64-linux-gnu", "-mabi=lp64d"});
  EXPECT_TRUE(T.Dropped.empty());
}

TEST(GccCommandTest, NotesNameEachFlagOnce) {
  DroppedFlags Changes;
  clang::tooling::ArgumentsAdjuster Adjust = clang::tooling::combineAdjusters(
      translateGccFlags(Changes), dropUnknownFlags(Changes));
  Args A = {
      "gcc", "-fconserve-stack", "-fplugin=./p.so", "-mrecord-mcount", "-c",
      "a.c"};
  Args B = {"aarch64-linux-gnu-gcc",
            "-fconserve-stack",
            "-fplugin=./p.so",
            "-mindirect-branch=thunk-extern",
            "-c",
            "b.c"};
  EXPECT_EQ(Adjust(A, "a.c"), (Args{"gcc", "-c", "a.c"}));
  EXPECT_EQ(Adjust(B, "b.c"),
            (Args{"aarch64-linux-gnu-gcc", "--target=aarch64-linux-gnu", "-c",
                  "b.c"}));
  Adjust(A, "a.c");
  EXPECT_EQ(Changes.notes(),
            (Args{"dropped 2 compiler flag(s) that clang does not know: "
                  "-fconserve-stack -mindirect-branch=thunk-extern",
                  "dropped 2 compiler flag(s) that clang cannot use here: "
                  "-fplugin=./p.so (GCC plugins, which clang cannot load); "
                  "-mrecord-mcount (clang has these for SystemZ only)",
                  "parsed for the target that the compiler's name gives: "
                  "--target=aarch64-linux-gnu (aarch64-linux-gnu-gcc)"}));
  EXPECT_TRUE(DroppedFlags().notes().empty());
}

} // namespace
