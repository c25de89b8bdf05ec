#include "ayllu/xml.h"

#include "ayllu/i18n.h"
#include "ayllu/text.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

namespace ayllu::xml {

namespace {
// pugixml's own descriptions are English only.
std::string describe(pugi::xml_parse_status status) {
    switch (status) {
    case pugi::status_unrecognized_tag:
        return _("a tag is not written correctly");
    case pugi::status_bad_pi:
    case pugi::status_bad_comment:
    case pugi::status_bad_cdata:
    case pugi::status_bad_doctype:
        return _("a comment, CDATA section or declaration is not closed");
    case pugi::status_bad_pcdata:
        return _("the text is not written correctly");
    case pugi::status_bad_start_element:
        return _("an opening tag is not written correctly");
    case pugi::status_bad_attribute:
        return _("an attribute is not written correctly (quotes?)");
    case pugi::status_bad_end_element:
        return _("a closing tag is not written correctly");
    case pugi::status_end_element_mismatch:
        return _("a closing tag does not match the tag it closes");
    case pugi::status_append_invalid_root:
    case pugi::status_no_document_element:
        return _("the file has no root element");
    default:
        return _("the file cannot be read as XML");
    }
}
} // namespace

std::unique_ptr<Document> Document::parse(std::string bytes, std::string name, Problems& problems) {
    // Untrusted input: bounded before anything else looks at it.
    if (bytes.size() > kMaxBytes) {
        problems.error(name, 0, "xml-limits",
                       i18n::fmt(_("the file is larger than %1 MiB: no Ayllu XML file is that big"),
                                 kMaxBytes >> 20));
        return nullptr;
    }
    auto d = std::unique_ptr<Document>(new Document());
    d->name_ = std::move(name);
    d->bytes_ = std::move(bytes);
    std::string& b = d->bytes_;
    d->lineStarts_.push_back(0);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (b[i] == '\n') {
            d->lineStarts_.push_back(i + 1);
        }
    }
    std::size_t start = 0;
    if (text::startsWith(b, "\xEF\xBB\xBF")) {
        start = 3;
    }
    if (const auto bad = text::invalidUtf8At(b)) {
        problems.error(d->name_, text::lineAt(b, *bad), "invalid-utf8",
                       _("the text is not valid UTF-8; save the file as UTF-8"));
        return nullptr;
    }
    if (b.find('\0') != std::string::npos) {
        problems.error(d->name_, text::lineAt(b, b.find('\0')), "xml-syntax",
                       _("the file contains a NUL byte; it is not a text file"));
        return nullptr;
    }
    const unsigned options =
        pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
    const auto result =
        d->doc_.load_buffer(b.data() + start, b.size() - start, options, pugi::encoding_utf8);
    if (!result) {
        const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, result.offset));
        problems.error(d->name_, text::lineAt(b, start + offset), "xml-syntax",
                       i18n::fmt(_("XML syntax error: %1"), describe(result.status)));
        return nullptr;
    }
    if (!d->doc_.document_element()) {
        problems.error(d->name_, 1, "xml-syntax", _("the file has no root element"));
        return nullptr;
    }
    // A DOCTYPE can declare entities; our files never need one, so it is refused, not ignored.
    for (auto n = d->doc_.first_child(); n; n = n.next_sibling()) {
        if (n.type() == pugi::node_doctype) {
            problems.error(d->name_, d->lineOf(n), "xml-limits",
                           _("a DOCTYPE (with or without entity declarations) is not allowed "
                             "in Ayllu's files; remove it"));
            return nullptr;
        }
    }
    // Nesting, walked without recursion: deeper than any real lesson or manifest is refused
    // before any code that walks the tree sees it.
    std::vector<std::pair<pugi::xml_node, int>> stack{{d->doc_.document_element(), 1}};
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        if (depth > kMaxDepth) {
            problems.error(d->name_, d->lineOf(node), "xml-limits",
                           i18n::fmt(_("elements are nested more than %1 deep here; no Ayllu "
                                       "file needs that"),
                                     kMaxDepth));
            return nullptr;
        }
        for (auto c = node.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_element) {
                stack.emplace_back(c, depth + 1);
            }
        }
    }
    d->lineStarts_.shrink_to_fit();
    return d;
}

std::unique_ptr<Document> Document::load(const std::string& path, std::string name,
                                         Problems& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.error(name, 0, "file-unreadable", _("the file cannot be opened"));
        return nullptr;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse(std::move(bytes), std::move(name), problems);
}

int Document::lineOf(const pugi::xml_node& node) const {
    const std::ptrdiff_t off = node.offset_debug();
    if (off < 0) {
        return 0;
    }
    const std::size_t bom = text::startsWith(bytes_, "\xEF\xBB\xBF") ? 3 : 0;
    const auto pos = static_cast<std::size_t>(off) + bom;
    const auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), pos);
    return static_cast<int>(it - lineStarts_.begin());
}

int Document::lineOf(const pugi::xml_attribute&, const pugi::xml_node& owner) const {
    return lineOf(owner);
}

namespace {
std::string prefixOf(const char* qname) {
    const char* colon = std::strchr(qname, ':');
    return colon == nullptr ? std::string() : std::string(qname, colon);
}

std::string resolvePrefix(pugi::xml_node node, const std::string& prefix) {
    if (prefix == "xml") {
        return kXmlNamespace;
    }
    const std::string decl = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
    for (; node && node.type() == pugi::node_element; node = node.parent()) {
        if (const auto a = node.attribute(decl.c_str())) {
            return a.value();
        }
    }
    return {};
}
} // namespace

std::string namespaceOf(const pugi::xml_node& node) {
    return resolvePrefix(node, prefixOf(node.name()));
}

std::string localName(const pugi::xml_node& node) {
    const char* colon = std::strchr(node.name(), ':');
    return colon == nullptr ? node.name() : colon + 1;
}

pugi::xml_attribute attribute(const pugi::xml_node& node, const char* uri, const char* local) {
    for (auto a : node.attributes()) {
        const char* colon = std::strchr(a.name(), ':');
        if (colon == nullptr || std::strcmp(colon + 1, local) != 0) {
            continue;
        }
        if (resolvePrefix(node, std::string(a.name(), colon)) == uri) {
            return a;
        }
    }
    return {};
}

bool is(const pugi::xml_node& node, const char* uri, const char* local) {
    return node.type() == pugi::node_element && localName(node) == local &&
           namespaceOf(node) == uri;
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, const char* uri,
                                     const char* local) {
    std::vector<pugi::xml_node> out;
    for (auto c : node.children()) {
        if (is(c, uri, local)) {
            out.push_back(c);
        }
    }
    return out;
}

pugi::xml_node child(const pugi::xml_node& node, const char* uri, const char* local) {
    for (auto c : node.children()) {
        if (is(c, uri, local)) {
            return c;
        }
    }
    return {};
}

std::string textOf(const pugi::xml_node& node) {
    // Depth first, in document order, without recursion (a hostile file cannot use the stack).
    std::string out;
    std::vector<pugi::xml_node> stack;
    for (auto n = node.last_child(); n; n = n.previous_sibling()) {
        stack.push_back(n);
    }
    while (!stack.empty()) {
        const auto n = stack.back();
        stack.pop_back();
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
            out += n.value();
        } else if (n.type() == pugi::node_element) {
            for (auto c = n.last_child(); c; c = c.previous_sibling()) {
                stack.push_back(c);
            }
        }
    }
    return out;
}

} // namespace ayllu::xml
