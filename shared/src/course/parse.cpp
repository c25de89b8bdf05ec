#include "ayllu/course/parse.h"

#include "ayllu/i18n.h"
#include "ayllu/text.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <set>

namespace ayllu::course {
namespace {

using i18n::fmt;
using pugi::xml_node;

const char* const kImsNamespaces[] = {
    "http://www.imsglobal.org/xsd/imscp_v1p1",
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "http://www.imsglobal.org/xsd/imscp_v1p1p3",
};

bool isImsNamespace(const std::string& uri) {
    for (const char* ns : kImsNamespaces) {
        if (uri == ns) {
            return true;
        }
    }
    return false;
}

// Reads elements of one document, reporting problems with its name and the node's line.
class Reader {
public:
    Reader(const xml::Document& doc, Problems& problems) : doc_(doc), problems_(problems) {}

    int line(const xml_node& n) const { return doc_.lineOf(n); }

    void error(const xml_node& n, const char* code, const std::string& message) {
        problems_.error(doc_.name(), line(n), code, message);
    }
    void warning(const xml_node& n, const char* code, const std::string& message) {
        problems_.warning(doc_.name(), line(n), code, message);
    }

    bool isOurs(const xml_node& n) const { return xml::namespaceOf(n) == kNamespace; }

    // Reports element children of `n` in `ns` that are not in `allowed`, and stray text.
    void onlyChildren(const xml_node& n, const char* ns, std::initializer_list<const char*> allowed,
                      bool foreignAllowed = false, bool textAllowed = false) {
        for (auto c : n.children()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                if (!textAllowed && !text::trim(c.value()).empty()) {
                    error(n, "unexpected-text",
                          fmt(_("unexpected text inside <%1>; put it in a <t xml:lang=\"es\"> "
                                "element"),
                              n.name()));
                }
                continue;
            }
            if (c.type() != pugi::node_element) {
                continue;
            }
            const std::string uri = xml::namespaceOf(c);
            if (uri != ns) {
                if (!foreignAllowed) {
                    error(c, "unknown-element",
                          fmt(_("unknown element <%1> (namespace \"%2\") inside <%3>"), c.name(),
                              uri, n.name()));
                }
                continue;
            }
            const std::string local = xml::localName(c);
            bool ok = false;
            for (const char* a : allowed) {
                ok = ok || local == a;
            }
            if (!ok) {
                error(c, "unknown-element",
                      fmt(_("unknown element <%1> inside <%2>"), c.name(), n.name()));
            }
        }
    }

    // Reports attributes of `n` (without a namespace prefix) that are not in `allowed`.
    void onlyAttributes(const xml_node& n, std::initializer_list<const char*> allowed) {
        for (auto a : n.attributes()) {
            const std::string name = a.name();
            if (name.find(':') != std::string::npos || name == "xmlns") {
                continue;
            }
            bool ok = false;
            for (const char* x : allowed) {
                ok = ok || name == x;
            }
            if (!ok) {
                error(n, "unknown-attribute",
                      fmt(_("unknown attribute \"%1\" on <%2>"), name, n.name()));
            }
        }
    }

    // A multilingual text: the <t xml:lang="..."> children of `n`.
    LText ltext(const xml_node& n) {
        LText out;
        out.line = line(n);
        if (!n) {
            return out;
        }
        for (auto t : xml::children(n, kNamespace, "t")) {
            const auto lang = xml::attribute(t, xml::kXmlNamespace, "lang");
            if (!lang || !text::isLanguageTag(lang.value())) {
                error(t, "bad-language",
                      lang ? fmt(_("\"%1\" is not a language code such as es, qu or ay"),
                                 lang.value())
                           : std::string(_("<t> needs an xml:lang attribute (es, qu, ay, en)")));
                continue;
            }
            std::string value = text::collapseSpace(xml::textOf(t));
            if (value.empty()) {
                error(t, "empty-text", fmt(_("the %1 text is empty"), lang.value()));
                continue;
            }
            if (out.has(lang.value())) {
                error(t, "duplicate-language",
                      fmt(_("two texts in language \"%1\" in <%2>"), lang.value(), n.name()));
                continue;
            }
            out.set(lang.value(), std::move(value));
        }
        return out;
    }

    // `digits`: a plain number is accepted too (blanks are {{1}}, {{2}}, ...).
    std::string requiredId(const xml_node& n, const char* attr = "id", bool digits = false) {
        const auto a = n.attribute(attr);
        if (!a) {
            error(n, "missing-attribute",
                  fmt(_("<%1> needs the attribute \"%2\""), n.name(), attr));
            return {};
        }
        const std::string v = a.value();
        const bool number =
            digits && !v.empty() && v.size() < 10 &&
            std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!number && !text::isIdentifier(v)) {
            error(n, "bad-identifier",
                  fmt(_("\"%1\" is not a valid identifier (letters, digits, _ - . ; starting "
                        "with a letter)"),
                      a.value()));
        }
        return a.value();
    }

    double number(const xml_node& n, const char* attr, double fallback, double lo, double hi) {
        const auto a = n.attribute(attr);
        if (!a) {
            return fallback;
        }
        const char* s = a.value();
        char* end = nullptr;
        errno = 0;
        const double v = std::strtod(s, &end);
        if (end == s || *end != '\0' || errno != 0 || !std::isfinite(v) || v < lo || v > hi) {
            error(n, "bad-number",
                  fmt(_("attribute \"%1\" must be a number from %2 to %3, not \"%4\""), attr, lo,
                      hi, s));
            return fallback;
        }
        return v;
    }

    int integer(const xml_node& n, const char* attr, int fallback, int lo, int hi) {
        const auto a = n.attribute(attr);
        if (!a) {
            return fallback;
        }
        const char* s = a.value();
        char* end = nullptr;
        errno = 0;
        const long v = std::strtol(s, &end, 10);
        if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi) {
            error(n, "bad-number",
                  fmt(_("attribute \"%1\" must be a whole number from %2 to %3, not \"%4\""), attr,
                      lo, hi, s));
            return fallback;
        }
        return static_cast<int>(v);
    }

    bool boolean(const xml_node& n, const char* attr, bool fallback) {
        const auto a = n.attribute(attr);
        if (!a) {
            return fallback;
        }
        const std::string v = a.value();
        if (v == "true") {
            return true;
        }
        if (v == "false") {
            return false;
        }
        error(n, "bad-boolean",
              fmt(_("attribute \"%1\" must be true or false, not \"%2\""), attr, v));
        return fallback;
    }

    template <typename E>
    E enumeration(const xml_node& n, const char* attr, E fallback, bool required = false) {
        const auto a = n.attribute(attr);
        if (!a) {
            if (required) {
                error(n, "missing-attribute",
                      fmt(_("<%1> needs the attribute \"%2\""), n.name(), attr));
            }
            return fallback;
        }
        E v;
        if (!fromString(a.value(), v)) {
            error(n, "bad-value",
                  fmt(_("\"%1\" is not a valid value for \"%2\""), a.value(), attr));
            return fallback;
        }
        return v;
    }

    // The root element must be <name> in our namespace.
    bool checkRoot(const char* name) {
        const auto root = doc_.root();
        const std::string uri = xml::namespaceOf(root);
        if (xml::localName(root) != name) {
            error(root, "wrong-root",
                  fmt(_("expected a <%1> document, found <%2>"), name, root.name()));
            return false;
        }
        if (uri != kNamespace) {
            if (text::startsWith(uri, "urn:ayllu:content:")) {
                error(root, "unsupported-version",
                      fmt(_("this file uses format \"%1\"; this version of Ayllu reads \"%2\""),
                          uri, kNamespace));
            } else {
                error(root, "wrong-namespace",
                      fmt(_("<%1> must be in the namespace \"%2\""), name, kNamespace));
            }
            return false;
        }
        return true;
    }

    const xml::Document& doc() const { return doc_; }

private:
    const xml::Document& doc_;
    Problems& problems_;
};

// ---- lessons ---------------------------------------------------------------------------------

Block readBlock(Reader& r, const xml_node& n) {
    Block b;
    b.line = r.line(n);
    const std::string name = xml::localName(n);
    const auto ltextChild = [&](const char* child) {
        return r.ltext(xml::child(n, kNamespace, child));
    };
    if (name == "heading" || name == "paragraph") {
        b.kind = name == "heading" ? BlockKind::Heading : BlockKind::Paragraph;
        r.onlyAttributes(n, {});
        r.onlyChildren(n, kNamespace, {"t"});
        b.text = r.ltext(n);
    } else if (name == "box") {
        b.kind = BlockKind::Box;
        r.onlyAttributes(n, {"kind"});
        r.onlyChildren(n, kNamespace, {"t"});
        const std::string kind = n.attribute("kind").as_string("tip");
        if (kind == "warning") {
            b.box = BoxKind::Warning;
        } else if (kind != "tip") {
            r.error(n, "bad-value", fmt(_("a box is \"tip\" or \"warning\", not \"%1\""), kind));
        }
        b.text = r.ltext(n);
    } else if (name == "list") {
        b.kind = BlockKind::List;
        r.onlyAttributes(n, {"ordered"});
        r.onlyChildren(n, kNamespace, {"item"});
        b.ordered = r.boolean(n, "ordered", false);
        for (auto item : xml::children(n, kNamespace, "item")) {
            r.onlyChildren(item, kNamespace, {"t"});
            b.items.push_back(r.ltext(item));
        }
        if (b.items.empty()) {
            r.error(n, "empty-list", _("a list needs at least one <item>"));
        }
    } else if (name == "image" || name == "audio") {
        b.kind = name == "image" ? BlockKind::Image : BlockKind::Audio;
        r.onlyAttributes(n, {"src"});
        r.onlyChildren(n, kNamespace, {"alt", "caption"});
        b.src = n.attribute("src").as_string();
        if (b.src.empty()) {
            r.error(n, "missing-attribute", fmt(_("<%1> needs the attribute \"%2\""), name, "src"));
        }
        if (b.kind == BlockKind::Image) {
            b.alt = ltextChild("alt");
        } else if (xml::child(n, kNamespace, "alt")) {
            r.error(n, "unknown-element", _("<alt> belongs to images; give audio a <caption>"));
        }
        b.caption = ltextChild("caption");
    } else if (name == "term") {
        b.kind = BlockKind::Term;
        r.onlyAttributes(n, {});
        r.onlyChildren(n, kNamespace, {"word", "definition"});
        b.text = ltextChild("word");
        b.definition = ltextChild("definition");
        if (!xml::child(n, kNamespace, "word") || !xml::child(n, kNamespace, "definition")) {
            r.error(n, "missing-element", _("a key term needs a <word> and a <definition>"));
        }
    }
    return b;
}

// <narration xml:lang="qu" src="media/p1-qu.ogg"/>: a recording of the page, one per language.
void readNarrations(Reader& r, const xml_node& p, Page& page) {
    for (auto n : xml::children(p, kNamespace, "narration")) {
        r.onlyAttributes(n, {"src"});
        r.onlyChildren(n, kNamespace, {});
        const auto lang = xml::attribute(n, xml::kXmlNamespace, "lang");
        if (!lang || !text::isLanguageTag(lang.value())) {
            r.error(n, "bad-language",
                    lang
                        ? fmt(_("\"%1\" is not a language code such as es, qu or ay"), lang.value())
                        : std::string(_("<narration> needs an xml:lang attribute: the language "
                                        "spoken in the recording")));
            continue;
        }
        const std::string src = n.attribute("src").as_string();
        if (src.empty()) {
            r.error(n, "missing-attribute",
                    fmt(_("<%1> needs the attribute \"%2\""), n.name(), "src"));
            continue;
        }
        const std::string code = lang.value();
        if (const auto seen = page.narrationLines.find(code); seen != page.narrationLines.end()) {
            r.error(n, "duplicate-narration",
                    fmt(_("page \"%1\" already has a narration in \"%2\" (line %3); keep one "
                          "recording per language"),
                        page.id, code, seen->second));
            continue;
        }
        page.narrations[code] = src;
        page.narrationLines[code] = r.line(n);
    }
}

} // namespace

Lesson parseLesson(const xml::Document& doc, Problems& problems) {
    Reader r(doc, problems);
    Lesson lesson;
    const auto root = doc.root();
    lesson.line = r.line(root);
    if (!r.checkRoot("lesson")) {
        return lesson;
    }
    r.onlyAttributes(root, {"id"});
    r.onlyChildren(root, kNamespace, {"title", "page"});
    lesson.id = r.requiredId(root);
    lesson.title = r.ltext(xml::child(root, kNamespace, "title"));
    for (auto p : xml::children(root, kNamespace, "page")) {
        Page page;
        page.line = r.line(p);
        r.onlyAttributes(p, {"id"});
        r.onlyChildren(p, kNamespace,
                       {"title", "narration", "heading", "paragraph", "list", "image", "audio",
                        "box", "term"});
        page.id = r.requiredId(p);
        page.title = r.ltext(xml::child(p, kNamespace, "title"));
        readNarrations(r, p, page);
        for (auto c : p.children()) {
            if (c.type() != pugi::node_element || !r.isOurs(c) || xml::localName(c) == "title") {
                continue;
            }
            const std::string name = xml::localName(c);
            if (name == "heading" || name == "paragraph" || name == "list" || name == "image" ||
                name == "audio" || name == "box" || name == "term") {
                page.blocks.push_back(readBlock(r, c));
            }
        }
        if (page.blocks.empty()) {
            r.error(p, "empty-page", _("a page needs at least one block"));
        }
        lesson.pages.push_back(std::move(page));
    }
    if (lesson.pages.empty()) {
        r.error(root, "empty-lesson", _("a lesson needs at least one <page>"));
    }
    return lesson;
}

// ---- quizzes -----------------------------------------------------------------------------------

namespace {

std::vector<Accept> readAccepts(Reader& r, const xml_node& n) {
    std::vector<Accept> out;
    for (auto a : xml::children(n, kNamespace, "accept")) {
        Accept acc;
        acc.line = r.line(a);
        r.onlyAttributes(a, {"weight"});
        r.onlyChildren(a, kNamespace, {}, false, true);
        acc.text = text::collapseSpace(xml::textOf(a));
        acc.weight = r.number(a, "weight", 100, -100, 100);
        if (const auto lang = xml::attribute(a, xml::kXmlNamespace, "lang")) {
            acc.lang = lang.value();
        }
        if (acc.text.empty()) {
            r.error(a, "empty-text", _("an accepted answer is empty"));
        }
        out.push_back(std::move(acc));
    }
    return out;
}

Question readQuestion(Reader& r, const xml_node& n) {
    Question q;
    q.line = r.line(n);
    r.onlyAttributes(n, {"id", "type", "points", "timeLimit", "category", "answer", "caseSensitive",
                         "accentSensitive"});
    q.id = r.requiredId(n);
    q.type = r.enumeration(n, "type", QuestionType::Single, true);
    q.points = r.number(n, "points", 1, 0, 1000);
    q.timeLimit = r.integer(n, "timeLimit", 0, 0, 24 * 3600);
    q.category = n.attribute("category").as_string();
    q.prompt = r.ltext(xml::child(n, kNamespace, "prompt"));
    if (!xml::child(n, kNamespace, "prompt")) {
        r.error(n, "missing-element", fmt(_("question \"%1\" needs a <prompt>"), q.id));
    }
    for (auto f : xml::children(n, kNamespace, "feedback")) {
        r.onlyAttributes(f, {"when"});
        r.onlyChildren(f, kNamespace, {"t"});
        const std::string when = f.attribute("when").as_string("always");
        LText* target = when == "correct"     ? &q.feedbackCorrect
                        : when == "incorrect" ? &q.feedbackIncorrect
                        : when == "always"    ? &q.feedbackGeneral
                                              : nullptr;
        if (target == nullptr) {
            r.error(f, "bad-value",
                    fmt(_("feedback is shown \"correct\", \"incorrect\" or \"always\", not \"%1\""),
                        when));
            continue;
        }
        *target = r.ltext(f);
    }

    std::initializer_list<const char*> common = {"prompt", "feedback"};
    std::vector<const char*> allowed(common);
    const auto readChoices = [&](const char* element, std::vector<Choice>& out, bool weighted) {
        for (auto c : xml::children(n, kNamespace, element)) {
            Choice ch;
            ch.line = r.line(c);
            r.onlyAttributes(c, weighted
                                    ? std::initializer_list<const char*>{"id", "weight", "correct"}
                                    : std::initializer_list<const char*>{"id"});
            r.onlyChildren(c, kNamespace, {"t", "feedback"});
            ch.id = r.requiredId(c);
            ch.text = r.ltext(c);
            if (weighted) {
                const bool correct = r.boolean(c, "correct", false);
                ch.weight = r.number(c, "weight", correct ? 100 : 0, -100, 100);
            }
            ch.feedback = r.ltext(xml::child(c, kNamespace, "feedback"));
            out.push_back(std::move(ch));
        }
    };

    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple:
        allowed.push_back("choice");
        readChoices("choice", q.choices, true);
        break;
    case QuestionType::TrueFalse: {
        const std::string a = n.attribute("answer").as_string();
        if (a != "true" && a != "false") {
            r.error(n, "no-correct-answer",
                    fmt(_("true/false question \"%1\" needs answer=\"true\" or answer=\"false\""),
                        q.id));
        }
        q.answer = a != "false";
        break;
    }
    case QuestionType::Short:
        allowed.push_back("accept");
        q.accepts = readAccepts(r, n);
        break;
    case QuestionType::Numeric:
        allowed.push_back("numeric");
        for (auto a : xml::children(n, kNamespace, "numeric")) {
            NumericAnswer na;
            na.line = r.line(a);
            r.onlyAttributes(a, {"value", "tolerance", "min", "max", "weight"});
            r.onlyChildren(a, kNamespace, {});
            na.isRange = a.attribute("min") || a.attribute("max");
            if (na.isRange) {
                na.min = r.number(a, "min", 0, -1e15, 1e15);
                na.max = r.number(a, "max", 0, -1e15, 1e15);
                if (!a.attribute("min") || !a.attribute("max") || a.attribute("value")) {
                    r.error(a, "bad-numeric",
                            _("a numeric answer is either value (with tolerance) or min and max"));
                } else if (na.min > na.max) {
                    r.error(a, "bad-numeric", _("min is larger than max"));
                }
            } else {
                if (!a.attribute("value")) {
                    r.error(a, "missing-attribute",
                            fmt(_("<%1> needs the attribute \"%2\""), "numeric", "value"));
                }
                na.value = r.number(a, "value", 0, -1e15, 1e15);
                na.tolerance = r.number(a, "tolerance", 0, 0, 1e15);
            }
            na.weight = r.number(a, "weight", 100, -100, 100);
            q.numeric.push_back(na);
        }
        break;
    case QuestionType::Matching:
        allowed.push_back("pair");
        allowed.push_back("distractor");
        for (auto p : xml::children(n, kNamespace, "pair")) {
            MatchPair mp;
            mp.line = r.line(p);
            r.onlyAttributes(p, {"id"});
            r.onlyChildren(p, kNamespace, {"left", "right"});
            mp.id = r.requiredId(p);
            mp.left = r.ltext(xml::child(p, kNamespace, "left"));
            mp.right = r.ltext(xml::child(p, kNamespace, "right"));
            if (!xml::child(p, kNamespace, "left") || !xml::child(p, kNamespace, "right")) {
                r.error(p, "missing-element", _("a pair needs a <left> and a <right>"));
            }
            q.pairs.push_back(std::move(mp));
        }
        for (auto d : xml::children(n, kNamespace, "distractor")) {
            r.onlyChildren(d, kNamespace, {"t"});
            q.distractors.push_back(r.ltext(d));
        }
        break;
    case QuestionType::Ordering:
        allowed.push_back("item");
        readChoices("item", q.sequence, false);
        break;
    case QuestionType::Fill:
        allowed.push_back("blank");
        for (auto b : xml::children(n, kNamespace, "blank")) {
            Blank blank;
            blank.line = r.line(b);
            r.onlyAttributes(b, {"id"});
            r.onlyChildren(b, kNamespace, {"accept"});
            blank.id = r.requiredId(b, "id", true);
            blank.accepts = readAccepts(r, b);
            q.blanks.push_back(std::move(blank));
        }
        break;
    }
    if (q.type == QuestionType::Short || q.type == QuestionType::Fill) {
        q.caseSensitive = r.boolean(n, "caseSensitive", false);
        q.accentSensitive = r.boolean(n, "accentSensitive", false);
    }
    // Unknown children, for this type.
    for (auto c : n.children()) {
        if (c.type() != pugi::node_element) {
            continue;
        }
        const std::string local = xml::localName(c);
        bool ok = r.isOurs(c);
        bool known = false;
        for (const char* a : allowed) {
            known = known || local == a;
        }
        if (!ok || !known) {
            r.error(c, "unknown-element",
                    fmt(_("<%1> does not belong in a question of type \"%2\""), c.name(),
                        toString(q.type)));
        }
    }
    return q;
}

} // namespace

Quiz parseQuiz(const xml::Document& doc, Problems& problems) {
    Reader r(doc, problems);
    Quiz quiz;
    const auto root = doc.root();
    quiz.line = r.line(root);
    if (!r.checkRoot("quiz")) {
        return quiz;
    }
    r.onlyAttributes(root,
                     {"id", "mode", "shuffle", "attempts", "passPercent", "timeLimit", "feedback"});
    r.onlyChildren(root, kNamespace, {"title", "description", "question"});
    quiz.id = r.requiredId(root);
    quiz.mode = r.enumeration(root, "mode", QuizMode::Both);
    quiz.shuffle = r.boolean(root, "shuffle", false);
    quiz.attempts = r.integer(root, "attempts", 1, 0, 1000);
    quiz.passPercent = r.number(root, "passPercent", 60, 0, 100);
    quiz.timeLimit = r.integer(root, "timeLimit", 0, 0, 24 * 3600);
    quiz.feedback = r.enumeration(root, "feedback", FeedbackPolicy::AtEnd);
    quiz.title = r.ltext(xml::child(root, kNamespace, "title"));
    quiz.description = r.ltext(xml::child(root, kNamespace, "description"));
    for (auto q : xml::children(root, kNamespace, "question")) {
        quiz.questions.push_back(readQuestion(r, q));
    }
    if (quiz.questions.empty()) {
        r.error(root, "empty-quiz", _("a quiz needs at least one <question>"));
    }
    return quiz;
}

// ---- drills ------------------------------------------------------------------------------------

Drill parseDrill(const xml::Document& doc, Problems& problems) {
    Reader r(doc, problems);
    Drill d;
    const auto root = doc.root();
    d.line = r.line(root);
    if (!r.checkRoot("drill")) {
        return d;
    }
    r.onlyAttributes(root, {"id", "kind"});
    r.onlyChildren(root, kNamespace, {"title", "instructions", "param", "text", "success"});
    d.id = r.requiredId(root);
    d.kind = r.enumeration(root, "kind", DrillKind::Click, true);
    d.title = r.ltext(xml::child(root, kNamespace, "title"));
    d.instructions = r.ltext(xml::child(root, kNamespace, "instructions"));
    if (const auto t = xml::child(root, kNamespace, "text")) {
        r.onlyChildren(t, kNamespace, {"t"});
        d.text = r.ltext(t);
    }
    for (auto p : xml::children(root, kNamespace, "param")) {
        r.onlyAttributes(p, {"name", "value"});
        const std::string name = p.attribute("name").as_string();
        if (name.empty() || !p.attribute("value")) {
            r.error(p, "missing-attribute", _("a <param> needs a name and a value"));
            continue;
        }
        if (!d.params.emplace(name, p.attribute("value").as_string()).second) {
            r.error(p, "duplicate-param", fmt(_("parameter \"%1\" is given twice"), name));
        }
        d.paramLines[name] = r.line(p);
    }
    if (const auto s = xml::child(root, kNamespace, "success")) {
        r.onlyAttributes(s, {"accuracy", "seconds", "wpm"});
        d.minAccuracy = r.number(s, "accuracy", 0, 0, 100);
        d.maxSeconds = r.integer(s, "seconds", 0, 0, 24 * 3600);
        d.minWpm = r.number(s, "wpm", 0, 0, 300);
    } else {
        r.error(root, "missing-element",
                _("a drill needs a <success> measure (accuracy, seconds or wpm)"));
    }
    return d;
}

// ---- the manifest ------------------------------------------------------------------------------

namespace {

LText readOurTitles(Reader& r, const xml_node& n) {
    const auto t = xml::child(n, kNamespace, "title");
    return t ? r.ltext(t) : LText{};
}

Item readItem(Reader& r, const xml_node& n, const std::string& ims) {
    Item item;
    item.line = r.line(n);
    r.onlyAttributes(n, {"identifier", "identifierref", "isvisible", "parameters"});
    r.onlyChildren(n, ims.c_str(), {"title", "item", "metadata"}, true);
    item.id = r.requiredId(n, "identifier");
    item.ref = n.attribute("identifierref").as_string();
    item.title = text::collapseSpace(xml::textOf(xml::child(n, ims.c_str(), "title")));
    item.titles = readOurTitles(r, n);
    for (auto c : xml::children(n, ims.c_str(), "item")) {
        item.children.push_back(readItem(r, c, ims));
    }
    return item;
}

void readMetadata(Reader& r, const xml_node& course, Metadata& meta) {
    meta.line = r.line(course);
    r.onlyAttributes(course, {});
    r.onlyChildren(course, kNamespace, {"title", "description", "language", "author", "licence"});
    meta.title = r.ltext(xml::child(course, kNamespace, "title"));
    meta.description = r.ltext(xml::child(course, kNamespace, "description"));
    for (auto l : xml::children(course, kNamespace, "language")) {
        r.onlyAttributes(l, {"code", "review", "coverage"});
        Language lang;
        lang.line = r.line(l);
        lang.code = l.attribute("code").as_string();
        if (!text::isLanguageTag(lang.code)) {
            r.error(l, "bad-language",
                    fmt(_("\"%1\" is not a language code such as es, qu or ay"), lang.code));
        }
        const std::string review = l.attribute("review").as_string("done");
        if (review != "done" && review != "needed") {
            r.error(l, "bad-value", fmt(_("review is \"done\" or \"needed\", not \"%1\""), review));
        }
        lang.needsReview = review == "needed";
        const std::string coverage = l.attribute("coverage").as_string("complete");
        if (coverage != "complete" && coverage != "partial") {
            r.error(l, "bad-value",
                    fmt(_("coverage is \"complete\" or \"partial\", not \"%1\""), coverage));
        }
        lang.partial = coverage == "partial";
        lang.note = text::collapseSpace(xml::textOf(l));
        meta.languages.push_back(std::move(lang));
    }
    for (auto a : xml::children(course, kNamespace, "author")) {
        meta.authors.push_back(text::collapseSpace(xml::textOf(a)));
    }
    meta.licence = text::collapseSpace(xml::textOf(xml::child(course, kNamespace, "licence")));
}

} // namespace

Manifest parseManifest(const xml::Document& doc, Problems& problems) {
    Reader r(doc, problems);
    Manifest m;
    const auto root = doc.root();
    m.line = r.line(root);
    const std::string ims = xml::namespaceOf(root);
    if (xml::localName(root) != "manifest" || !isImsNamespace(ims)) {
        r.error(root, "wrong-root",
                fmt(_("expected an IMS <manifest> in the namespace \"%1\""), kImsCpNamespace));
        return m;
    }
    const char* ns = ims.c_str();
    r.onlyChildren(root, ns, {"metadata", "organizations", "resources", "manifest"}, true);
    m.identifier = r.requiredId(root, "identifier");
    m.version = root.attribute("version").as_string();

    if (const auto md = xml::child(root, ns, "metadata")) {
        r.onlyChildren(md, ns, {"schema", "schemaversion"}, true);
        if (const auto course = xml::child(md, kNamespace, "course")) {
            readMetadata(r, course, m.meta);
        } else {
            r.error(md, "missing-element",
                    _("the manifest metadata needs an <ay:course> element with the course title"));
        }
        for (auto c : md.children()) {
            if (c.type() == pugi::node_element && r.isOurs(c) && xml::localName(c) != "course") {
                r.error(c, "unknown-element", fmt(_("unknown element <%1>"), c.name()));
            }
        }
    } else {
        r.error(root, "missing-element", _("the manifest needs a <metadata> element"));
    }

    if (const auto orgs = xml::child(root, ns, "organizations")) {
        r.onlyChildren(orgs, ns, {"organization"}, true);
        m.defaultOrganization = orgs.attribute("default").as_string();
        for (auto o : xml::children(orgs, ns, "organization")) {
            Organization org;
            org.line = r.line(o);
            r.onlyAttributes(o, {"identifier", "structure"});
            r.onlyChildren(o, ns, {"title", "item", "metadata"}, true);
            org.id = r.requiredId(o, "identifier");
            org.title = text::collapseSpace(xml::textOf(xml::child(o, ns, "title")));
            org.titles = readOurTitles(r, o);
            for (auto i : xml::children(o, ns, "item")) {
                org.items.push_back(readItem(r, i, ims));
            }
            m.organizations.push_back(std::move(org));
        }
    } else {
        r.error(root, "missing-element", _("the manifest needs an <organizations> element"));
    }

    if (const auto res = xml::child(root, ns, "resources")) {
        r.onlyChildren(res, ns, {"resource"}, true);
        for (auto x : xml::children(res, ns, "resource")) {
            Resource rs;
            rs.line = r.line(x);
            r.onlyChildren(x, ns, {"file", "dependency", "metadata"}, true);
            rs.id = r.requiredId(x, "identifier");
            rs.type = r.enumeration(x, "type", ResourceType::WebContent, true);
            rs.href = x.attribute("href").as_string();
            for (auto f : xml::children(x, ns, "file")) {
                const std::string href = f.attribute("href").as_string();
                if (href.empty()) {
                    r.error(f, "missing-attribute",
                            fmt(_("<%1> needs the attribute \"%2\""), "file", "href"));
                    continue;
                }
                rs.files.push_back(href);
                rs.fileLines.push_back(r.line(f));
            }
            for (auto d : xml::children(x, ns, "dependency")) {
                rs.dependencies.emplace_back(d.attribute("identifierref").as_string());
            }
            if (rs.type != ResourceType::WebContent && rs.href.empty()) {
                r.error(x, "missing-attribute",
                        fmt(_("resource \"%1\" needs an href pointing at its XML file"), rs.id));
            }
            m.resources.push_back(std::move(rs));
        }
    } else {
        r.error(root, "missing-element", _("the manifest needs a <resources> element"));
    }
    return m;
}

Package loadPackage(const std::string& dir, Problems& problems) {
    Package pkg;
    namespace fs = std::filesystem;
    const std::string manifestPath = (fs::path(dir) / kManifestFile).string();
    std::error_code ec;
    if (!fs::is_regular_file(manifestPath, ec)) {
        problems.error(kManifestFile, 0, "missing-manifest",
                       fmt(_("no %1 at the root of the package \"%2\""), kManifestFile, dir));
        return pkg;
    }
    auto mdoc = xml::Document::load(manifestPath, kManifestFile, problems);
    if (!mdoc) {
        return pkg;
    }
    pkg.manifest = parseManifest(*mdoc, problems);
    std::set<std::string> seen;
    for (const auto& res : pkg.manifest.resources) {
        if (res.type == ResourceType::WebContent || res.href.empty() ||
            !seen.insert(res.id).second) {
            continue;
        }
        if (res.href.find("..") != std::string::npos || res.href[0] == '/' ||
            res.href.find('\\') != std::string::npos) {
            continue; // the validator reports unsafe paths
        }
        const std::string path = (fs::path(dir) / res.href).string();
        if (!fs::is_regular_file(path, ec)) {
            continue; // reported by the validator as a missing file
        }
        auto doc = xml::Document::load(path, res.href, problems);
        if (!doc) {
            continue;
        }
        switch (res.type) {
        case ResourceType::Lesson:
            pkg.lessons.emplace(res.id, parseLesson(*doc, problems));
            break;
        case ResourceType::Quiz:
            pkg.quizzes.emplace(res.id, parseQuiz(*doc, problems));
            break;
        case ResourceType::Drill:
            pkg.drills.emplace(res.id, parseDrill(*doc, problems));
            break;
        case ResourceType::WebContent:
            break;
        }
    }
    return pkg;
}

} // namespace ayllu::course
