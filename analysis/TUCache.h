//===- TUCache.h - a directory of cached TUFacts ----------------*- C++ -*-===//
//
// Whole-program mode keeps the lowered facts of every translation unit, so
// that a second run over a large tree parses only what changed. A unit's
// facts depend on its command line, working directory, the annotation
// profiles, and the contents of every file it read; the headers are known
// only after parsing, so lookups go through a manifest, as in ccache's
// direct mode:
//
//   manifest key = hash(versions, config, command line, directory, main file)
//   manifest     = newest first, up to MaxManifestEntries of
//                  ([(path, content hash)...], result key)
//   result key   = hash(versions, config, command line, directory,
//                       every (path, content hash) the unit read)
//
// A lookup reads the manifest, re-hashes the listed files (each file once
// per TUCache, checked against its size and modification time) and returns
// the facts of the first entry whose files all still hash the same.
//
// Layout: <dir>/v<cache>.<facts>/<2 hex>/<62 hex>.manifest and .tu, with
// <cache> and <facts> the two format versions, so a holdwait of another
// version never reads these files and stale versions can be deleted as a
// whole. Files are written to a unique temporary name in their final
// directory and renamed, so concurrent holdwait processes see either the
// old or the new file, never half of one (a process killed mid-write
// leaves a stray `.tmp-` file, not a damaged entry). Anything unreadable or
// damaged in the cache is a miss (counted in CacheStats::Corrupt) and is
// replaced by the next store: the cache can make a run faster, never make it
// fail.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_TUCACHE_H
#define HOLDWAIT_ANALYSIS_TUCACHE_H

#include "analysis/IR.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace holdwait {

/// The version of the cache's own files (manifests) and key derivation.
/// Bump it when either changes; TUFactsFormatVersion covers the facts.
constexpr uint32_t TUCacheFormatVersion = 1;

/// At most this many header sets are remembered per manifest: a unit built
/// in a few configurations (or with a header being edited back and forth)
/// still hits, and a manifest stays small.
constexpr unsigned MaxManifestEntries = 4;

struct CacheStats {
  uint64_t Hits = 0;
  uint64_t Misses = 0;
  uint64_t Stores = 0;
  /// Manifests or facts files that could not be decoded (each is also a
  /// miss, or is replaced on store).
  uint64_t Corrupt = 0;
  /// Distinct files hashed (after the in-memory memo).
  uint64_t FilesHashed = 0;
};

class TUCache {
public:
  /// Opens (creating it if needed) the cache in Dir. ConfigDigest stands
  /// for everything besides the command line that changes lowering: the
  /// caller passes a digest of the loaded annotation profiles' contents.
  static llvm::Expected<TUCache> open(llvm::StringRef Dir,
                                      llvm::StringRef ConfigDigest);

  TUCache(TUCache &&);
  TUCache &operator=(TUCache &&);
  ~TUCache();

  /// The facts stored for this command when every file the unit read then
  /// still has the same contents; nothing otherwise. Never fails: problems
  /// with the cache are misses. Relative paths are relative to Directory.
  std::optional<TUFacts> lookup(llvm::ArrayRef<std::string> CommandLine,
                                llvm::StringRef Directory,
                                llvm::StringRef MainFile);

  /// Stores TU, the result of parsing MainFile with CommandLine in
  /// Directory, which read FilesRead (the main file is added if missing).
  /// Fails only on I/O errors (unreadable input files, a full disk); the
  /// caller should report them and go on.
  llvm::Error store(llvm::ArrayRef<std::string> CommandLine,
                    llvm::StringRef Directory, llvm::StringRef MainFile,
                    llvm::ArrayRef<std::string> FilesRead, const TUFacts &TU);

  /// Every unit the cache still vouches for, read without knowing the
  /// command lines (the clang-tidy plugin's summary database): per
  /// manifest, the newest entry whose files still have the contents they
  /// had when it was stored, as lookup would pick it. Entries listing a
  /// relative path are skipped (their directory is not recorded; holdwait
  /// itself stores absolute paths). The configuration digest is not checked
  /// (manifests do not record it), so a main file with several current
  /// units (compiled two ways, or under other annotations) keeps the one
  /// whose manifest was written last. Sorted by main file; damaged files
  /// are skipped and counted in CacheStats::Corrupt.
  std::vector<TUFacts> currentUnits();

  CacheStats stats() const;

  /// The directory holding this version's files (`<dir>/v1.1`).
  llvm::StringRef versionDir() const;

  /// Where lookup and store keep the manifest of this command.
  std::string manifestPath(llvm::ArrayRef<std::string> CommandLine,
                           llvm::StringRef Directory,
                           llvm::StringRef MainFile) const;

  class Impl;

private:
  explicit TUCache(std::unique_ptr<Impl> I);
  std::unique_ptr<Impl> I;
};

/// A cache file as JSON: a `.tu` file as tuFactsToJSON, a `.manifest` as
/// its entries. For `holdwait --dump-cache-entry`.
llvm::Expected<llvm::json::Value> dumpCacheFile(llvm::StringRef Path);

} // namespace holdwait

#endif
