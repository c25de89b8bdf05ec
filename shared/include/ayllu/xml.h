// Loading untrusted XML with line numbers and namespace resolution.
//
// pugixml does not resolve namespaces, so an element's namespace is found by walking up to the
// nearest xmlns / xmlns:prefix declaration; code matches on the URI, never on the prefix.
#pragma once

#include "ayllu/problem.h"

#include <memory>
#include <pugixml.hpp>
#include <string>
#include <vector>

namespace ayllu::xml {

class Document {
public:
    // Limits on untrusted files: larger or deeper ones are refused with a clear problem.
    static constexpr std::size_t kMaxBytes = 16u << 20; // 16 MiB
    static constexpr int kMaxDepth = 64;                // elements inside elements
    // Parses `bytes`; every problem (invalid UTF-8, syntax, a DOCTYPE, a file over kMaxBytes,
    // elements nested over kMaxDepth) goes to `problems` under `name`.
    // Returns nullptr when the document cannot be used at all.
    static std::unique_ptr<Document> parse(std::string bytes, std::string name, Problems& problems);
    // Reads and parses a file; `name` is how problems refer to it.
    static std::unique_ptr<Document> load(const std::string& path, std::string name,
                                          Problems& problems);

    const pugi::xml_document& doc() const { return doc_; }
    pugi::xml_node root() const { return doc_.document_element(); }
    const std::string& name() const { return name_; }
    int lineOf(const pugi::xml_node& node) const;
    int lineOf(const pugi::xml_attribute& attr, const pugi::xml_node& owner) const;

private:
    std::string name_;
    std::string bytes_;
    std::vector<std::size_t> lineStarts_;
    pugi::xml_document doc_;
};

// Namespace URI of an element (empty when it has none).
std::string namespaceOf(const pugi::xml_node& node);
// Name without its prefix.
std::string localName(const pugi::xml_node& node);
// The attribute whose local name is `local` and whose prefix maps to `uri`
// ("xml:lang" is found with uri = kXmlNamespace).
pugi::xml_attribute attribute(const pugi::xml_node& node, const char* uri, const char* local);
// True when node is an element in namespace `uri` named `local`.
bool is(const pugi::xml_node& node, const char* uri, const char* local);
// The element children of node in namespace uri named local.
std::vector<pugi::xml_node> children(const pugi::xml_node& node, const char* uri,
                                     const char* local);
pugi::xml_node child(const pugi::xml_node& node, const char* uri, const char* local);
// All the text inside an element, entities resolved.
std::string textOf(const pugi::xml_node& node);

inline constexpr const char* kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

} // namespace ayllu::xml
