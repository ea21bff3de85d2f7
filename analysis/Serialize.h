//===- Serialize.h - TUFacts on disk ----------------------------*- C++ -*-===//
//
// Whole-program mode lowers every translation unit once and keeps the
// result (TUFacts) in a cache, so a re-run only parses the units whose
// inputs changed. This is the on-disk form of one unit: a compact,
// versioned binary encoding, and a JSON dump of the same facts for people.
//
// A file is a frame around a payload:
//
//   "HWTU"  ULEB128 version  ULEB128 payload size  CRC-32 (4 bytes, LE)
//   payload: string table, then the unit
//
// Every string of the unit (lock classes, paths, USRs) is stored once in the
// string table and referred to by its index: a unit names the same few lock
// classes and files hundreds of times. Integers are ULEB128, signed ones
// zigzag-encoded first; an event writes a bit mask of its non-default fields
// and then only those, because most events set three or four of ~25 fields.
//
// Cache files come from disk, possibly written by another holdwait version
// or damaged: the reader checks every length, count, index and enum against
// the bytes that are actually there and returns an llvm::Error instead of
// trusting them. The CRC catches damage that would still decode.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_SERIALIZE_H
#define HOLDWAIT_ANALYSIS_SERIALIZE_H

#include "analysis/IR.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace holdwait {

/// The version of the TUFacts encoding. Bump it whenever IR.h (or the
/// ConflictRule of Profile.h) changes shape or meaning, and whenever the
/// front end lowers differently: cached units of another version are not
/// read (the cache keys include it too, so they are never even looked up).
constexpr uint32_t TUFactsFormatVersion = 9;

/// The magic at the start of an encoded TUFacts.
constexpr llvm::StringLiteral TUFactsMagic = "HWTU";

/// Encodes TU. Deterministic: equal facts give equal bytes.
std::string writeTUFacts(const TUFacts &TU);

/// Decodes what writeTUFacts wrote. Anything else (another magic or
/// version, truncated or damaged bytes, indexes out of range) is an error
/// that says what is wrong and at which offset.
llvm::Expected<TUFacts> readTUFacts(llvm::StringRef Bytes);

/// Checks the references between the tables of TU (file, symbol and block
/// indexes), so that code indexing them cannot go out of bounds.
llvm::Error verifyTUFacts(const TUFacts &TU);

/// A readable dump of every field, enums by name; fields at their default
/// values are left out of events to keep it short.
llvm::json::Value tuFactsToJSON(const TUFacts &TU);

/// Building blocks of the binary formats (TUFacts here, the cache manifest
/// in TUCache.cpp), exposed so that both and their tests share one
/// bounds-checked implementation.
namespace wire {

/// Magic, version, payload size and CRC-32 of the payload, then Payload.
std::string frame(llvm::StringRef Magic, uint32_t Version,
                  llvm::StringRef Payload);

/// The payload of a framed buffer, after checking its magic, version, size
/// and CRC. What names the kind of file in messages.
llvm::Expected<llvm::StringRef> unframe(llvm::StringRef Bytes,
                                        llvm::StringRef Magic, uint32_t Version,
                                        llvm::StringRef What);

inline uint64_t zigzag(int64_t V) {
  return (static_cast<uint64_t>(V) << 1) ^ static_cast<uint64_t>(V >> 63);
}
inline int64_t unzigzag(uint64_t V) {
  return static_cast<int64_t>(V >> 1) ^ -static_cast<int64_t>(V & 1);
}

void writeULEB(llvm::raw_ostream &OS, uint64_t V);
void writeSLEB(llvm::raw_ostream &OS, int64_t V);
/// Length, then the bytes.
void writeBytes(llvm::raw_ostream &OS, llvm::StringRef S);

/// Reads from a byte buffer, never past its end. The first failure is
/// remembered (later reads return zeros) so that callers can read a whole
/// record and check once; offsets in messages are relative to Base, the
/// position of the buffer within the file.
class Reader {
public:
  explicit Reader(llvm::StringRef Data, uint64_t Base = 0)
      : Data(Data), Base(Base) {}

  uint64_t uleb(llvm::StringRef What);
  int64_t sleb(llvm::StringRef What);
  /// An unsigned value that must not exceed Max.
  uint64_t bounded(uint64_t Max, llvm::StringRef What);
  /// A signed value within [Min, Max].
  int64_t boundedSigned(int64_t Min, int64_t Max, llvm::StringRef What);
  /// An element count: every element takes at least MinElementSize bytes,
  /// so a count that the remaining bytes cannot hold is an error (and a
  /// caller never reserves memory for a count it has not seen data for).
  uint64_t count(llvm::StringRef What, uint64_t MinElementSize = 1);
  /// Exactly N raw bytes.
  llvm::StringRef raw(uint64_t N, llvm::StringRef What);
  /// A length-prefixed byte string.
  llvm::StringRef bytes(llvm::StringRef What);

  /// Records an error at the current offset (if none is recorded yet).
  void fail(const llvm::Twine &Message);
  bool failed() const { return Failed; }
  bool atEnd() const { return Pos == Data.size(); }
  uint64_t offset() const { return Base + Pos; }
  size_t remaining() const { return Data.size() - Pos; }
  /// The first error, or success; call once.
  llvm::Error takeError();

private:
  void truncated(llvm::StringRef What);

  llvm::StringRef Data;
  uint64_t Base;
  size_t Pos = 0;
  bool Failed = false;
  std::string Message;
};

} // namespace wire

} // namespace holdwait

#endif
