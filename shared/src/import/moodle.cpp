// Moodle XML question files into an Ayllu quiz.
#include "ayllu/i18n.h"
#include "ayllu/import/quiz_import.h"
#include "ayllu/text.h"
#include "ayllu/xml.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ayllu::import {
namespace {

using course::Question;
using course::QuestionType;
using i18n::fmt;
using pugi::xml_node;

// The text of <name><text>..</text></name>-style elements, HTML made plain when format says so.
std::string textIn(const xml_node& n) {
    if (!n) {
        return {};
    }
    const std::string format = n.attribute("format").as_string("html");
    const std::string raw = xml::textOf(n.child("text"));
    return format == "html" || format == "moodle_auto_format" ? htmlToText(raw)
                                                              : text::collapseSpace(raw);
}

bool number(const std::string& s, double& out) {
    const std::string t = text::trim(s);
    char* end = nullptr;
    errno = 0;
    out = std::strtod(t.c_str(), &end);
    return !t.empty() && *end == '\0' && errno == 0 && std::isfinite(out);
}

class MoodleReader {
public:
    MoodleReader(const xml::Document& doc, const Options& options, Result& r)
        : doc_(doc), options_(options), r_(r) {}

    void read() {
        const auto root = doc_.root();
        if (std::string(root.name()) != "quiz") {
            r_.problems.error(doc_.name(), doc_.lineOf(root), "wrong-root",
                              fmt(_("expected a Moodle XML <quiz>, found <%1>"), root.name()));
            return;
        }
        for (auto q : root.children("question")) {
            readQuestion(q);
        }
        if (r_.quiz.questions.empty()) {
            r_.problems.error(doc_.name(), 0, "nothing-imported",
                              _("no question could be imported"));
        }
    }

private:
    int line(const xml_node& n) const { return doc_.lineOf(n); }

    void skip(const xml_node& n, const std::string& why) {
        r_.problems.warning(doc_.name(), line(n), "skipped", why);
        ++r_.skipped;
    }
    void drop(const xml_node& n, const std::string& why) {
        r_.problems.warning(doc_.name(), line(n), "dropped", why);
    }

    course::LText lt(const std::string& s) const {
        course::LText t;
        if (!s.empty()) {
            t.set(options_.language, s);
        }
        return t;
    }

    void readQuestion(const xml_node& n) {
        const std::string type = n.attribute("type").as_string();
        if (type == "category") {
            std::string cat = text::collapseSpace(xml::textOf(n.child("category").child("text")));
            if (text::startsWith(cat, "$course$/")) {
                cat = cat.substr(9);
            }
            if (text::startsWith(cat, "top/")) {
                cat = cat.substr(4);
            }
            category_ = cat;
            return;
        }
        Question q;
        q.line = line(n);
        q.category = category_;
        const std::string name = textIn(n.child("name"));
        const std::string rawText = xml::textOf(n.child("questiontext").child("text"));
        const std::string prompt = textIn(n.child("questiontext"));
        if (rawText.find("@@PLUGINFILE@@") != std::string::npos ||
            n.child("questiontext").child("file")) {
            drop(n, _("images inside the question text are not imported; add them to a lesson"));
        }
        if (prompt.empty()) {
            skip(n, _("the question has no text"));
            return;
        }
        q.prompt = lt(prompt);
        double grade = 1;
        if (n.child("defaultgrade") && number(xml::textOf(n.child("defaultgrade")), grade) &&
            grade >= 0) {
            q.points = grade;
        }
        q.feedbackGeneral = lt(textIn(n.child("generalfeedback")));
        q.feedbackCorrect = lt(textIn(n.child("correctfeedback")));
        q.feedbackIncorrect = lt(textIn(n.child("incorrectfeedback")));
        if (!textIn(n.child("partiallycorrectfeedback")).empty()) {
            drop(n.child("partiallycorrectfeedback"),
                 _("feedback for partly correct answers is not kept"));
        }

        bool ok = false;
        if (type == "multichoice") {
            ok = readMultichoice(n, q);
        } else if (type == "truefalse") {
            ok = readTrueFalse(n, q);
        } else if (type == "shortanswer") {
            ok = readShort(n, q);
        } else if (type == "numerical") {
            ok = readNumerical(n, q);
        } else if (type == "matching") {
            ok = readMatching(n, q);
        } else if (type == "ordering") {
            ok = readOrdering(n, q);
        } else {
            skip(n, fmt(_("questions of type \"%1\" have no Ayllu equivalent"), type));
            return;
        }
        if (!ok) {
            return;
        }
        q.id = makeQuestionId(name, r_.quiz.questions.size() + 1, r_.quiz.questions);
        r_.quiz.questions.push_back(std::move(q));
        ++r_.imported;
    }

    bool fraction(const xml_node& a, double& f) {
        if (!number(a.attribute("fraction").as_string("0"), f) || f < -100 || f > 100) {
            skip(a, fmt(_("\"%1\" is not a valid fraction"), a.attribute("fraction").as_string()));
            return false;
        }
        return true;
    }

    bool readMultichoice(const xml_node& n, Question& q) {
        const std::string single = text::trim(xml::textOf(n.child("single")));
        q.type =
            (single == "false" || single == "0") ? QuestionType::Multiple : QuestionType::Single;
        int k = 0;
        for (auto a : n.children("answer")) {
            course::Choice c;
            c.line = line(a);
            c.id = std::string(1, static_cast<char>('a' + (k < 26 ? k : 25))) +
                   (k >= 26 ? std::to_string(k) : "");
            ++k;
            if (!fraction(a, c.weight)) {
                return false;
            }
            const std::string t = textIn(a);
            if (t.empty()) {
                skip(a, _("an answer is empty"));
                return false;
            }
            c.text = lt(t);
            c.feedback = lt(textIn(a.child("feedback")));
            q.choices.push_back(c);
        }
        if (q.choices.size() < 2) {
            skip(n, _("a choice question needs at least two answers"));
            return false;
        }
        return true;
    }

    bool readTrueFalse(const xml_node& n, Question& q) {
        q.type = QuestionType::TrueFalse;
        bool found = false;
        for (auto a : n.children("answer")) {
            double f = 0;
            if (!fraction(a, f)) {
                return false;
            }
            const std::string t = text::toLower(text::trim(xml::textOf(a.child("text"))));
            if (f >= 100 && (t == "true" || t == "false")) {
                q.answer = t == "true";
                found = true;
            }
            // The feedback of the wrong answer is shown to those who chose it.
            const std::string fb = textIn(a.child("feedback"));
            if (!fb.empty()) {
                (f >= 100 ? q.feedbackCorrect : q.feedbackIncorrect) = lt(fb);
            }
        }
        if (!found) {
            skip(n, _("the true/false question has no answer with fraction 100"));
        }
        return found;
    }

    bool readShort(const xml_node& n, Question& q) {
        q.type = QuestionType::Short;
        q.caseSensitive = text::trim(xml::textOf(n.child("usecase"))) == "1";
        q.accentSensitive = true; // Moodle compares accents exactly
        for (auto a : n.children("answer")) {
            course::Accept acc;
            acc.line = line(a);
            if (!fraction(a, acc.weight)) {
                return false;
            }
            acc.text = text::collapseSpace(xml::textOf(a.child("text")));
            if (acc.text.find('*') != std::string::npos) {
                drop(a, _("the * wildcard in short answers is kept as a plain character"));
            }
            if (!textIn(a.child("feedback")).empty()) {
                drop(a, _("per-answer feedback on short answers is not kept"));
            }
            if (!acc.text.empty() && acc.weight > 0) {
                q.accepts.push_back(acc);
            }
        }
        if (q.accepts.empty()) {
            skip(n, _("the short-answer question has no right answer"));
            return false;
        }
        return true;
    }

    bool readNumerical(const xml_node& n, Question& q) {
        q.type = QuestionType::Numeric;
        if (n.child("units").child("unit")) {
            drop(n.child("units"), _("units are not kept; students answer the number alone"));
        }
        for (auto a : n.children("answer")) {
            course::NumericAnswer na;
            na.line = line(a);
            if (!fraction(a, na.weight)) {
                return false;
            }
            const std::string v = xml::textOf(a.child("text"));
            if (text::trim(v) == "*") {
                continue; // "any other answer": scores its fraction, usually 0
            }
            if (!number(v, na.value)) {
                skip(a, fmt(_("\"%1\" is not a number"), v));
                return false;
            }
            double tol = 0;
            if (a.child("tolerance") && !number(xml::textOf(a.child("tolerance")), tol)) {
                skip(a, _("the tolerance is not a number"));
                return false;
            }
            na.tolerance = std::fabs(tol);
            if (na.weight > 0) {
                q.numeric.push_back(na);
            }
        }
        if (q.numeric.empty()) {
            skip(n, _("the numeric question has no right answer"));
            return false;
        }
        return true;
    }

    bool readMatching(const xml_node& n, Question& q) {
        q.type = QuestionType::Matching;
        int k = 0;
        for (auto s : n.children("subquestion")) {
            const std::string left = textIn(s);
            const std::string right =
                text::collapseSpace(xml::textOf(s.child("answer").child("text")));
            if (right.empty()) {
                skip(s, _("a matching pair has nothing on its right side"));
                return false;
            }
            if (left.empty()) {
                q.distractors.push_back(lt(right));
                continue;
            }
            course::MatchPair p;
            p.line = line(s);
            p.id = "m" + std::to_string(++k);
            p.left = lt(left);
            p.right = lt(right);
            q.pairs.push_back(p);
        }
        if (q.pairs.size() < 2) {
            skip(n, _("a matching question needs at least two pairs"));
            return false;
        }
        return true;
    }

    bool readOrdering(const xml_node& n, Question& q) {
        q.type = QuestionType::Ordering;
        int k = 0;
        for (auto a : n.children("answer")) {
            course::Choice c;
            c.line = line(a);
            c.id = "s" + std::to_string(++k);
            c.text = lt(textIn(a));
            if (c.text.empty()) {
                skip(a, _("an item to order is empty"));
                return false;
            }
            q.sequence.push_back(c);
        }
        if (q.sequence.size() < 2) {
            skip(n, _("an ordering question needs at least two items"));
            return false;
        }
        return true;
    }

    const xml::Document& doc_;
    Options options_;
    Result& r_;
    std::string category_;
};

} // namespace

Result importMoodleXml(const std::string& bytes, const std::string& name, const Options& options) {
    Result r;
    r.quiz.id = options.quizId;
    auto doc = xml::Document::parse(bytes, name, r.problems);
    if (!doc) {
        return r;
    }
    MoodleReader(*doc, options, r).read();
    return r;
}

} // namespace ayllu::import
