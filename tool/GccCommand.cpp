//===- GccCommand.cpp - GCC compile commands for Clang's parser -----------===//
#include "tool/GccCommand.h"

#include "clang/Basic/Sanitizers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace holdwait {

namespace {

/// `gcc-12` and `gcc-12.2` are gcc; `gcc` stays as it is.
StringRef withoutVersion(StringRef Name) {
  StringRef Stem = Name.rtrim("0123456789.");
  if (Stem.size() != Name.size() && Stem.ends_with("-"))
    return Stem.drop_back();
  return Name;
}

/// Programs that run the compiler named after them; build systems put them
/// in front of the compiler (`ccache gcc -c a.c`). Clang's driver would take
/// the compiler's name for an input file.
bool isLauncher(StringRef Argv0) {
  StringRef Name = sys::path::filename(Argv0);
  Name.consume_back(".exe");
  return is_contained({"ccache", "sccache", "distcc", "icecc", "buildcache"},
                      Name);
}

/// The target the command compiles for: its --target=, its -target, the
/// prefix of GCC's name, or, as for GCC without a prefix, the host.
Triple targetOf(ArrayRef<std::string> Args, StringRef Prefix) {
  for (size_t I = 1; I < Args.size(); ++I) {
    StringRef A = Args[I];
    if (A.starts_with("--target="))
      return Triple(A.drop_front(strlen("--target=")));
    if (A == "-target" && I + 1 < Args.size())
      return Triple(Args[I + 1]);
  }
  return Triple(Prefix.empty() ? sys::getDefaultTargetTriple() : Prefix.str());
}

bool hasTarget(ArrayRef<std::string> Args) {
  return any_of(Args.drop_front(), [](const std::string &A) {
    return StringRef(A).starts_with("--target=") || A == "-target";
  });
}

// Why each flag is dropped, as the note says it.
const char *const WhyLauncher = "a compiler launcher; the compiler follows it";
const char *const WhyPlugin = "GCC plugins, which clang cannot load";
const char *const WhyMcount = "clang has these for SystemZ only";
const char *const WhyMabi = "GCC's x86 calling-convention choice; clang "
                            "rejects -mabi= on x86";
const char *const WhySanitizer = "sanitizers that clang does not have";
const char *const WhyDiagFormat = "GCC's diagnostics formats; holdwait "
                                  "prints the parser's diagnostics itself";
const char *const WhyHeaders =
    "GCC's own headers; clang uses its own, and GCC's intrinsics headers "
    "call GCC builtins that clang does not parse";
const char *const WhyMultiarch = "GCC's multiarch include options";

/// The include options whose directory GCC's own header directory must not
/// be: ahead of Clang's resource directory it would shadow Clang's headers.
const char *const IncludeOptions[] = {"-isystem", "-idirafter", "-iquote",
                                      "-I"};

} // namespace

bool isGccDriver(StringRef Argv0, std::string *TargetPrefix) {
  StringRef Name = sys::path::filename(Argv0);
  Name.consume_back(".exe");
  Name = withoutVersion(Name);
  if (Name.contains("clang"))
    return false;
  std::string Prefix;
  bool Gcc = false;
  if (Name == "gcc" || Name == "g++" || Name == "cc" || Name == "c++") {
    Gcc = true;
  } else {
    for (StringRef Driver : {"-gcc", "-g++"})
      if (Name.ends_with(Driver)) {
        Prefix = Name.drop_back(Driver.size()).str();
        Gcc = !Prefix.empty();
        break;
      }
  }
  if (Gcc && TargetPrefix)
    *TargetPrefix = Prefix;
  return Gcc;
}

bool isGccHeaderDir(StringRef Dir) {
  SmallVector<StringRef, 8> Parts;
  for (auto I = sys::path::begin(Dir), E = sys::path::end(Dir); I != E; ++I)
    if (*I != "." && *I != "/" && !I->empty())
      Parts.push_back(*I);
  size_t N = Parts.size();
  return N >= 4 &&
         (Parts[N - 1] == "include" || Parts[N - 1] == "include-fixed") &&
         isDigit(Parts[N - 2].front()) &&
         (Parts[N - 4] == "gcc" || Parts[N - 4] == "gcc-cross");
}

GccTranslation translateGccCommand(ArrayRef<std::string> Args) {
  GccTranslation R;
  if (Args.size() > 1 && isLauncher(Args[0])) {
    R.Dropped.emplace_back(Args[0], WhyLauncher);
    Args = Args.drop_front();
  }
  std::string Prefix;
  if (Args.empty() || !isGccDriver(Args[0], &Prefix)) {
    R.Args.assign(Args.begin(), Args.end());
    return R;
  }
  // A prefix that is no target (`my-gcc`) says nothing about the target.
  if (!Prefix.empty() && Triple(Prefix).getArch() == Triple::UnknownArch)
    Prefix.clear();
  Triple Target = targetOf(Args, Prefix);

  R.Args.push_back(Args[0]);
  if (!Prefix.empty() && !hasTarget(Args)) {
    R.Compiler = sys::path::filename(Args[0]).str();
    R.Target = "--target=" + Prefix;
    R.Args.push_back(R.Target);
  }
  for (size_t I = 1; I < Args.size(); ++I) {
    StringRef A = Args[I];
    auto Drop = [&](const char *Why) { R.Dropped.emplace_back(A.str(), Why); };
    auto DropWithValue = [&](const char *Why) {
      R.Dropped.emplace_back((A + " " + Args[I + 1]).str(), Why);
      ++I;
    };
    bool HasValue = I + 1 < Args.size();

    if (A.starts_with("-fplugin=") || A.starts_with("-fplugin-arg-")) {
      Drop(WhyPlugin);
      continue;
    }
    if ((A == "-mrecord-mcount" || A == "-mnop-mcount") &&
        Target.getArch() != Triple::systemz) {
      Drop(WhyMcount);
      continue;
    }
    if (A.starts_with("-mabi=") && Target.isX86()) {
      Drop(WhyMabi);
      continue;
    }
    if (A.starts_with("-fdiagnostics-format=")) {
      Drop(WhyDiagFormat);
      continue;
    }
    if ((A == "-imultiarch" || A == "-imultilib") && HasValue) {
      DropWithValue(WhyMultiarch);
      continue;
    }
    // GCC's own header directory, joined (-isystem/usr/...) or not.
    bool Header = false;
    for (StringRef Opt : IncludeOptions) {
      if (A == Opt && HasValue && isGccHeaderDir(Args[I + 1])) {
        DropWithValue(WhyHeaders);
        Header = true;
        break;
      }
      if (A.size() > Opt.size() && A.starts_with(Opt) &&
          isGccHeaderDir(A.drop_front(Opt.size()))) {
        Drop(WhyHeaders);
        Header = true;
        break;
      }
    }
    if (Header)
      continue;
    // -fsanitize=a,b: keep the names clang has, drop the others.
    StringRef Opt;
    for (StringRef O : {"-fsanitize=", "-fno-sanitize="})
      if (A.starts_with(O))
        Opt = O;
    if (!Opt.empty()) {
      SmallVector<StringRef, 4> Names;
      A.drop_front(Opt.size()).split(Names, ',', -1, /*KeepEmpty=*/false);
      std::string Kept;
      for (StringRef Name : Names) {
        if (!clang::parseSanitizerValue(Name, /*AllowGroups=*/true)) {
          R.Dropped.emplace_back((Opt + Name).str(), WhySanitizer);
          continue;
        }
        Kept += (Kept.empty() ? "" : ",") + Name.str();
      }
      if (!Kept.empty())
        R.Args.push_back((Opt + Kept).str());
      continue;
    }
    R.Args.push_back(A.str());
  }
  return R;
}

clang::tooling::ArgumentsAdjuster translateGccFlags(DroppedFlags &Changes) {
  return
      [&Changes](const clang::tooling::CommandLineArguments &Args, StringRef) {
        GccTranslation T = translateGccCommand(Args);
        for (const auto &[Flag, Why] : T.Dropped)
          Changes.add(Flag, Why);
        if (!T.Target.empty())
          Changes.addTarget(T.Compiler, T.Target);
        return std::move(T.Args);
      };
}

} // namespace holdwait
