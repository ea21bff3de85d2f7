//===- SarifOutput.cpp - SARIF 2.1.0 for code scanning --------------------===//
//
// One run: tool.driver with a rule per check (every check, so that a rule's
// help is there when a later run finds something), one result per finding
// with its related locations and code flows, and one invocation whose
// notifications carry the input errors and notes. No timestamps or other
// run-dependent data: the output of one input is the same from run to run.
//
// GitHub code scanning documents limits on what it accepts and shows
// (https://docs.github.com/en/code-security/code-scanning/
// troubleshooting-sarif-uploads/results-exceed-limit): 25,000 results per
// run (hard), 1,000 locations per result (hard; 100 shown), 10,000 thread
// flow locations per result (hard; 1,000 shown). The caps below keep every
// upload within what is shown, except for results: past 5,000 GitHub shows
// the most severe, and dropping findings here would hide them everywhere.
//
//===----------------------------------------------------------------------===//
#include "checks/Check.h"
#include "tool/CheckDocs.h"
#include "tool/Fingerprint.h"
#include "tool/Output.h"
#include "tool/RelatedLocations.h"
#include "tool/ReportPaths.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

namespace holdwait {

namespace {
constexpr size_t MaxResults = 25000;
constexpr size_t MaxRelatedLocations = 100;
constexpr size_t MaxThreadFlowLocations = 1000;

/// Relative paths are resolved against this base, which the run maps to the
/// directory holdwait ran in (GitHub maps it to the checkout).
constexpr llvm::StringLiteral SrcRoot = "%SRCROOT%";

/// One row of a code flow: a call or lock operation, indented as in the
/// text format's drawing.
struct FlowStep {
  SourcePoint At;
  std::string Message;
  unsigned Nesting = 0;
};

struct Flow {
  std::string Message;
  std::vector<FlowStep> Steps;
};

std::string waitVerb(const Finding &F) {
  if (F.WaitKind == "sleep")
    return "may sleep";
  if (F.WaitKind == "wakeup")
    return "wakes a task (takes the runqueue lock)";
  if (F.WaitKind == "lock")
    return "takes " + F.Lock + " again";
  return "waits for " + (F.Domain.empty() ? F.WaitKind : F.Domain);
}

/// Thread A: the lock holder from its acquisition down to the blocking call.
Flow holderFlow(const Finding &F) {
  Flow A;
  A.Message = F.Function + "() " +
              (F.Lock.empty() ? std::string("runs in ") + F.Domain
                              : "holds " + F.Lock) +
              " and reaches " + F.Blocking + "()";
  if (!F.Lock.empty()) {
    A.Steps.push_back({F.LockAt, F.LockVia + "(" + F.Lock + ")", 0});
    unsigned Nesting = 1;
    for (const FindingStep &S : F.LockChain)
      A.Steps.push_back({S.At, S.Callee + "()", Nesting++});
  }
  unsigned Nesting = 0;
  for (size_t I = 0; I < F.Chain.size(); ++I) {
    const FindingStep &S = F.Chain[I];
    bool Last = I + 1 == F.Chain.size();
    A.Steps.push_back(
        {S.At, S.Callee + "()" + (Last ? ": " + waitVerb(F) : ""), Nesting++});
  }
  return A;
}

/// Thread B: the code in the awaited domain down to where it takes the lock.
Flow otherFlow(const Finding &F) {
  Flow B;
  B.Message = F.Other.How + ", and needs " + F.Lock;
  if (!F.Other.Context.empty())
    B.Steps.push_back({F.Other.ContextAt, F.Other.Context, 0});
  unsigned Nesting = 0;
  for (size_t I = 0; I < F.Other.Chain.size(); ++I) {
    const FindingStep &S = F.Other.Chain[I];
    bool Last = I + 1 == F.Other.Chain.size();
    B.Steps.push_back(
        {S.At, S.Callee + (Last ? "(" + F.Lock + ")" : "()"), Nesting++});
  }
  return B;
}

/// A lock-order edge: holding From, the function takes To.
Flow edgeFlow(const OrderLink &O) {
  Flow E;
  E.Message = O.Function + "() " +
              (O.Context.empty() ? "holds " : "runs under ") + O.From +
              " and takes " + O.To;
  if (O.Context.empty()) {
    E.Steps.push_back({O.HeldAt, O.HeldVia + "(" + O.From + ")", 0});
    unsigned Nesting = 1;
    for (const FindingStep &S : O.HeldChain)
      E.Steps.push_back({S.At, S.Callee + "()", Nesting++});
  } else {
    E.Steps.push_back({O.HeldAt, O.Context, 0});
  }
  unsigned Nesting = 0;
  for (size_t I = 0; I < O.Chain.size(); ++I) {
    const FindingStep &S = O.Chain[I];
    bool Last = I + 1 == O.Chain.size();
    std::string Text = S.Callee + "()";
    if (Last)
      // Implicit names the call: `wake_up_process() takes rq.__lock`.
      Text = O.Implicit.empty() ? S.Callee + "(" + O.To + ")" : O.Implicit;
    E.Steps.push_back({S.At, Text, Nesting++});
  }
  return E;
}

std::vector<Flow> flows(const Finding &F) {
  std::vector<Flow> Out;
  if (!F.Order.empty()) {
    for (const OrderLink &O : F.Order)
      Out.push_back(edgeFlow(O));
  } else {
    Out.push_back(holderFlow(F));
    if (F.HasOther)
      Out.push_back(otherFlow(F));
  }
  // A step without a file cannot be shown in the code; SARIF viewers need a
  // physical location on every thread flow location.
  for (Flow &Fl : Out)
    llvm::erase_if(Fl.Steps,
                   [](const FlowStep &S) { return S.At.File.empty(); });
  llvm::erase_if(Out, [](const Flow &Fl) { return Fl.Steps.empty(); });
  return Out;
}

class SarifWriter {
public:
  SarifWriter(llvm::raw_ostream &OS, const OutputOptions &Opts)
      : J(OS, 2), Opts(Opts) {}

  void write(const std::vector<Finding> &Findings,
             const std::vector<InputError> &Errors,
             const std::vector<std::string> &Notes);

private:
  llvm::json::OStream J;
  const OutputOptions &Opts;

  void message(const std::string &Text) {
    J.attributeObject("message", [&] { J.attribute("text", Text); });
  }
  void artifactLocation(const std::string &File) {
    J.attributeObject("artifactLocation", [&] {
      // Relative paths (a file under the current directory, or an input
      // error's file as given on the command line) are relative to the
      // directory holdwait ran in.
      std::string Shown = shownPath(File, Opts.RelativeTo);
      if (llvm::sys::path::is_absolute(Shown)) {
        J.attribute("uri", fileUri(Shown));
      } else {
        J.attribute("uri", uriPathEscape(Shown));
        J.attribute("uriBaseId", SrcRoot);
      }
    });
  }
  void physicalLocation(const SourcePoint &P) {
    J.attributeObject("physicalLocation", [&] {
      artifactLocation(P.File);
      // 0 means "no location": SARIF lines and columns start at 1.
      if (P.Line > 0)
        J.attributeObject("region", [&] {
          J.attribute("startLine", int64_t(P.Line));
          if (P.Column > 0)
            J.attribute("startColumn", int64_t(P.Column));
        });
    });
  }
  void rules();
  /// Sup: the comment that suppressed F (--show-suppressed), which SARIF
  /// carries as an in-source suppression so viewers show it as dismissed.
  void result(const Finding &F, const std::string &Fingerprint,
              const SuppressedFinding *Sup = nullptr);
  void invocation(const std::vector<InputError> &Errors,
                  const std::vector<std::string> &Notes, size_t Dropped);
};

void SarifWriter::rules() {
  J.attributeArray("rules", [&] {
    for (const auto &C : allChecks())
      J.object([&] {
        std::string Url = checkDocUrl(C->name());
        std::string Text = checkDescriptionText(C->name());
        std::string Markdown = checkDescriptionMarkdown(C->name());
        // A check without a page still gets a description.
        if (Text.empty())
          Text = Markdown = C->summary().str();
        J.attribute("id", C->name());
        J.attributeObject("shortDescription",
                          [&] { J.attribute("text", C->summary()); });
        J.attributeObject("fullDescription", [&] {
          J.attribute("text", Text);
          J.attribute("markdown", Markdown);
        });
        J.attributeObject("help", [&] {
          J.attribute("text", Text + "\n\nDocumentation: " + Url);
          J.attribute("markdown",
                      Markdown + "\n\n[Documentation](" + Url + ")");
        });
        J.attribute("helpUri", Url);
        J.attributeObject("defaultConfiguration",
                          [&] { J.attribute("level", "warning"); });
      });
    // The suppression code's own warning: not a check, but its results
    // need a rule like every other (code scanning groups alerts by rule).
    J.object([&] {
      std::string Url = checkDocUrl(SuppressionWithoutReason);
      std::string Text = "A holdwait suppression comment that gives no "
                         "reason after `ignore[...]`";
      J.attribute("id", SuppressionWithoutReason);
      J.attributeObject("shortDescription", [&] { J.attribute("text", Text); });
      J.attributeObject("fullDescription", [&] {
        J.attribute("text", Text + ": say why the finding is not a bug, so "
                                   "that a reviewer can judge it.");
      });
      J.attributeObject("help", [&] {
        J.attribute("text", Text + ".\n\nDocumentation: " + Url);
      });
      J.attribute("helpUri", Url);
      J.attributeObject("defaultConfiguration",
                        [&] { J.attribute("level", "warning"); });
    });
  });
}

void SarifWriter::result(const Finding &F, const std::string &Fingerprint,
                         const SuppressedFinding *Sup) {
  const auto &Checks = allChecks();
  auto Rule = llvm::find_if(
      Checks, [&](const auto &C) { return C->name() == F.Check; });
  J.object([&] {
    J.attribute("ruleId", F.Check);
    // Every finding comes from a check, hence from a rule of rules(); the
    // suppression warning's rule follows the checks'.
    if (Rule != Checks.end())
      J.attribute("ruleIndex", int64_t(Rule - Checks.begin()));
    else if (F.Check == SuppressionWithoutReason)
      J.attribute("ruleIndex", int64_t(Checks.size()));
    J.attribute("level", "warning");
    message(F.Message);
    J.attributeArray("locations", [&] {
      J.object([&] {
        physicalLocation(F.At);
        if (!F.Function.empty())
          J.attributeArray("logicalLocations", [&] {
            J.object([&] {
              J.attribute("fullyQualifiedName", F.Function);
              J.attribute("kind", "function");
            });
          });
      });
    });
    std::vector<RelatedLocation> Related = relatedLocations(F);
    if (Related.size() > MaxRelatedLocations)
      Related.resize(MaxRelatedLocations);
    if (!Related.empty())
      J.attributeArray("relatedLocations", [&] {
        int64_t Id = 1;
        for (const RelatedLocation &R : Related)
          J.object([&] {
            J.attribute("id", Id++);
            physicalLocation(R.At);
            message(R.Message);
          });
      });
    std::vector<Flow> Flows = flows(F);
    size_t Budget = MaxThreadFlowLocations;
    if (!Flows.empty())
      J.attributeArray("codeFlows", [&] {
        J.object([&] {
          J.attributeArray("threadFlows", [&] {
            for (const Flow &Fl : Flows) {
              if (Budget == 0)
                break;
              J.object([&] {
                message(Fl.Message);
                J.attributeArray("locations", [&] {
                  for (const FlowStep &S : Fl.Steps) {
                    if (Budget == 0)
                      break;
                    --Budget;
                    J.object([&] {
                      J.attributeObject("location", [&] {
                        physicalLocation(S.At);
                        message(S.Message);
                      });
                      J.attribute("nestingLevel", int64_t(S.Nesting));
                    });
                  }
                });
              });
            }
          });
        });
      });
    J.attributeObject("partialFingerprints",
                      [&] { J.attribute(FingerprintKey, Fingerprint); });
    if (Sup)
      J.attributeArray("suppressions", [&] {
        J.object([&] {
          // No "status": the 2.1.0 schema we validate against has none.
          J.attribute("kind", "inSource");
          if (!Sup->Reason.empty())
            J.attribute("justification", Sup->Reason);
        });
      });
  });
}

void SarifWriter::invocation(const std::vector<InputError> &Errors,
                             const std::vector<std::string> &Notes,
                             size_t Dropped) {
  J.attributeArray("invocations", [&] {
    J.object([&] {
      // A unit that could not be analyzed makes the run incomplete, as it
      // makes the exit status 2.
      J.attribute("executionSuccessful", Errors.empty());
      J.attributeArray("toolExecutionNotifications", [&] {
        for (const InputError &E : Errors)
          J.object([&] {
            J.attribute("level", "error");
            message(E.File + ": " + E.Message);
            J.attributeArray("locations", [&] {
              J.object([&] {
                J.attributeObject("physicalLocation",
                                  [&] { artifactLocation(E.File); });
              });
            });
          });
        for (const std::string &N : Notes)
          J.object([&] {
            J.attribute("level", "note");
            message(N);
          });
        if (Dropped)
          J.object([&] {
            J.attribute("level", "warning");
            message(std::to_string(Dropped) +
                    " finding(s) left out: GitHub code scanning accepts at "
                    "most " +
                    std::to_string(MaxResults) + " results per run");
          });
      });
    });
  });
}

void SarifWriter::write(const std::vector<Finding> &Findings,
                        const std::vector<InputError> &Errors,
                        const std::vector<std::string> &Notes) {
  std::vector<std::string> Prints = fingerprints(Findings, Opts.RelativeTo);
  size_t Shown = std::min(Findings.size(), MaxResults);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "holdwait");
            if (!Opts.ToolVersion.empty()) {
              J.attribute("version", Opts.ToolVersion);
              J.attribute("semanticVersion", Opts.ToolVersion);
            }
            J.attribute("informationUri", RepositoryUrl);
            rules();
          });
        });
        invocation(Errors, Notes, Findings.size() - Shown);
        if (!Opts.RelativeTo.empty())
          J.attributeObject("originalUriBaseIds", [&] {
            J.attributeObject(SrcRoot, [&] {
              // SARIF wants the uri of a base to end in '/'.
              llvm::StringRef Dir = Opts.RelativeTo;
              J.attribute("uri", fileUri(Dir.ends_with("/") ? Dir.str()
                                                            : Dir.str() + "/"));
            });
          });
        J.attributeArray("results", [&] {
          for (size_t I = 0; I < Shown; ++I)
            result(Findings[I], Prints[I]);
          if (!Opts.Suppressed)
            return;
          std::vector<Finding> Silenced;
          for (const SuppressedFinding &S : *Opts.Suppressed)
            Silenced.push_back(S.F);
          std::vector<std::string> SilencedPrints =
              fingerprints(Silenced, Opts.RelativeTo);
          size_t Room = MaxResults - Shown;
          for (size_t I = 0; I < Silenced.size() && I < Room; ++I)
            result(Silenced[I], SilencedPrints[I], &(*Opts.Suppressed)[I]);
        });
      });
    });
  });
}
} // namespace

void writeSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                const std::vector<InputError> &Errors,
                const std::vector<std::string> &Notes,
                const OutputOptions &Opts) {
  SarifWriter(OS, Opts).write(Findings, Errors, Notes);
  OS << "\n";
}

} // namespace holdwait
