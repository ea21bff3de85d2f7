//===- CheckDocs.cpp - what the review formats say about each check -------===//
#include "tool/CheckDocs.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace holdwait {

namespace {
struct CheckDoc {
  const char *Check;
  const char *Markdown;
};

// Built from docs/checks/*.md by GenerateCheckDocs.cmake.
const CheckDoc Docs[] = {
#include "CheckDocs.inc"
};

llvm::StringRef rawDescription(llvm::StringRef Check) {
  for (const CheckDoc &D : Docs)
    if (Check == D.Check)
      return D.Markdown;
  return "";
}

/// `1. text` or `- text`: a list item starts a line of its own.
bool startsListItem(llvm::StringRef Line) {
  if (Line.starts_with("- ") || Line.starts_with("* "))
    return true;
  size_t Digits = 0;
  while (Digits < Line.size() && llvm::isDigit(Line[Digits]))
    ++Digits;
  return Digits > 0 && Line.substr(Digits).starts_with(". ");
}
} // namespace

std::string checkDocUrl(llvm::StringRef Check) {
  // Not a hold-and-wait check and without a page of its own.
  if (Check == "suppression-without-reason")
    return (RepositoryUrl + "/blob/main/docs/usage.md#inline-suppressions")
        .str();
  return (RepositoryUrl + "/blob/main/docs/checks/" + Check + ".md").str();
}

std::string checkDescriptionMarkdown(llvm::StringRef Check) {
  return absoluteLinks(rawDescription(Check), checkDocUrl(Check));
}

std::string absoluteLinks(llvm::StringRef Markdown, llvm::StringRef PageUrl) {
  llvm::StringRef Dir = PageUrl.take_front(PageUrl.rfind('/') + 1);
  std::string Out;
  llvm::StringRef Md = Markdown;
  while (!Md.empty()) {
    size_t At = Md.find("](");
    if (At == llvm::StringRef::npos) {
      Out += Md;
      break;
    }
    Out += Md.take_front(At + 2);
    Md = Md.drop_front(At + 2);
    llvm::StringRef Target = Md.take_until([](char C) { return C == ')'; });
    if (Target.starts_with("#"))
      Out += PageUrl;
    else if (!Target.contains("://") && !Target.starts_with("mailto:"))
      Out += Dir;
  }
  return Out;
}

std::string checkDescriptionText(llvm::StringRef Check) {
  return markdownToText(rawDescription(Check));
}

std::string markdownToText(llvm::StringRef Markdown) {
  // Links first: [text](target) -> text.
  std::string NoLinks;
  llvm::StringRef Md = Markdown;
  while (!Md.empty()) {
    size_t Open = Md.find('[');
    size_t Mid = Md.find(']', Open);
    if (Mid == llvm::StringRef::npos) {
      NoLinks += Md;
      break;
    }
    size_t Close = Md.substr(Mid).starts_with("](") ? Md.find(')', Mid)
                                                    : llvm::StringRef::npos;
    if (Close == llvm::StringRef::npos) {
      // Brackets that are not a link (`[outer, ..., inner]`) stay.
      NoLinks += Md.take_front(Mid + 1);
      Md = Md.drop_front(Mid + 1);
      continue;
    }
    NoLinks += Md.take_front(Open);
    NoLinks += Md.slice(Open + 1, Mid);
    Md = Md.drop_front(Close + 1);
  }

  llvm::SmallVector<llvm::StringRef, 16> Lines;
  llvm::StringRef(NoLinks).split(Lines, '\n');
  std::string Out;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.empty())
      continue;
    if (!Out.empty())
      Out += startsListItem(Line) ? '\n' : ' ';
    for (size_t I = 0; I < Line.size(); ++I) {
      if (Line[I] == '`')
        continue;
      if (Line.substr(I).starts_with("**")) {
        ++I;
        continue;
      }
      Out += Line[I];
    }
  }
  return Out;
}

} // namespace holdwait
