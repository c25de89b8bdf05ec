#include "ayllu/course/validate.h"

#include "ayllu/course/labels.h"
#include "ayllu/course/media.h"
#include "ayllu/course/narration.h"
#include "ayllu/course/parse.h"
#include "ayllu/i18n.h"
#include "ayllu/text.h"
#include "ayllu/zip.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>

namespace ayllu::course {

namespace fs = std::filesystem;
using i18n::fmt;

namespace {

// Visits every multilingual text of a package with the file it is in.
void forEachText(const Package& pkg,
                 const std::function<void(const std::string& file, const LText&, const char* what,
                                          bool required)>& f) {
    f(kManifestFile, pkg.manifest.meta.title, N_("course title"), true);
    if (!pkg.manifest.meta.description.empty()) {
        f(kManifestFile, pkg.manifest.meta.description, N_("course description"), false);
    }
    std::function<void(const Item&)> item = [&](const Item& i) {
        if (!i.titles.empty() || !i.title.empty()) {
            // The Spanish title is the IMS <title>; <ay:title> carries the translations.
            LText t = i.titles;
            if (!t.has(kRequiredLanguage) && !i.title.empty()) {
                t.set(kRequiredLanguage, i.title);
            }
            f(kManifestFile, t, N_("item title"), false);
        }
        for (const auto& c : i.children) {
            item(c);
        }
    };
    for (const auto& o : pkg.manifest.organizations) {
        for (const auto& i : o.items) {
            item(i);
        }
    }
    const auto hrefOf = [&](const std::string& id) {
        const Resource* r = pkg.manifest.resource(id);
        return r == nullptr ? id : r->href;
    };
    const auto optional = [&](const std::string& file, const LText& t, const char* what) {
        if (!t.empty()) {
            f(file, t, what, false);
        }
    };
    for (const auto& [id, l] : pkg.lessons) {
        const std::string file = hrefOf(id);
        f(file, l.title, N_("lesson title"), true);
        for (const auto& p : l.pages) {
            optional(file, p.title, N_("page title"));
            for (const auto& b : p.blocks) {
                switch (b.kind) {
                case BlockKind::Heading:
                case BlockKind::Paragraph:
                case BlockKind::Box:
                    f(file, b.text, N_("text"), true);
                    break;
                case BlockKind::List:
                    for (const auto& it : b.items) {
                        f(file, it, N_("list item"), true);
                    }
                    break;
                case BlockKind::Term:
                    f(file, b.text, N_("key term"), true);
                    f(file, b.definition, N_("definition"), true);
                    break;
                case BlockKind::Image:
                case BlockKind::Audio:
                    optional(file, b.alt, N_("image description"));
                    optional(file, b.caption, N_("caption"));
                    break;
                }
            }
        }
    }
    for (const auto& [id, q] : pkg.quizzes) {
        const std::string file = hrefOf(id);
        f(file, q.title, N_("quiz title"), true);
        optional(file, q.description, N_("quiz description"));
        for (const auto& question : q.questions) {
            f(file, question.prompt, N_("question"), true);
            for (const auto& c : question.choices) {
                f(file, c.text, N_("choice"), true);
                optional(file, c.feedback, N_("feedback"));
            }
            for (const auto& c : question.sequence) {
                f(file, c.text, N_("ordering item"), true);
            }
            for (const auto& p : question.pairs) {
                f(file, p.left, N_("matching item"), true);
                f(file, p.right, N_("matching item"), true);
            }
            for (const auto& d : question.distractors) {
                f(file, d, N_("matching item"), true);
            }
            optional(file, question.feedbackCorrect, N_("feedback"));
            optional(file, question.feedbackIncorrect, N_("feedback"));
            optional(file, question.feedbackGeneral, N_("feedback"));
        }
    }
    for (const auto& [id, d] : pkg.drills) {
        const std::string file = hrefOf(id);
        f(file, d.title, N_("drill title"), true);
        f(file, d.instructions, N_("drill instructions"), true);
        optional(file, d.text, N_("text to type"));
    }
}

bool isSafeRelative(const std::string& p) {
    return !p.empty() && !zip::unsafeEntryReason(p) && p.find('\\') == std::string::npos;
}

class Checker {
public:
    Checker(const Package& pkg, const std::string& dir, Problems& problems)
        : pkg_(pkg), dir_(dir), problems_(problems) {}

    void run() {
        checkMetadata();
        checkIdentifiers();
        checkOrganizations();
        checkResources();
        checkTexts();
        for (const auto& [id, l] : pkg_.lessons) {
            checkLesson(id, l);
        }
        for (const auto& [id, q] : pkg_.quizzes) {
            checkQuiz(id, q);
        }
        for (const auto& [id, d] : pkg_.drills) {
            checkDrill(id, d);
        }
        checkUnreferencedFiles();
        checkCoverage();
    }

private:
    const Manifest& m() const { return pkg_.manifest; }

    std::string fileOf(const std::string& resourceId) const {
        const Resource* r = m().resource(resourceId);
        return r == nullptr ? resourceId : r->href;
    }

    void checkMetadata() {
        const auto& meta = m().meta;
        if (m().version.empty()) {
            problems_.error(kManifestFile, m().line, "missing-version",
                            _("the manifest needs a version attribute, such as version=\"1.0.0\""));
        } else {
            const std::string& v = m().version;
            const bool ok =
                std::all_of(v.begin(), v.end(),
                            [](char c) {
                                return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
                            }) &&
                std::isdigit(static_cast<unsigned char>(v.front())) &&
                std::isdigit(static_cast<unsigned char>(v.back()));
            if (!ok) {
                problems_.warning(kManifestFile, m().line, "bad-version",
                                  fmt(_("version \"%1\" is not of the form 1.2.3"), v));
            }
        }
        std::set<std::string> codes;
        for (const auto& l : meta.languages) {
            if (!codes.insert(l.code).second) {
                problems_.error(kManifestFile, meta.line, "duplicate-language",
                                fmt(_("language \"%1\" is listed twice"), l.code));
            }
        }
        if (meta.line != 0 && codes.count(kRequiredLanguage) == 0) {
            problems_.error(kManifestFile, meta.line, "missing-spanish",
                            _("the course must offer Spanish (<ay:language code=\"es\"/>)"));
        }
        if (meta.line != 0 && meta.licence.empty()) {
            problems_.warning(kManifestFile, meta.line, "missing-licence",
                              _("the course has no licence; teachers will not know if they may "
                                "copy it"));
        }
        if (meta.line != 0 && meta.authors.empty()) {
            problems_.warning(kManifestFile, meta.line, "missing-author",
                              _("the course names no author"));
        }
        offered_ = codes;
    }

    void checkIdentifiers() {
        std::map<std::string, int> seen;
        const auto see = [&](const std::string& id, int line) {
            if (id.empty()) {
                return;
            }
            if (auto [it, fresh] = seen.emplace(id, line); !fresh) {
                problems_.error(
                    kManifestFile, line, "duplicate-id",
                    fmt(_("identifier \"%1\" is already used on line %2"), id, it->second));
            }
        };
        std::function<void(const Item&)> item = [&](const Item& i) {
            see(i.id, i.line);
            for (const auto& c : i.children) {
                item(c);
            }
        };
        for (const auto& o : m().organizations) {
            see(o.id, o.line);
            for (const auto& i : o.items) {
                item(i);
            }
        }
        for (const auto& r : m().resources) {
            see(r.id, r.line);
        }
    }

    void checkOrganizations() {
        if (m().organizations.empty() && m().line != 0) {
            problems_.error(kManifestFile, m().line, "missing-element",
                            _("the manifest needs an <organization> with the course outline"));
        }
        if (!m().defaultOrganization.empty()) {
            bool found = false;
            for (const auto& o : m().organizations) {
                found = found || o.id == m().defaultOrganization;
            }
            if (!found) {
                problems_.error(kManifestFile, m().line, "dangling-ref",
                                fmt(_("the default organization \"%1\" does not exist"),
                                    m().defaultOrganization));
            }
        }
        std::function<void(const Item&)> item = [&](const Item& i) {
            if (i.title.empty()) {
                problems_.error(kManifestFile, i.line, "missing-title",
                                fmt(_("item \"%1\" has no <title>"), i.id));
            }
            if (!i.ref.empty()) {
                used_.insert(i.ref);
                if (m().resource(i.ref) == nullptr) {
                    problems_.error(kManifestFile, i.line, "dangling-ref",
                                    fmt(_("item \"%1\" points at resource \"%2\", which does not "
                                          "exist"),
                                        i.id, i.ref));
                }
            } else if (i.children.empty()) {
                problems_.warning(kManifestFile, i.line, "empty-item",
                                  fmt(_("item \"%1\" has no resource and no items"), i.id));
            }
            for (const auto& c : i.children) {
                item(c);
            }
        };
        for (const auto& o : m().organizations) {
            if (o.title.empty()) {
                problems_.error(kManifestFile, o.line, "missing-title",
                                fmt(_("organization \"%1\" has no <title>"), o.id));
            }
            for (const auto& i : o.items) {
                item(i);
            }
        }
    }

    // A path in the package: safe, present, and remembered as referenced.
    bool checkFile(const std::string& file, int line, const std::string& path,
                   bool mustExist = true) {
        if (!isSafeRelative(path)) {
            problems_.error(file, line, "unsafe-path",
                            fmt(_("\"%1\" is not a relative path inside the package"), path));
            return false;
        }
        referenced_.insert(fs::path(path).lexically_normal().generic_string());
        std::error_code ec;
        if (mustExist && !fs::is_regular_file(fs::path(dir_) / path, ec)) {
            problems_.error(file, line, "missing-file",
                            fmt(_("\"%1\" is referenced but not in the package"), path));
            return false;
        }
        return true;
    }

    void checkResources() {
        for (const auto& r : m().resources) {
            for (const auto& d : r.dependencies) {
                used_.insert(d);
                if (m().resource(d) == nullptr) {
                    problems_.error(kManifestFile, r.line, "dangling-ref",
                                    fmt(_("resource \"%1\" depends on \"%2\", which does not "
                                          "exist"),
                                        r.id, d));
                }
            }
            std::set<std::string> declared;
            for (std::size_t i = 0; i < r.files.size(); ++i) {
                checkFile(kManifestFile, r.fileLines[i], r.files[i]);
                declared.insert(fs::path(r.files[i]).lexically_normal().generic_string());
            }
            if (!r.href.empty()) {
                if (checkFile(kManifestFile, r.line, r.href) &&
                    declared.count(fs::path(r.href).lexically_normal().generic_string()) == 0) {
                    problems_.warning(kManifestFile, r.line, "undeclared-file",
                                      fmt(_("resource \"%1\" should list its own file \"%2\" in a "
                                            "<file> element"),
                                          r.id, r.href));
                }
            }
            declared_[r.id] = declared;
        }
        for (const auto& r : m().resources) {
            if (used_.count(r.id) == 0) {
                problems_.warning(kManifestFile, r.line, "unused-resource",
                                  fmt(_("resource \"%1\" is not used by any item"), r.id));
            }
        }
    }

    void checkTexts() {
        forEachText(
            pkg_, [&](const std::string& file, const LText& t, const char* what, bool required) {
                if (t.line == 0 && !required) {
                    return;
                }
                if (!t.has(kRequiredLanguage) && (required || !t.empty())) {
                    problems_.error(file, t.line, "missing-spanish",
                                    t.empty() ? fmt(_("the %1 is missing"), _(what))
                                              : fmt(_("the %1 has no Spanish (es) text"), _(what)));
                }
                for (const auto& [lang, value] : t.byLang) {
                    if (!offered_.empty() && offered_.count(lang) == 0) {
                        problems_.warning(file, t.line, "undeclared-language",
                                          fmt(_("text in \"%1\", which the course does not list "
                                                "among its languages"),
                                              lang));
                    }
                }
            });
    }

    // Media used by a lesson: present, decodable, and declared by the lesson's resource.
    void checkMedia(const std::string& resId, const std::string& file, const Block& b) {
        if (b.src.empty()) {
            return;
        }
        if (!checkFile(file, b.line, b.src)) {
            return;
        }
        const std::string norm = fs::path(b.src).lexically_normal().generic_string();
        bool declared = declared_[resId].count(norm) != 0;
        if (const Resource* r = m().resource(resId)) {
            for (const auto& dep : r->dependencies) {
                declared = declared || declared_[dep].count(norm) != 0;
            }
        }
        if (!declared) {
            problems_.warning(file, b.line, "undeclared-file",
                              fmt(_("\"%1\" is used here but not listed as a <file> of resource "
                                    "\"%2\" or its dependencies"),
                                  b.src, resId));
        }
        std::ifstream in(fs::path(dir_) / b.src, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        const auto kind = b.kind == BlockKind::Image ? MediaKind::Image : MediaKind::Audio;
        if (auto why = course::checkMedia(b.src, bytes, kind)) {
            problems_.error(file, b.line, "bad-media",
                            fmt(_("\"%1\" cannot be used: %2"), b.src, *why));
        }
    }

    void checkLesson(const std::string& resId, const Lesson& l) {
        const std::string file = fileOf(resId);
        std::map<std::string, int> pages;
        for (const auto& p : l.pages) {
            if (auto [it, fresh] = pages.emplace(p.id, p.line); !fresh && !p.id.empty()) {
                problems_.error(
                    file, p.line, "duplicate-id",
                    fmt(_("page \"%1\" is already defined on line %2"), p.id, it->second));
            }
            for (const auto& b : p.blocks) {
                checkMedia(resId, file, b);
                if (b.kind == BlockKind::Image && b.alt.empty()) {
                    problems_.warning(file, b.line, "missing-alt",
                                      _("describe the image in an <alt> for learners who cannot "
                                        "see it"));
                }
            }
        }
        referenced_.merge(checkNarrations(pkg_, resId, l, dir_, problems_));
    }

    void noCorrect(const std::string& file, const Question& q, const std::string& why) {
        problems_.error(file, q.line, "no-correct-answer",
                        fmt(_("question \"%1\" has no correct answer: %2"), q.id, why));
    }

    template <typename T>
    static bool anyFull(const std::vector<T>& v) {
        return std::any_of(v.begin(), v.end(), [](const T& x) { return x.weight >= 100; });
    }

    void checkQuestion(const std::string& file, const Question& q) {
        const auto tooFew = [&](std::size_t have, std::size_t need, const char* what) {
            if (have < need) {
                problems_.error(
                    file, q.line, "too-few",
                    fmt(_("question \"%1\" needs at least %2 %3"), q.id, need, _(what)));
            }
        };
        const auto uniqueIds = [&](const auto& items) {
            std::set<std::string> ids;
            for (const auto& x : items) {
                if (!x.id.empty() && !ids.insert(x.id).second) {
                    problems_.error(file, x.line, "duplicate-id",
                                    fmt(_("\"%1\" is used twice in question \"%2\""), x.id, q.id));
                }
            }
        };
        switch (q.type) {
        case QuestionType::Single:
            tooFew(q.choices.size(), 2, N_("choices"));
            uniqueIds(q.choices);
            if (!anyFull(q.choices)) {
                noCorrect(file, q, _("mark one choice correct=\"true\""));
            } else if (std::count_if(q.choices.begin(), q.choices.end(),
                                     [](const Choice& c) { return c.weight >= 100; }) > 1) {
                problems_.warning(file, q.line, "several-correct",
                                  fmt(_("single-choice question \"%1\" has several fully correct "
                                        "choices; use type=\"multiple\"?"),
                                      q.id));
            }
            break;
        case QuestionType::Multiple: {
            tooFew(q.choices.size(), 2, N_("choices"));
            uniqueIds(q.choices);
            double positive = 0;
            for (const auto& c : q.choices) {
                positive += std::max(0.0, c.weight);
            }
            if (positive <= 0) {
                noCorrect(file, q, _("give the correct choices a positive weight"));
            } else if (std::fabs(positive - 100) > 0.5 && !(anyFull(q.choices))) {
                problems_.warning(file, q.line, "weights",
                                  fmt(_("the positive weights of question \"%1\" add up to %2%, "
                                        "not 100%"),
                                      q.id, positive));
            }
            break;
        }
        case QuestionType::TrueFalse:
            break;
        case QuestionType::Short:
            if (!anyFull(q.accepts)) {
                noCorrect(file, q, _("add an <accept> with the right answer"));
            }
            break;
        case QuestionType::Numeric:
            if (!anyFull(q.numeric)) {
                noCorrect(file, q, _("add a <numeric> answer with full weight"));
            }
            break;
        case QuestionType::Matching:
            tooFew(q.pairs.size(), 2, N_("pairs"));
            uniqueIds(q.pairs);
            break;
        case QuestionType::Ordering:
            tooFew(q.sequence.size(), 2, N_("items"));
            uniqueIds(q.sequence);
            break;
        case QuestionType::Fill: {
            tooFew(q.blanks.size(), 1, N_("blanks"));
            uniqueIds(q.blanks);
            for (const auto& b : q.blanks) {
                if (!anyFull(b.accepts)) {
                    noCorrect(file, q, fmt(_("blank \"%1\" has no accepted answer"), b.id));
                }
                for (const auto& [lang, prompt] : q.prompt.byLang) {
                    if (prompt.find("{{" + b.id + "}}") == std::string::npos) {
                        problems_.error(file, q.prompt.line, "blank-missing",
                                        fmt(_("the %1 prompt of question \"%2\" has no {{%3}} for "
                                              "its blank"),
                                            lang, q.id, b.id));
                    }
                }
            }
            for (const auto& [lang, prompt] : q.prompt.byLang) {
                for (auto at = prompt.find("{{"); at != std::string::npos;
                     at = prompt.find("{{", at + 2)) {
                    const auto end = prompt.find("}}", at);
                    const std::string id =
                        prompt.substr(at + 2, end == std::string::npos ? 0 : end - at - 2);
                    const bool known = std::any_of(q.blanks.begin(), q.blanks.end(),
                                                   [&](const Blank& b) { return b.id == id; });
                    if (!known) {
                        problems_.error(file, q.prompt.line, "blank-missing",
                                        fmt(_("the %1 prompt of question \"%2\" has {{%3}} but no "
                                              "<blank id=\"%3\">"),
                                            lang, q.id, id));
                    }
                }
            }
            break;
        }
        }
    }

    void checkQuiz(const std::string& resId, const Quiz& quiz) {
        const std::string file = fileOf(resId);
        std::map<std::string, int> ids;
        for (const auto& q : quiz.questions) {
            if (auto [it, fresh] = ids.emplace(q.id, q.line); !fresh && !q.id.empty()) {
                problems_.error(
                    file, q.line, "duplicate-id",
                    fmt(_("question \"%1\" is already defined on line %2"), q.id, it->second));
            }
            checkQuestion(file, q);
        }
    }

    // The parameters each kind of drill takes; lo > hi means free text.
    struct DrillParam {
        DrillKind kind;
        const char* name;
        bool required;
        double lo, hi;
    };
    static constexpr DrillParam kDrillParams[] = {
        {DrillKind::Click, "targets", false, 1, 100},
        {DrillKind::Click, "size", false, 16, 400},
        {DrillKind::DoubleClick, "targets", false, 1, 100},
        {DrillKind::DoubleClick, "size", false, 16, 400},
        {DrillKind::DragDrop, "items", false, 1, 20},
        {DrillKind::DragDrop, "size", false, 16, 400},
        {DrillKind::Scroll, "pages", false, 1, 50},
        {DrillKind::SaveFile, "fileName", true, 1, 0},
        {DrillKind::SaveFile, "folder", true, 1, 0},
    };

    void checkDrill(const std::string& resId, const Drill& d) {
        const std::string file = fileOf(resId);
        using Param = DrillParam;
        std::vector<Param> known;
        for (const auto& p : kDrillParams) {
            if (p.kind == d.kind) {
                known.push_back(p);
            }
        }
        if (d.kind == DrillKind::Typing && !d.text.has(kRequiredLanguage)) {
            problems_.error(file, d.line, "missing-spanish",
                            _("a typing drill needs the <text> to type, in Spanish at least"));
        }
        for (const auto& p : known) {
            if (p.required && d.params.count(p.name) == 0) {
                problems_.error(
                    file, d.line, "missing-param",
                    fmt(_("a %1 drill needs the parameter \"%2\""), toString(d.kind), p.name));
            }
        }
        for (const auto& param : d.params) {
            const std::string& name = param.first;
            const std::string& value = param.second;
            const int line = d.paramLines.count(name) ? d.paramLines.at(name) : d.line;
            const auto it = std::find_if(known.begin(), known.end(),
                                         [&](const Param& p) { return name == p.name; });
            if (it == known.end()) {
                problems_.warning(
                    file, line, "unknown-param",
                    fmt(_("a %1 drill has no parameter \"%2\""), toString(d.kind), name));
                continue;
            }
            if (it->lo <= it->hi) {
                char* end = nullptr;
                const double v = std::strtod(value.c_str(), &end);
                if (end == value.c_str() || *end != '\0' || v < it->lo || v > it->hi) {
                    problems_.error(file, line, "bad-number",
                                    fmt(_("parameter \"%1\" must be a number from %2 to %3"), name,
                                        it->lo, it->hi));
                }
            } else if (value.empty() || value.find('/') != std::string::npos ||
                       value.find('\\') != std::string::npos) {
                problems_.error(
                    file, line, "bad-value",
                    fmt(_("parameter \"%1\" must be a plain name without slashes"), name));
            }
        }
        if (d.minAccuracy == 0 && d.maxSeconds == 0 && d.minWpm == 0) {
            problems_.error(file, d.line, "no-success-measure",
                            _("the drill's <success> sets no accuracy, seconds or wpm"));
        }
    }

    void checkUnreferencedFiles() {
        std::error_code ec;
        if (dir_.empty() || !fs::is_directory(dir_, ec)) {
            return;
        }
        for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::end(it);
             it.increment(ec)) {
            if (!it->is_regular_file()) {
                continue;
            }
            const std::string rel = fs::relative(it->path(), dir_).generic_string();
            if (rel == kManifestFile || referenced_.count(rel) != 0) {
                continue;
            }
            problems_.warning(rel, 0, "unreferenced-file",
                              _("the file is in the package but nothing refers to it"));
        }
    }

    // A declared language that lacks texts, unless the manifest says it is partial on purpose.
    void checkCoverage() {
        for (const auto& c : languageCoverage(pkg_)) {
            if (c.code == kRequiredLanguage || c.partial || c.missing() == 0) {
                continue;
            }
            const std::string language = languageName(c.code) + " (" + c.code + ")";
            problems_.warning(
                kManifestFile, c.line, "incomplete-language",
                fmt(P_("%1 of %2 learner texts has no %3 version: translate it, or declare the "
                       "language with coverage=\"partial\"",
                       "%1 of %2 learner texts have no %3 version: translate them, or declare the "
                       "language with coverage=\"partial\"",
                       c.missing())
                        .c_str(),
                    c.missing(), c.total, language));
        }
    }

    const Package& pkg_;
    std::string dir_;
    Problems& problems_;
    std::set<std::string> offered_;
    std::set<std::string> used_;
    std::set<std::string> referenced_;
    std::map<std::string, std::set<std::string>> declared_;
};

} // namespace

void checkPackage(const Package& pkg, const std::string& dir, Problems& problems) {
    Checker(pkg, dir, problems).run();
}

Validation validateFolder(const std::string& dir) {
    Validation v;
    v.package = loadPackage(dir, v.problems);
    if (v.problems.contains("missing-manifest") || v.problems.contains("wrong-root") ||
        (v.package.manifest.line == 0 && v.problems.hasErrors())) {
        return v;
    }
    checkPackage(v.package, dir, v.problems);
    return v;
}

Validation validate(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        return validateFolder(path);
    }
    Validation v;
    if (!fs::exists(path, ec)) {
        v.problems.error(path, 0, "file-unreadable", _("no such file or folder"));
        return v;
    }
    const fs::path tmp = fs::temp_directory_path() /
                         ("ayllu-validate-" + std::to_string(std::hash<std::string>{}(path)) + "-" +
                          std::to_string(reinterpret_cast<std::uintptr_t>(&v)));
    fs::remove_all(tmp, ec);
    v.problems = zip::unpack(path, tmp.string());
    if (!v.problems.hasErrors()) {
        v = validateFolder(tmp.string());
    }
    fs::remove_all(tmp, ec);
    return v;
}

int LanguageCoverage::percent() const {
    return total == 0 ? 100 : static_cast<int>(present * 100 / total);
}

std::vector<LanguageCoverage> languageCoverage(const Package& pkg) {
    std::vector<LanguageCoverage> out;
    for (const auto& l : pkg.manifest.meta.languages) {
        LanguageCoverage c;
        c.code = l.code;
        c.partial = l.partial;
        c.line = l.line;
        forEachText(pkg, [&](const std::string&, const LText& t, const char*, bool) {
            if (t.has(kRequiredLanguage)) {
                ++c.total;
                c.present += t.has(l.code) ? 1 : 0;
            }
        });
        out.push_back(c);
    }
    return out;
}

} // namespace ayllu::course
