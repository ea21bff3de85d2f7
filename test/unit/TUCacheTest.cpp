//===- TUCacheTest.cpp - the cache of lowered translation units -----------===//
//
// Every test works in a fresh temporary directory holding a small source
// tree (main.c, inc.h, other.h) and the cache, removed afterwards.
//
//===----------------------------------------------------------------------===//
#include "analysis/TUCache.h"
#include "analysis/Serialize.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

using namespace holdwait;
using namespace llvm;

namespace {

/// A unit small enough to read, with a lock event and a string per field
/// kind that a damaged cache file would garble.
TUFacts unit(const std::string &Lock = "dev.lock") {
  TUFacts TU;
  TU.MainFile = "main.c";
  TU.Files = {"main.c", "inc.h"};
  Symbol S;
  S.USR = "c:@F@run";
  S.Name = "run";
  S.At.File = 0;
  S.At.Line = 3;
  TU.Symbols.push_back(S);
  FunctionIR F;
  F.Sym = 0;
  F.At = S.At;
  F.Blocks.resize(2);
  Event E;
  E.Kind = EventKind::Acquire;
  E.Lock.Class = E.Lock.Instance = Lock;
  E.At.File = 1;
  E.At.Line = 7;
  F.Blocks[0].Events.push_back(E);
  Edge Ed;
  Ed.To = 1;
  F.Blocks[0].Succs.push_back(Ed);
  F.Exit = 1;
  TU.Functions.push_back(F);
  return TU;
}

std::string dump(const TUFacts &TU) {
  return formatv("{0}", tuFactsToJSON(TU)).str();
}

class TUCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(sys::fs::createUniqueDirectory("holdwait-cache-test", Tmp));
    Src = path("src");
    CacheDir = path("cache");
    ASSERT_FALSE(sys::fs::create_directories(Src));
    write("src/main.c", "#include \"inc.h\"\nvoid run(void) {}\n");
    write("src/inc.h", "struct dev { int lock; };\n");
    write("src/other.h", "#define OTHER 1\n");
    Cmd = {"clang-19", "-std=gnu11", "-Iinclude", "-c", "main.c"};
    Files = {"inc.h", path("src/other.h")};
  }
  void TearDown() override { sys::fs::remove_directories(Tmp); }

  std::string path(StringRef Rel) const {
    SmallString<256> P(Tmp);
    sys::path::append(P, Rel);
    return std::string(P);
  }
  void write(StringRef Rel, StringRef Contents) {
    std::error_code EC;
    raw_fd_ostream OS(path(Rel), EC);
    ASSERT_FALSE(EC) << EC.message();
    OS << Contents;
  }
  TUCache open(StringRef Config = "profiles-v1") {
    Expected<TUCache> C = TUCache::open(CacheDir, Config);
    if (!C) {
      ADD_FAILURE() << toString(C.takeError());
      std::abort();
    }
    return std::move(*C);
  }
  std::optional<TUFacts> lookup(TUCache &C) {
    return C.lookup(Cmd, Src, "main.c");
  }
  std::optional<TUFacts> lookup(TUCache &&C) { return lookup(C); }
  void store(TUCache &C, const TUFacts &TU) {
    Error E = C.store(Cmd, Src, "main.c", Files, TU);
    ASSERT_FALSE(bool(E)) << toString(std::move(E));
  }
  /// The cache files with this extension.
  std::vector<std::string> cacheFiles(StringRef Ext) const {
    std::vector<std::string> Out;
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator It(CacheDir, EC), End;
         It != End && !EC; It.increment(EC))
      if (sys::path::extension(It->path()) == Ext)
        Out.push_back(It->path());
    return Out;
  }

  SmallString<128> Tmp;
  std::string Src, CacheDir;
  std::vector<std::string> Cmd;
  std::vector<std::string> Files;
};

TEST_F(TUCacheTest, MissThenStoreThenHit) {
  TUCache C = open();
  EXPECT_FALSE(lookup(C));
  store(C, unit());
  std::optional<TUFacts> Hit = lookup(C);
  ASSERT_TRUE(Hit);
  EXPECT_EQ(dump(*Hit), dump(unit()));
  EXPECT_EQ(Hit->Functions[0].Blocks[0].Events[0].Lock.Class, "dev.lock");
  CacheStats S = C.stats();
  EXPECT_EQ(S.Hits, 1u);
  EXPECT_EQ(S.Misses, 1u);
  EXPECT_EQ(S.Stores, 1u);
  EXPECT_EQ(S.Corrupt, 0u);
  // main.c, inc.h, other.h: each hashed once, the memo serves the lookup.
  EXPECT_EQ(S.FilesHashed, 3u);

  // Another run (a fresh memo) hits too.
  TUCache Again = open();
  ASSERT_TRUE(lookup(Again));
  EXPECT_EQ(Again.stats().Hits, 1u);

  // The layout: <dir>/v<cache>.<facts>/<2 hex>/<62 hex>.{manifest,tu}.
  std::string Manifest = C.manifestPath(Cmd, Src, "main.c");
  EXPECT_TRUE(sys::fs::exists(Manifest));
  EXPECT_EQ(sys::path::parent_path(sys::path::parent_path(Manifest)),
            C.versionDir());
  EXPECT_EQ(
      sys::path::filename(C.versionDir()),
      formatv("v{0}.{1}", TUCacheFormatVersion, TUFactsFormatVersion).str());
  EXPECT_EQ(sys::path::filename(sys::path::parent_path(Manifest)).size(), 2u);
  EXPECT_EQ(sys::path::stem(Manifest).size(), 62u);
  EXPECT_EQ(cacheFiles(".tu").size(), 1u);
  EXPECT_EQ(cacheFiles(".manifest").size(), 1u);
}

TEST_F(TUCacheTest, ChangedHeaderMisses) {
  TUCache C = open();
  store(C, unit());
  ASSERT_TRUE(lookup(C));
  // A different size, so that the memo notices even where modification
  // times are coarse.
  write("src/inc.h", "struct dev { int lock; int more; };\n");
  EXPECT_FALSE(lookup(C));
  TUCache Fresh = open();
  EXPECT_FALSE(lookup(Fresh));

  // Stored for the new header; the manifest now has two entries, and going
  // back to the old header hits the older one.
  store(C, unit("dev.new_lock"));
  std::optional<TUFacts> New = lookup(C);
  ASSERT_TRUE(New);
  EXPECT_EQ(New->Functions[0].Blocks[0].Events[0].Lock.Class, "dev.new_lock");
  write("src/inc.h", "struct dev { int lock; };\n");
  std::optional<TUFacts> Old = lookup(C);
  ASSERT_TRUE(Old);
  EXPECT_EQ(Old->Functions[0].Blocks[0].Events[0].Lock.Class, "dev.lock");
}

TEST_F(TUCacheTest, ChangedMainFileMisses) {
  TUCache C = open();
  store(C, unit());
  write("src/main.c", "#include \"inc.h\"\nvoid run(int x) {}\n");
  EXPECT_FALSE(lookup(open()));
}

TEST_F(TUCacheTest, AbsoluteHeaderPathChangeMisses) {
  TUCache C = open();
  store(C, unit());
  write("src/other.h", "#define OTHER 22\n");
  EXPECT_FALSE(lookup(open()));
}

TEST_F(TUCacheTest, DeletedHeaderMisses) {
  TUCache C = open();
  store(C, unit());
  ASSERT_FALSE(sys::fs::remove(path("src/inc.h")));
  EXPECT_FALSE(lookup(open()));
}

TEST_F(TUCacheTest, ChangedCommandLineMisses) {
  TUCache C = open();
  store(C, unit());
  Cmd[2] = "-Iinclude2";
  EXPECT_FALSE(lookup(C));
  // An argument split differently is another command line.
  Cmd = {"clang-19", "-std=gnu11", "-I", "include", "-c", "main.c"};
  EXPECT_FALSE(lookup(C));
  Cmd = {"clang-19", "-std=gnu11", "-Iinclude", "-c", "main.c", "-DX"};
  EXPECT_FALSE(lookup(C));
  Cmd = {"clang-19", "-std=gnu11", "-Iinclude", "-c", "main.c"};
  EXPECT_TRUE(lookup(C));
}

TEST_F(TUCacheTest, ChangedDirectoryOrMainFileMisses) {
  TUCache C = open();
  store(C, unit());
  EXPECT_FALSE(C.lookup(Cmd, Src + "/", "main.c"));
  EXPECT_FALSE(C.lookup(Cmd, Src, path("src/main.c")));
  EXPECT_TRUE(C.lookup(Cmd, Src, "main.c"));
}

TEST_F(TUCacheTest, ChangedConfigMisses) {
  {
    TUCache C = open("profiles-v1");
    store(C, unit());
    EXPECT_TRUE(lookup(C));
  }
  TUCache Other = open("profiles-v2");
  EXPECT_FALSE(lookup(Other));
  EXPECT_EQ(Other.stats().Misses, 1u);
}

TEST_F(TUCacheTest, CorruptFactsAreAMissAndAreReplaced) {
  TUCache C = open();
  store(C, unit());
  std::vector<std::string> TUs = cacheFiles(".tu");
  ASSERT_EQ(TUs.size(), 1u);
  // Damage one byte in the middle: it still has the magic and its size.
  auto Buf = MemoryBuffer::getFile(TUs[0]);
  ASSERT_TRUE(bool(Buf));
  std::string Bytes = (*Buf)->getBuffer().str();
  Bytes[Bytes.size() / 2] ^= 0x21;
  {
    std::error_code EC;
    raw_fd_ostream OS(TUs[0], EC);
    OS << Bytes;
  }
  EXPECT_FALSE(lookup(C));
  EXPECT_EQ(C.stats().Corrupt, 1u);
  Expected<json::Value> Damaged = dumpCacheFile(TUs[0]);
  ASSERT_FALSE(bool(Damaged));
  EXPECT_NE(toString(Damaged.takeError()).find("checksum"), std::string::npos);

  // Truncated to nothing: also corrupt.
  {
    std::error_code EC;
    raw_fd_ostream OS(TUs[0], EC);
  }
  EXPECT_FALSE(lookup(C));
  EXPECT_EQ(C.stats().Corrupt, 2u);

  store(C, unit());
  std::optional<TUFacts> Hit = lookup(C);
  ASSERT_TRUE(Hit);
  EXPECT_EQ(dump(*Hit), dump(unit()));
  EXPECT_EQ(C.stats().Corrupt, 2u);
}

TEST_F(TUCacheTest, CorruptManifestIsAMissAndIsReplaced) {
  TUCache C = open();
  store(C, unit());
  std::string Manifest = C.manifestPath(Cmd, Src, "main.c");
  {
    std::error_code EC;
    raw_fd_ostream OS(Manifest, EC);
    OS << "HWMF garbage";
  }
  EXPECT_FALSE(lookup(C));
  EXPECT_EQ(C.stats().Corrupt, 1u);
  store(C, unit());
  EXPECT_EQ(C.stats().Corrupt, 2u); // store read it too before replacing it
  EXPECT_TRUE(lookup(C));
}

TEST_F(TUCacheTest, DeletedFactsFileIsAMiss) {
  TUCache C = open();
  store(C, unit());
  for (const std::string &F : cacheFiles(".tu"))
    ASSERT_FALSE(sys::fs::remove(F));
  EXPECT_FALSE(lookup(C));
  EXPECT_EQ(C.stats().Corrupt, 0u);
}

TEST_F(TUCacheTest, ManifestKeepsTheNewestEntries) {
  TUCache C = open();
  for (unsigned I = 0; I < MaxManifestEntries + 2; ++I) {
    write("src/inc.h", std::string(I + 1, 'x'));
    store(C, unit("lock" + std::to_string(I)));
  }
  Expected<json::Value> M = dumpCacheFile(C.manifestPath(Cmd, Src, "main.c"));
  ASSERT_TRUE(bool(M)) << toString(M.takeError());
  const json::Array *Entries = M->getAsObject()->getArray("entries");
  ASSERT_TRUE(Entries);
  EXPECT_EQ(Entries->size(), size_t(MaxManifestEntries));
  // The newest hits; the oldest were dropped.
  std::optional<TUFacts> Hit = lookup(C);
  ASSERT_TRUE(Hit);
  EXPECT_EQ(Hit->Functions[0].Blocks[0].Events[0].Lock.Class,
            "lock" + std::to_string(MaxManifestEntries + 1));
  write("src/inc.h", "x");
  EXPECT_FALSE(lookup(C));
  write("src/inc.h", std::string(3, 'x'));
  Hit = lookup(C);
  ASSERT_TRUE(Hit);
  EXPECT_EQ(Hit->Functions[0].Blocks[0].Events[0].Lock.Class, "lock2");
}

TEST_F(TUCacheTest, StoreFailsOnUnreadableInput) {
  TUCache C = open();
  Files.push_back("missing.h");
  Error E = C.store(Cmd, Src, "main.c", Files, unit());
  ASSERT_TRUE(bool(E));
  EXPECT_NE(toString(std::move(E)).find("missing.h"), std::string::npos);
  EXPECT_FALSE(lookup(C));
}

TEST_F(TUCacheTest, FileOrderDoesNotMatter) {
  TUCache C = open();
  store(C, unit());
  std::vector<std::string> Reversed(Files.rbegin(), Files.rend());
  Reversed.push_back("main.c");
  ASSERT_FALSE(bool(C.store(Cmd, Src, "main.c", Reversed, unit())));
  EXPECT_EQ(cacheFiles(".tu").size(), 1u);
  Expected<json::Value> M = dumpCacheFile(C.manifestPath(Cmd, Src, "main.c"));
  ASSERT_TRUE(bool(M)) << toString(M.takeError());
  EXPECT_EQ(M->getAsObject()->getArray("entries")->size(), 1u);
}

TEST_F(TUCacheTest, DumpsCacheFiles) {
  TUCache C = open();
  store(C, unit());
  std::vector<std::string> TUs = cacheFiles(".tu");
  ASSERT_EQ(TUs.size(), 1u);
  Expected<json::Value> V = dumpCacheFile(TUs[0]);
  ASSERT_TRUE(bool(V)) << toString(V.takeError());
  EXPECT_EQ(formatv("{0}", *V).str(), dump(unit()));

  Expected<json::Value> M = dumpCacheFile(C.manifestPath(Cmd, Src, "main.c"));
  ASSERT_TRUE(bool(M)) << toString(M.takeError());
  const json::Array *Entries = M->getAsObject()->getArray("entries");
  ASSERT_TRUE(Entries && Entries->size() == 1);
  const json::Object *E = (*Entries)[0].getAsObject();
  EXPECT_EQ(E->getString("result").value_or("").str() + ".tu",
            sys::path::parent_path(TUs[0]).rsplit('/').second.str() +
                sys::path::filename(TUs[0]).str());
  EXPECT_EQ(E->getArray("files")->size(), 3u);

  write("garbage.tu", "not a cache file");
  Expected<json::Value> G = dumpCacheFile(path("garbage.tu"));
  ASSERT_FALSE(bool(G));
  EXPECT_NE(toString(G.takeError()).find("bad magic"), std::string::npos);
  Expected<json::Value> Missing = dumpCacheFile(path("none.tu"));
  EXPECT_FALSE(bool(Missing));
  consumeError(Missing.takeError());
}

/// A unit of main file Main (absolute), as holdwait stores it: every path
/// absolute.
TUFacts unitOf(const std::string &Main, const std::string &Lock) {
  TUFacts TU = unit(Lock);
  TU.MainFile = Main;
  return TU;
}

std::string lockOf(const TUFacts &TU) {
  return TU.Functions[0].Blocks[0].Events[0].Lock.Class;
}

TEST_F(TUCacheTest, CurrentUnitsListsEveryUnchangedUnit) {
  write("src/two.c", "void two(void) {}\n");
  std::string Main = path("src/main.c"), Two = path("src/two.c");
  TUCache C = open();
  EXPECT_TRUE(C.currentUnits().empty());
  ASSERT_FALSE(bool(
      C.store(Cmd, Src, Main, {path("src/inc.h")}, unitOf(Main, "main.lock"))));
  ASSERT_FALSE(bool(C.store({"clang-19", "-c", "two.c"}, Src, Two, {},
                            unitOf(Two, "two.lock"))));

  // Another process (a fresh memo) sees both, sorted by main file.
  std::vector<TUFacts> Units = open().currentUnits();
  ASSERT_EQ(Units.size(), 2u);
  EXPECT_EQ(Units[0].MainFile, Main);
  EXPECT_EQ(dump(Units[0]), dump(unitOf(Main, "main.lock")));
  EXPECT_EQ(Units[1].MainFile, Two);
  EXPECT_EQ(lockOf(Units[1]), "two.lock");

  // A header of main.c changed: its unit is stale, two.c's is not.
  write("src/inc.h", "struct dev { int lock; int more; };\n");
  Units = open().currentUnits();
  ASSERT_EQ(Units.size(), 1u);
  EXPECT_EQ(Units[0].MainFile, Two);
  // Listing is not looking up: no hits or misses are counted.
  EXPECT_EQ(C.stats().Hits, 0u);
}

TEST_F(TUCacheTest, CurrentUnitsPicksTheEntryLookupWould) {
  std::string Main = path("src/main.c");
  std::vector<std::string> Headers = {path("src/inc.h")};
  TUCache C = open();
  ASSERT_FALSE(bool(C.store(Cmd, Src, Main, Headers, unitOf(Main, "old"))));
  write("src/inc.h", "struct dev { int lock; int more; };\n");
  ASSERT_FALSE(bool(C.store(Cmd, Src, Main, Headers, unitOf(Main, "new"))));
  std::vector<TUFacts> Units = open().currentUnits();
  ASSERT_EQ(Units.size(), 1u);
  EXPECT_EQ(lockOf(Units[0]), "new");
  // Back to the old header: the manifest's older entry is current again.
  write("src/inc.h", "struct dev { int lock; };\n");
  Units = open().currentUnits();
  ASSERT_EQ(Units.size(), 1u);
  EXPECT_EQ(lockOf(Units[0]), "old");
}

TEST_F(TUCacheTest, CurrentUnitsKeepsTheNewestManifestOfAMainFile) {
  // One main file compiled two ways (or under two annotation sets): two
  // manifests, both current; the one written last wins.
  std::string Main = path("src/main.c");
  std::vector<std::string> Other = {"clang-19", "-DOTHER", "-c", "main.c"};
  TUCache C = open();
  ASSERT_FALSE(bool(C.store(Cmd, Src, Main, {}, unitOf(Main, "first"))));
  ASSERT_FALSE(bool(C.store(Other, Src, Main, {}, unitOf(Main, "second"))));
  auto SetWritten = [&](const std::vector<std::string> &Command, int Seconds) {
    std::string M = C.manifestPath(Command, Src, Main);
    int FD;
    ASSERT_FALSE(sys::fs::openFileForWrite(M, FD, sys::fs::CD_OpenExisting,
                                           sys::fs::OF_Append));
    sys::TimePoint<> T =
        std::chrono::system_clock::now() + std::chrono::seconds(Seconds);
    EXPECT_FALSE(sys::fs::setLastAccessAndModificationTime(FD, T, T));
    sys::fs::closeFile(FD);
  };
  SetWritten(Cmd, 10);
  SetWritten(Other, 20);
  std::vector<TUFacts> Units = open().currentUnits();
  ASSERT_EQ(Units.size(), 1u);
  EXPECT_EQ(lockOf(Units[0]), "second");
  SetWritten(Cmd, 30);
  Units = open().currentUnits();
  ASSERT_EQ(Units.size(), 1u);
  EXPECT_EQ(lockOf(Units[0]), "first");
}

TEST_F(TUCacheTest, CurrentUnitsSkipsRelativeAndDamagedEntries) {
  TUCache C = open();
  // The fixture's store names main.c and inc.h relative to Src, which the
  // manifest does not record.
  store(C, unit());
  EXPECT_TRUE(C.currentUnits().empty());

  std::string Main = path("src/main.c");
  ASSERT_FALSE(bool(C.store({"clang-19", "main.c"}, Src, Main, {},
                            unitOf(Main, "dev.lock"))));
  ASSERT_EQ(open().currentUnits().size(), 1u);
  {
    std::error_code EC;
    raw_fd_ostream OS(C.manifestPath({"clang-19", "main.c"}, Src, Main), EC);
    OS << "HWMF garbage";
  }
  TUCache Fresh = open();
  EXPECT_TRUE(Fresh.currentUnits().empty());
  EXPECT_EQ(Fresh.stats().Corrupt, 1u);
}

/// Stores and lookups of one key racing in two threads: every lookup sees
/// nothing or the whole facts, and the cache is intact afterwards.
void race(TUCache &A, TUCache &B, const std::vector<std::string> &Cmd,
          const std::string &Src, const std::vector<std::string> &Files) {
  const std::string Want = dump(unit());
  std::atomic<unsigned> Bad{0}, Hits{0}, Errors{0};
  auto Work = [&](TUCache &C) {
    for (int I = 0; I < 40; ++I) {
      if (Error E = C.store(Cmd, Src, "main.c", Files, unit())) {
        consumeError(std::move(E));
        ++Errors;
      }
      for (int J = 0; J < 3; ++J)
        if (std::optional<TUFacts> TU = C.lookup(Cmd, Src, "main.c")) {
          ++Hits;
          if (dump(*TU) != Want)
            ++Bad;
        }
    }
  };
  std::thread T1(Work, std::ref(A));
  std::thread T2(Work, std::ref(B));
  T1.join();
  T2.join();
  EXPECT_EQ(Bad.load(), 0u);
  EXPECT_EQ(Errors.load(), 0u);
  EXPECT_GT(Hits.load(), 0u);
  EXPECT_EQ(A.stats().Corrupt + B.stats().Corrupt, 0u);
}

TEST_F(TUCacheTest, ConcurrentStoresAndLookupsInOneCache) {
  TUCache C = open();
  race(C, C, Cmd, Src, Files);
  EXPECT_TRUE(lookup(C));
  EXPECT_EQ(cacheFiles(".tu").size(), 1u);
  // No temporary files are left behind.
  for (const char *Ext : {".manifest", ".tu"})
    for (const std::string &F : cacheFiles(Ext))
      EXPECT_EQ(F.find(".tmp-"), std::string::npos) << F;
}

TEST_F(TUCacheTest, ConcurrentStoresAndLookupsAcrossCaches) {
  // Two TUCache objects share no locks, like two holdwait processes.
  TUCache A = open(), B = open();
  race(A, B, Cmd, Src, Files);
  TUCache Fresh = open();
  std::optional<TUFacts> Hit = lookup(Fresh);
  ASSERT_TRUE(Hit);
  EXPECT_EQ(dump(*Hit), dump(unit()));
  std::error_code EC;
  unsigned Entries = 0;
  for (sys::fs::recursive_directory_iterator It(CacheDir, EC), End;
       It != End && !EC; It.increment(EC))
    if (It->type() == sys::fs::file_type::regular_file) {
      ++Entries;
      EXPECT_EQ(It->path().find(".tmp-"), std::string::npos) << It->path();
    }
  EXPECT_EQ(Entries, 2u);
}

TEST_F(TUCacheTest, OpenFailsWhenTheDirectoryCannotBeMade) {
  write("file", "x");
  Expected<TUCache> C = TUCache::open(path("file"), "cfg");
  ASSERT_FALSE(bool(C));
  consumeError(C.takeError());
}

} // namespace
