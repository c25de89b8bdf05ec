#include "ayllu/course/write.h"

#include "ayllu/i18n.h"
#include "ayllu/problem.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

namespace ayllu::course {
namespace {

using pugi::xml_node;

std::string number(double v) {
    return i18n::toArg(v);
}

// Adds <t xml:lang="..">text</t> children under `n`; `t` is the element name with its prefix.
void addTexts(xml_node n, const LText& t, const char* tName = "t") {
    for (const auto& [lang, value] : t.byLang) {
        auto e = n.append_child(tName);
        e.append_attribute("xml:lang") = lang.c_str();
        e.text() = value.c_str();
    }
}

void addLText(xml_node parent, const char* name, const LText& t, const char* tName = "t") {
    if (t.empty()) {
        return;
    }
    addTexts(parent.append_child(name), t, tName);
}

std::string save(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default | pugi::format_no_empty_element_tags,
             pugi::encoding_utf8);
    return out.str();
}

xml_node newRoot(pugi::xml_document& doc, const char* name) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child(name);
    root.append_attribute("xmlns") = kNamespace;
    return root;
}

void writeBlock(xml_node page, const Block& b) {
    switch (b.kind) {
    case BlockKind::Heading:
        addTexts(page.append_child("heading"), b.text);
        break;
    case BlockKind::Paragraph:
        addTexts(page.append_child("paragraph"), b.text);
        break;
    case BlockKind::Box: {
        auto n = page.append_child("box");
        n.append_attribute("kind") = b.box == BoxKind::Warning ? "warning" : "tip";
        addTexts(n, b.text);
        break;
    }
    case BlockKind::List: {
        auto n = page.append_child("list");
        n.append_attribute("ordered") = b.ordered ? "true" : "false";
        for (const auto& item : b.items) {
            addTexts(n.append_child("item"), item);
        }
        break;
    }
    case BlockKind::Image:
    case BlockKind::Audio: {
        auto n = page.append_child(b.kind == BlockKind::Image ? "image" : "audio");
        n.append_attribute("src") = b.src.c_str();
        addLText(n, "alt", b.alt);
        addLText(n, "caption", b.caption);
        break;
    }
    case BlockKind::Term: {
        auto n = page.append_child("term");
        addLText(n, "word", b.text);
        addLText(n, "definition", b.definition);
        break;
    }
    }
}

void writeAccepts(xml_node n, const std::vector<Accept>& accepts) {
    for (const auto& a : accepts) {
        auto e = n.append_child("accept");
        if (a.weight != 100) {
            e.append_attribute("weight") = number(a.weight).c_str();
        }
        if (!a.lang.empty()) {
            e.append_attribute("xml:lang") = a.lang.c_str();
        }
        e.text() = a.text.c_str();
    }
}

void writeQuestion(xml_node quiz, const Question& q) {
    auto n = quiz.append_child("question");
    n.append_attribute("id") = q.id.c_str();
    n.append_attribute("type") = toString(q.type);
    if (q.points != 1) {
        n.append_attribute("points") = number(q.points).c_str();
    }
    if (q.timeLimit != 0) {
        n.append_attribute("timeLimit") = q.timeLimit;
    }
    if (!q.category.empty()) {
        n.append_attribute("category") = q.category.c_str();
    }
    if (q.type == QuestionType::TrueFalse) {
        n.append_attribute("answer") = q.answer ? "true" : "false";
    }
    if (q.type == QuestionType::Short || q.type == QuestionType::Fill) {
        if (q.caseSensitive) {
            n.append_attribute("caseSensitive") = "true";
        }
        if (q.accentSensitive) {
            n.append_attribute("accentSensitive") = "true";
        }
    }
    addTexts(n.append_child("prompt"), q.prompt);
    const auto writeChoices = [&](const char* name, const std::vector<Choice>& choices,
                                  bool weighted) {
        for (const auto& c : choices) {
            auto e = n.append_child(name);
            e.append_attribute("id") = c.id.c_str();
            if (weighted && c.weight == 100) {
                e.append_attribute("correct") = "true";
            } else if (weighted && c.weight != 0) {
                e.append_attribute("weight") = number(c.weight).c_str();
            }
            addTexts(e, c.text);
            addLText(e, "feedback", c.feedback);
        }
    };
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple:
        writeChoices("choice", q.choices, true);
        break;
    case QuestionType::TrueFalse:
        break;
    case QuestionType::Short:
        writeAccepts(n, q.accepts);
        break;
    case QuestionType::Numeric:
        for (const auto& a : q.numeric) {
            auto e = n.append_child("numeric");
            if (a.isRange) {
                e.append_attribute("min") = number(a.min).c_str();
                e.append_attribute("max") = number(a.max).c_str();
            } else {
                e.append_attribute("value") = number(a.value).c_str();
                if (a.tolerance != 0) {
                    e.append_attribute("tolerance") = number(a.tolerance).c_str();
                }
            }
            if (a.weight != 100) {
                e.append_attribute("weight") = number(a.weight).c_str();
            }
        }
        break;
    case QuestionType::Matching:
        for (const auto& p : q.pairs) {
            auto e = n.append_child("pair");
            e.append_attribute("id") = p.id.c_str();
            addTexts(e.append_child("left"), p.left);
            addTexts(e.append_child("right"), p.right);
        }
        for (const auto& d : q.distractors) {
            addTexts(n.append_child("distractor"), d);
        }
        break;
    case QuestionType::Ordering:
        writeChoices("item", q.sequence, false);
        break;
    case QuestionType::Fill:
        for (const auto& b : q.blanks) {
            auto e = n.append_child("blank");
            e.append_attribute("id") = b.id.c_str();
            writeAccepts(e, b.accepts);
        }
        break;
    }
    const auto feedback = [&](const LText& t, const char* when) {
        if (!t.empty()) {
            auto e = n.append_child("feedback");
            e.append_attribute("when") = when;
            addTexts(e, t);
        }
    };
    feedback(q.feedbackCorrect, "correct");
    feedback(q.feedbackIncorrect, "incorrect");
    feedback(q.feedbackGeneral, "always");
}

void writeItem(xml_node parent, const Item& item) {
    auto n = parent.append_child("item");
    n.append_attribute("identifier") = item.id.c_str();
    if (!item.ref.empty()) {
        n.append_attribute("identifierref") = item.ref.c_str();
    }
    n.append_child("title").text() = item.title.c_str();
    addLText(n, "ay:title", item.titles, "ay:t");
    for (const auto& c : item.children) {
        writeItem(n, c);
    }
}

} // namespace

std::string writeLesson(const Lesson& l) {
    pugi::xml_document doc;
    auto root = newRoot(doc, "lesson");
    root.append_attribute("id") = l.id.c_str();
    addLText(root, "title", l.title);
    for (const auto& p : l.pages) {
        auto page = root.append_child("page");
        page.append_attribute("id") = p.id.c_str();
        addLText(page, "title", p.title);
        for (const auto& [lang, src] : p.narrations) {
            auto n = page.append_child("narration");
            n.append_attribute("xml:lang") = lang.c_str();
            n.append_attribute("src") = src.c_str();
        }
        for (const auto& b : p.blocks) {
            writeBlock(page, b);
        }
    }
    return save(doc);
}

std::string writeQuiz(const Quiz& q) {
    pugi::xml_document doc;
    auto root = newRoot(doc, "quiz");
    root.append_attribute("id") = q.id.c_str();
    root.append_attribute("mode") = toString(q.mode);
    root.append_attribute("shuffle") = q.shuffle ? "true" : "false";
    root.append_attribute("attempts") = q.attempts;
    root.append_attribute("passPercent") = number(q.passPercent).c_str();
    if (q.timeLimit != 0) {
        root.append_attribute("timeLimit") = q.timeLimit;
    }
    root.append_attribute("feedback") = toString(q.feedback);
    addLText(root, "title", q.title);
    addLText(root, "description", q.description);
    for (const auto& question : q.questions) {
        writeQuestion(root, question);
    }
    return save(doc);
}

std::string writeDrill(const Drill& d) {
    pugi::xml_document doc;
    auto root = newRoot(doc, "drill");
    root.append_attribute("id") = d.id.c_str();
    root.append_attribute("kind") = toString(d.kind);
    addLText(root, "title", d.title);
    addLText(root, "instructions", d.instructions);
    for (const auto& [name, value] : d.params) {
        auto p = root.append_child("param");
        p.append_attribute("name") = name.c_str();
        p.append_attribute("value") = value.c_str();
    }
    addLText(root, "text", d.text);
    auto s = root.append_child("success");
    if (d.minAccuracy != 0) {
        s.append_attribute("accuracy") = number(d.minAccuracy).c_str();
    }
    if (d.maxSeconds != 0) {
        s.append_attribute("seconds") = d.maxSeconds;
    }
    if (d.minWpm != 0) {
        s.append_attribute("wpm") = number(d.minWpm).c_str();
    }
    return save(doc);
}

std::string writeManifest(const Manifest& m) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto root = doc.append_child("manifest");
    root.append_attribute("xmlns") = kImsCpNamespace;
    root.append_attribute("xmlns:ay") = kNamespace;
    root.append_attribute("identifier") = m.identifier.c_str();
    if (!m.version.empty()) {
        root.append_attribute("version") = m.version.c_str();
    }
    auto md = root.append_child("metadata");
    md.append_child("schema").text() = "IMS Content";
    md.append_child("schemaversion").text() = "1.1.4";
    auto course = md.append_child("ay:course");
    addLText(course, "ay:title", m.meta.title, "ay:t");
    addLText(course, "ay:description", m.meta.description, "ay:t");
    for (const auto& l : m.meta.languages) {
        auto e = course.append_child("ay:language");
        e.append_attribute("code") = l.code.c_str();
        if (l.needsReview) {
            e.append_attribute("review") = "needed";
        }
        if (l.partial) {
            e.append_attribute("coverage") = "partial";
        }
        if (!l.note.empty()) {
            e.text() = l.note.c_str();
        }
    }
    for (const auto& a : m.meta.authors) {
        course.append_child("ay:author").text() = a.c_str();
    }
    if (!m.meta.licence.empty()) {
        course.append_child("ay:licence").text() = m.meta.licence.c_str();
    }
    auto orgs = root.append_child("organizations");
    if (!m.defaultOrganization.empty()) {
        orgs.append_attribute("default") = m.defaultOrganization.c_str();
    }
    for (const auto& o : m.organizations) {
        auto e = orgs.append_child("organization");
        e.append_attribute("identifier") = o.id.c_str();
        e.append_child("title").text() = o.title.c_str();
        addLText(e, "ay:title", o.titles, "ay:t");
        for (const auto& item : o.items) {
            writeItem(e, item);
        }
    }
    auto res = root.append_child("resources");
    for (const auto& r : m.resources) {
        auto e = res.append_child("resource");
        e.append_attribute("identifier") = r.id.c_str();
        e.append_attribute("type") = toString(r.type);
        if (!r.href.empty()) {
            e.append_attribute("href") = r.href.c_str();
        }
        for (const auto& f : r.files) {
            e.append_child("file").append_attribute("href") = f.c_str();
        }
        for (const auto& d : r.dependencies) {
            e.append_child("dependency").append_attribute("identifierref") = d.c_str();
        }
    }
    return save(doc);
}

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) {
        fs::create_directories(target.parent_path(), ec);
    }
    const fs::path tmp = target.string() + ".tmp-ayllu";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            out.close();
            fs::remove(tmp, ec);
            throw Error(i18n::fmt(_("cannot write %1 (is the disk full or read-only?)"), path));
        }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error(i18n::fmt(_("cannot write %1: %2"), path, ec.message()));
    }
}

void savePackage(const Package& pkg, const std::string& dir) {
    namespace fs = std::filesystem;
    const fs::path root(dir);
    for (const auto& r : pkg.manifest.resources) {
        const fs::path target = root / r.href;
        if (auto it = pkg.lessons.find(r.id); it != pkg.lessons.end()) {
            writeFileAtomically(target.string(), writeLesson(it->second));
        } else if (auto q = pkg.quizzes.find(r.id); q != pkg.quizzes.end()) {
            writeFileAtomically(target.string(), writeQuiz(q->second));
        } else if (auto d = pkg.drills.find(r.id); d != pkg.drills.end()) {
            writeFileAtomically(target.string(), writeDrill(d->second));
        }
    }
    // The manifest last: a package whose manifest exists refers only to files already written.
    writeFileAtomically((root / kManifestFile).string(), writeManifest(pkg.manifest));
}

} // namespace ayllu::course
