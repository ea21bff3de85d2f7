//===- RelatedLocations.h - the places a finding points at ------*- C++ -*-===//
//
// Review tools show a finding at one line and link to other places: where the
// lock was taken, where the other side takes it. SARIF (relatedLocations) and
// rdjson (related_locations) list the same places.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_RELATEDLOCATIONS_H
#define HOLDWAIT_TOOL_RELATEDLOCATIONS_H

#include "analysis/Finding.h"

namespace holdwait {

struct RelatedLocation {
  SourcePoint At;
  std::string Message;
};

/// Where the held lock was acquired; for an inferred conflict, where the
/// other side enters the domain and where it takes the lock; for a
/// lock-order finding, where each edge holds its first lock and takes its
/// second; for an annotated conflict or a documented order, where the rule
/// is written. Points without a file are left out.
std::vector<RelatedLocation> relatedLocations(const Finding &F);

} // namespace holdwait

#endif
