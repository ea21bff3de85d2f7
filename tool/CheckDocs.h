//===- CheckDocs.h - what the review formats say about each check -*- C++
//-*-===//
//
// SARIF rules, rdjson codes and the Markdown report link every check to its
// page, docs/checks/<name>.md, and SARIF also carries the page's description
// (built in from the page, see GenerateCheckDocs.cmake).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_CHECKDOCS_H
#define HOLDWAIT_TOOL_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace holdwait {

/// Where holdwait's sources are published. Review tools show links into it
/// (rule help, check codes), so it must be a public web address rather than
/// a path on the machine that ran the analysis; change it here if the
/// repository moves.
inline constexpr llvm::StringLiteral RepositoryUrl =
    "https://github.com/holdwait/holdwait";

/// The web page of docs/checks/<Check>.md in the repository.
std::string checkDocUrl(llvm::StringRef Check);

/// The check's description in Markdown: the "What it finds" paragraph of its
/// page, with relative links made absolute. Empty for a check with no page.
std::string checkDescriptionMarkdown(llvm::StringRef Check);

/// Markdown of the page at PageUrl with its relative links (`x.md`,
/// `../y.md#z`, `#anchor`) made absolute: shown by a review tool, they would
/// lead nowhere.
std::string absoluteLinks(llvm::StringRef Markdown, llvm::StringRef PageUrl);

/// The same description as plain text, for viewers that show no Markdown.
std::string checkDescriptionText(llvm::StringRef Check);

/// Markdown reduced to plain text: emphasis, code spans and link targets
/// dropped, paragraph lines joined, list items kept on lines of their own.
std::string markdownToText(llvm::StringRef Markdown);

} // namespace holdwait

#endif
