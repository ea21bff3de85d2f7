//===- TUCache.cpp - a directory of cached TUFacts ------------------------===//
#include "analysis/TUCache.h"
#include "analysis/Serialize.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <mutex>

using namespace llvm;

namespace holdwait {

namespace {

using Digest = std::array<uint8_t, 32>;

constexpr StringLiteral ManifestMagic = "HWMF";

std::string hex(const Digest &D) { return toHex(D, /*LowerCase=*/true); }

/// SHA-256 over a sequence of fields, each length-prefixed so that no two
/// different sequences hash the same bytes (`a b` vs `ab`).
class KeyHasher {
public:
  void field(StringRef S) {
    number(S.size());
    H.update(S);
  }
  void number(uint64_t V) {
    uint8_t Bytes[8];
    support::endian::write64le(Bytes, V);
    H.update(ArrayRef<uint8_t>(Bytes));
  }
  void digest(const Digest &D) { H.update(ArrayRef<uint8_t>(D)); }
  Digest final() { return H.final(); }

private:
  SHA256 H;
};

/// One remembered compilation: the files it read, and where its facts are.
struct ManifestEntry {
  Digest Result{};
  std::vector<std::pair<std::string, Digest>> Files;
};

// A manifest payload: a table of paths (entries for one main file mostly
// list the same headers), then each entry as its result key and its files
// as (path index, content digest).
std::string writeManifest(ArrayRef<ManifestEntry> Entries) {
  StringMap<uint32_t> PathIndex;
  std::vector<StringRef> Paths;
  for (const ManifestEntry &E : Entries)
    for (const auto &[Path, Hash] : E.Files) {
      auto [It, New] = PathIndex.try_emplace(Path, Paths.size());
      if (New)
        Paths.push_back(It->first());
    }
  std::string Payload;
  raw_string_ostream OS(Payload);
  wire::writeULEB(OS, Paths.size());
  for (StringRef P : Paths)
    wire::writeBytes(OS, P);
  wire::writeULEB(OS, Entries.size());
  for (const ManifestEntry &E : Entries) {
    OS.write(reinterpret_cast<const char *>(E.Result.data()), E.Result.size());
    wire::writeULEB(OS, E.Files.size());
    for (const auto &[Path, Hash] : E.Files) {
      wire::writeULEB(OS, PathIndex.lookup(Path));
      OS.write(reinterpret_cast<const char *>(Hash.data()), Hash.size());
    }
  }
  return wire::frame(ManifestMagic, TUCacheFormatVersion, Payload);
}

Expected<std::vector<ManifestEntry>> readManifest(StringRef Bytes) {
  Expected<StringRef> Payload = wire::unframe(
      Bytes, ManifestMagic, TUCacheFormatVersion, "holdwait cache manifest");
  if (!Payload)
    return Payload.takeError();
  wire::Reader R(*Payload, Payload->data() - Bytes.data());
  std::vector<StringRef> Paths;
  for (uint64_t I = 0, N = R.count("paths"); I < N && !R.failed(); ++I)
    Paths.push_back(R.bytes("path"));
  auto ReadDigest = [&](StringRef What) {
    Digest D{};
    StringRef S = R.raw(D.size(), What);
    if (!R.failed())
      std::copy(S.bytes_begin(), S.bytes_end(), D.begin());
    return D;
  };
  std::vector<ManifestEntry> Entries;
  for (uint64_t I = 0, N = R.count("entries", 33); I < N && !R.failed(); ++I) {
    ManifestEntry &E = Entries.emplace_back();
    E.Result = ReadDigest("result key");
    for (uint64_t J = 0, M = R.count("files", 33); J < M && !R.failed(); ++J) {
      uint64_t At = R.offset();
      uint64_t P = R.uleb("path index");
      if (!R.failed() && P >= Paths.size())
        R.fail("path index " + Twine(P) + " out of range (" +
               Twine(Paths.size()) + " paths) at offset " + Twine(At));
      Digest D = ReadDigest("content hash");
      if (!R.failed())
        E.Files.push_back({Paths[P].str(), D});
    }
  }
  if (!R.failed() && !R.atEnd())
    R.fail(Twine(R.remaining()) + " trailing bytes at offset " +
           Twine(R.offset()));
  if (R.failed())
    return createStringError(inconvertibleErrorCode(),
                             "holdwait cache manifest: %s",
                             toString(R.takeError()).c_str());
  return Entries;
}

/// Writes Contents to Path so that readers see the old file or the whole
/// new one: a unique temporary file in the same directory (so the rename
/// stays within one file system), then a rename over Path.
Error writeAtomically(StringRef Path, StringRef Contents) {
  StringRef Dir = sys::path::parent_path(Path);
  if (std::error_code EC = sys::fs::create_directories(Dir))
    return createFileError(Dir, EC);
  SmallString<256> Tmp;
  int FD = -1;
  if (std::error_code EC =
          sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%%%%%", FD, Tmp))
    return createFileError(Path, EC);
  std::error_code EC;
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Contents;
    OS.close();
    EC = OS.error();
    // A raw_fd_ostream destroyed with an unchecked error aborts.
    OS.clear_error();
  }
  if (!EC)
    EC = sys::fs::rename(Tmp, Path);
  if (EC) {
    sys::fs::remove(Tmp);
    return createFileError(Path, EC);
  }
  return Error::success();
}

} // namespace

class TUCache::Impl {
public:
  std::string Root;
  std::string Config;

  std::atomic<uint64_t> Hits{0}, Misses{0}, Stores{0}, Corrupt{0},
      FilesHashed{0};

  /// The content digest of Path (relative paths under Directory), or
  /// nothing if it cannot be read.
  std::optional<Digest> hashFile(StringRef Directory, StringRef Path);

  /// Hashes the parts of the key that identify the compilation itself.
  void compilation(KeyHasher &H, StringRef Kind, ArrayRef<std::string> Cmd,
                   StringRef Directory, StringRef MainFile) const {
    H.field(Kind);
    H.number(TUCacheFormatVersion);
    H.number(TUFactsFormatVersion);
    H.field(Config);
    H.number(Cmd.size());
    for (const std::string &Arg : Cmd)
      H.field(Arg);
    H.field(Directory);
    H.field(MainFile);
  }

  Digest manifestKey(ArrayRef<std::string> Cmd, StringRef Directory,
                     StringRef MainFile) const {
    KeyHasher H;
    compilation(H, "manifest", Cmd, Directory, MainFile);
    return H.final();
  }

  Digest resultKey(ArrayRef<std::string> Cmd, StringRef Directory,
                   StringRef MainFile,
                   ArrayRef<std::pair<std::string, Digest>> Files) const {
    KeyHasher H;
    compilation(H, "result", Cmd, Directory, MainFile);
    H.number(Files.size());
    for (const auto &[Path, Hash] : Files) {
      H.field(Path);
      H.digest(Hash);
    }
    return H.final();
  }

  std::string pathFor(const Digest &Key, StringRef Ext) const {
    std::string Hex = hex(Key);
    SmallString<256> P(Root);
    sys::path::append(P, Hex.substr(0, 2), Hex.substr(2) + Ext.str());
    return std::string(P);
  }

  /// Reads a cache file; nothing if it does not exist, counting any other
  /// failure to read it as a corrupt entry.
  std::unique_ptr<MemoryBuffer> readCacheFile(StringRef Path) {
    auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
    if (Buf)
      return std::move(*Buf);
    if (Buf.getError() != std::errc::no_such_file_or_directory)
      ++Corrupt;
    return nullptr;
  }

private:
  struct FileState {
    sys::fs::UniqueID ID;
    uint64_t Size = 0;
    sys::TimePoint<> MTime;
    Digest Hash{};
  };
  /// Digests of the files hashed so far, by absolute path. Units of one
  /// program share most headers; each is read once per run unless its
  /// size, modification time or identity changes.
  std::mutex MemoMutex;
  StringMap<FileState> Memo;

public:
  /// Serializes this process's read-modify-write of manifests (two units
  /// with one command line in two threads). Other processes can still
  /// race; the last rename wins, which loses an entry, not the cache.
  std::mutex ManifestMutex;
};

std::optional<Digest> TUCache::Impl::hashFile(StringRef Directory,
                                              StringRef Path) {
  SmallString<256> Abs(Path);
  if (sys::path::is_relative(Abs)) {
    Abs = Directory;
    sys::path::append(Abs, Path);
  }
  // Stat the open file, so that the state remembered is that of the bytes
  // hashed even if the path is replaced meanwhile.
  Expected<sys::fs::file_t> FD = sys::fs::openNativeFileForRead(Abs);
  if (!FD) {
    consumeError(FD.takeError());
    return std::nullopt;
  }
  sys::fs::file_status St;
  std::optional<Digest> Result;
  if (!sys::fs::status(*FD, St) && sys::fs::is_regular_file(St)) {
    FileState State;
    State.ID = St.getUniqueID();
    State.Size = St.getSize();
    State.MTime = St.getLastModificationTime();
    {
      std::lock_guard<std::mutex> Lock(MemoMutex);
      auto It = Memo.find(Abs);
      if (It != Memo.end() && It->second.ID == State.ID &&
          It->second.Size == State.Size && It->second.MTime == State.MTime)
        Result = It->second.Hash;
    }
    if (!Result) {
      // Hash outside the lock: threads hashing different headers should
      // not wait for each other; two hashing the same one is only waste.
      auto Buf = MemoryBuffer::getOpenFile(*FD, Abs, State.Size,
                                           /*RequiresNullTerminator=*/false);
      if (Buf) {
        StringRef Contents = (*Buf)->getBuffer();
        State.Hash = SHA256::hash(
            ArrayRef<uint8_t>(Contents.bytes_begin(), Contents.size()));
        ++FilesHashed;
        Result = State.Hash;
        std::lock_guard<std::mutex> Lock(MemoMutex);
        Memo[Abs] = State;
      }
    }
  }
  sys::fs::closeFile(*FD);
  return Result;
}

TUCache::TUCache(std::unique_ptr<Impl> I) : I(std::move(I)) {}
TUCache::TUCache(TUCache &&) = default;
TUCache &TUCache::operator=(TUCache &&) = default;
TUCache::~TUCache() = default;

Expected<TUCache> TUCache::open(StringRef Dir, StringRef ConfigDigest) {
  auto I = std::make_unique<Impl>();
  SmallString<256> Root(Dir);
  sys::path::append(Root, "v" + Twine(TUCacheFormatVersion) + "." +
                              Twine(TUFactsFormatVersion));
  if (std::error_code EC = sys::fs::create_directories(Root))
    return createFileError(Root, EC);
  I->Root = std::string(Root);
  I->Config = ConfigDigest.str();
  return TUCache(std::move(I));
}

StringRef TUCache::versionDir() const { return I->Root; }

std::string TUCache::manifestPath(ArrayRef<std::string> CommandLine,
                                  StringRef Directory,
                                  StringRef MainFile) const {
  return I->pathFor(I->manifestKey(CommandLine, Directory, MainFile),
                    ".manifest");
}

std::optional<TUFacts> TUCache::lookup(ArrayRef<std::string> CommandLine,
                                       StringRef Directory,
                                       StringRef MainFile) {
  auto Miss = [&]() -> std::optional<TUFacts> {
    ++I->Misses;
    return std::nullopt;
  };
  std::unique_ptr<MemoryBuffer> ManifestBuf =
      I->readCacheFile(manifestPath(CommandLine, Directory, MainFile));
  if (!ManifestBuf)
    return Miss();
  Expected<std::vector<ManifestEntry>> Entries =
      readManifest(ManifestBuf->getBuffer());
  if (!Entries) {
    consumeError(Entries.takeError());
    ++I->Corrupt;
    return Miss();
  }
  for (const ManifestEntry &E : *Entries) {
    bool Same = true;
    for (const auto &[Path, Hash] : E.Files) {
      std::optional<Digest> Now = I->hashFile(Directory, Path);
      if (!Now || *Now != Hash) {
        Same = false;
        break;
      }
    }
    if (!Same)
      continue;
    // The key is a function of what was just checked; one that differs
    // means the manifest does not say what it was written to say.
    if (I->resultKey(CommandLine, Directory, MainFile, E.Files) != E.Result) {
      ++I->Corrupt;
      return Miss();
    }
    std::unique_ptr<MemoryBuffer> FactsBuf =
        I->readCacheFile(I->pathFor(E.Result, ".tu"));
    if (!FactsBuf)
      return Miss(); // removed behind our back: the next store rewrites it
    Expected<TUFacts> TU = readTUFacts(FactsBuf->getBuffer());
    if (!TU) {
      consumeError(TU.takeError());
      ++I->Corrupt;
      return Miss();
    }
    ++I->Hits;
    return std::move(*TU);
  }
  return Miss();
}

Error TUCache::store(ArrayRef<std::string> CommandLine, StringRef Directory,
                     StringRef MainFile, ArrayRef<std::string> FilesRead,
                     const TUFacts &TU) {
  // Sorted, so that the key does not depend on the order the front end
  // happened to list the files in.
  std::vector<std::string> Paths(FilesRead.begin(), FilesRead.end());
  Paths.push_back(MainFile.str());
  llvm::sort(Paths);
  Paths.erase(std::unique(Paths.begin(), Paths.end()), Paths.end());

  ManifestEntry New;
  for (const std::string &P : Paths) {
    // Hashed after parsing: a file edited while its unit was parsed is
    // recorded with its new contents. The next change to it still misses.
    std::optional<Digest> H = I->hashFile(Directory, P);
    if (!H)
      return createStringError(inconvertibleErrorCode(),
                               "cannot read '%s' to hash it for the cache",
                               P.c_str());
    New.Files.push_back({P, *H});
  }
  New.Result = I->resultKey(CommandLine, Directory, MainFile, New.Files);

  // The facts first: a manifest must not point at a file not yet there.
  if (Error E =
          writeAtomically(I->pathFor(New.Result, ".tu"), writeTUFacts(TU)))
    return E;

  std::string MPath = manifestPath(CommandLine, Directory, MainFile);
  std::lock_guard<std::mutex> Lock(I->ManifestMutex);
  std::vector<ManifestEntry> Entries;
  if (std::unique_ptr<MemoryBuffer> Old = I->readCacheFile(MPath)) {
    Expected<std::vector<ManifestEntry>> Read = readManifest(Old->getBuffer());
    if (Read) {
      Entries = std::move(*Read);
    } else {
      consumeError(Read.takeError());
      ++I->Corrupt;
    }
  }
  // Newest first, without an older copy of the same result.
  llvm::erase_if(
      Entries, [&](const ManifestEntry &E) { return E.Result == New.Result; });
  Entries.insert(Entries.begin(), std::move(New));
  if (Entries.size() > MaxManifestEntries)
    Entries.resize(MaxManifestEntries);
  if (Error E = writeAtomically(MPath, writeManifest(Entries)))
    return E;
  ++I->Stores;
  return Error::success();
}

std::vector<TUFacts> TUCache::currentUnits() {
  std::vector<std::string> Manifests;
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(I->Root, EC), End;
       It != End && !EC; It.increment(EC))
    if (sys::path::extension(It->path()) == ".manifest")
      Manifests.push_back(It->path());
  // Visit in a fixed order so that equal modification times tie the same
  // way on every run.
  llvm::sort(Manifests);

  struct Newest {
    sys::TimePoint<> Written;
    TUFacts TU;
  };
  std::map<std::string, Newest> ByMainFile;
  for (const std::string &M : Manifests) {
    sys::fs::file_status St;
    if (sys::fs::status(M, St))
      continue;
    std::unique_ptr<MemoryBuffer> Buf = I->readCacheFile(M);
    if (!Buf)
      continue;
    Expected<std::vector<ManifestEntry>> Entries =
        readManifest(Buf->getBuffer());
    if (!Entries) {
      consumeError(Entries.takeError());
      ++I->Corrupt;
      continue;
    }
    for (const ManifestEntry &E : *Entries) {
      bool Same = llvm::all_of(E.Files, [&](const auto &File) {
        if (!sys::path::is_absolute(File.first))
          return false;
        std::optional<Digest> Now = I->hashFile("", File.first);
        return Now && *Now == File.second;
      });
      if (!Same)
        continue;
      std::unique_ptr<MemoryBuffer> FactsBuf =
          I->readCacheFile(I->pathFor(E.Result, ".tu"));
      if (!FactsBuf)
        break;
      Expected<TUFacts> TU = readTUFacts(FactsBuf->getBuffer());
      if (!TU) {
        consumeError(TU.takeError());
        ++I->Corrupt;
        break;
      }
      auto [It, New] = ByMainFile.try_emplace(TU->MainFile);
      if (New || St.getLastModificationTime() > It->second.Written)
        It->second = {St.getLastModificationTime(), std::move(*TU)};
      break;
    }
  }
  std::vector<TUFacts> Units;
  for (auto &[Main, N] : ByMainFile)
    Units.push_back(std::move(N.TU));
  return Units;
}

CacheStats TUCache::stats() const {
  CacheStats S;
  S.Hits = I->Hits;
  S.Misses = I->Misses;
  S.Stores = I->Stores;
  S.Corrupt = I->Corrupt;
  S.FilesHashed = I->FilesHashed;
  return S;
}

Expected<json::Value> dumpCacheFile(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createFileError(Path, Buf.getError());
  StringRef Bytes = (*Buf)->getBuffer();
  if (Bytes.starts_with(ManifestMagic)) {
    Expected<std::vector<ManifestEntry>> Entries = readManifest(Bytes);
    if (!Entries)
      return createFileError(Path, Entries.takeError());
    json::Array Out;
    for (const ManifestEntry &E : *Entries) {
      json::Array Files;
      for (const auto &[File, Hash] : E.Files)
        Files.push_back(json::Object{
            {"path", json::isUTF8(File) ? File : json::fixUTF8(File)},
            {"hash", hex(Hash)}});
      Out.push_back(
          json::Object{{"result", hex(E.Result)}, {"files", std::move(Files)}});
    }
    return json::Object{{"manifest_version", TUCacheFormatVersion},
                        {"entries", std::move(Out)}};
  }
  Expected<TUFacts> TU = readTUFacts(Bytes);
  if (!TU)
    return createFileError(Path, TU.takeError());
  return tuFactsToJSON(*TU);
}

} // namespace holdwait
