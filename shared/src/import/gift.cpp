// GIFT (Moodle's plain-text question format) into an Ayllu quiz.
#include "ayllu/i18n.h"
#include "ayllu/import/quiz_import.h"
#include "ayllu/text.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ayllu::import {
namespace {

using course::Question;
using course::QuestionType;
using i18n::fmt;

// Escaped specials become control bytes while parsing, and come back at the end.
constexpr char kSpecials[] = {'~', '=', '#', '{', '}', ':', '\\'};

std::string protectEscapes(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char n = s[i + 1];
            bool done = false;
            for (std::size_t k = 0; k < sizeof kSpecials; ++k) {
                if (n == kSpecials[k]) {
                    out += static_cast<char>(1 + k);
                    done = true;
                }
            }
            if (n == 'n') {
                out += '\n';
                done = true;
            }
            if (done) {
                ++i;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::string restore(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 1 && u <= sizeof kSpecials) ? kSpecials[u - 1] : c;
    }
    return out;
}

// Cleans a piece of question text: escapes back, format markers and HTML removed, spaces folded.
std::string clean(std::string s, bool html) {
    s = restore(s);
    return html ? htmlToText(s) : text::collapseSpace(s);
}

struct Answer {
    char mark = '=';   // '=' right, '~' wrong/other
    double weight = 0; // percent, when given as %n%
    bool hasWeight = false;
    std::string text;
    std::string feedback;
    bool hasFeedback = false;
};

struct Block {
    std::string text;
    int line = 0;
};

class GiftReader {
public:
    GiftReader(const std::string& name, const Options& options, Result& result)
        : name_(name), options_(options), r_(result) {}

    void read(std::string bytes) {
        if (text::startsWith(bytes, "\xEF\xBB\xBF")) {
            bytes.erase(0, 3);
        }
        if (const auto bad = text::invalidUtf8At(bytes)) {
            r_.problems.error(name_, text::lineAt(bytes, *bad), "invalid-utf8",
                              _("the text is not valid UTF-8; save the file as UTF-8"));
            return;
        }
        for (const auto& b : splitBlocks(bytes)) {
            readBlock(b);
        }
        if (r_.quiz.questions.empty()) {
            r_.problems.error(name_, 0, "nothing-imported", _("no question could be imported"));
        }
    }

private:
    // Questions are separated by blank lines; whole-line // comments are dropped.
    std::vector<Block> splitBlocks(const std::string& bytes) {
        std::vector<Block> blocks;
        std::istringstream in(bytes);
        std::string line;
        int n = 0;
        Block cur;
        while (std::getline(in, line)) {
            ++n;
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            const std::string t = text::trim(line);
            if (text::startsWith(t, "//")) {
                continue;
            }
            if (t.empty()) {
                if (!text::trim(cur.text).empty()) {
                    blocks.push_back(cur);
                }
                cur = Block{};
                continue;
            }
            if (cur.text.empty()) {
                cur.line = n;
            }
            cur.text += line + "\n";
        }
        if (!text::trim(cur.text).empty()) {
            blocks.push_back(cur);
        }
        return blocks;
    }

    void skip(int line, const std::string& why) {
        r_.problems.warning(name_, line, "skipped", why);
        ++r_.skipped;
    }

    void drop(int line, const std::string& what) {
        r_.problems.warning(name_, line, "dropped", what);
    }

    void readBlock(const Block& b) {
        std::string s = protectEscapes(text::trim(b.text));
        if (text::startsWith(s, "$CATEGORY:")) {
            const auto nl = s.find('\n');
            category_ = text::trim(restore(s.substr(10, nl == std::string::npos ? nl : nl - 10)));
            if (nl == std::string::npos) {
                return;
            }
            s = text::trim(s.substr(nl + 1));
        }
        std::string title;
        if (text::startsWith(s, "::")) {
            const auto end = s.find("::", 2);
            if (end == std::string::npos) {
                skip(b.line, _("the question title has no closing ::"));
                return;
            }
            title = clean(s.substr(2, end - 2), false);
            s = text::trim(s.substr(end + 2));
        }
        bool html = false;
        if (s.size() > 2 && s[0] == '[') {
            const auto end = s.find(']');
            const std::string format = end == std::string::npos ? "" : s.substr(1, end - 1);
            if (format == "html" || format == "moodle" || format == "plain" ||
                format == "markdown") {
                html = format == "html" || format == "moodle";
                s = text::trim(s.substr(end + 1));
            }
        }
        const auto open = s.find('{');
        if (open == std::string::npos) {
            skip(b.line, _("a description (text without answers) has no Ayllu equivalent; "
                           "put it in a lesson"));
            return;
        }
        const auto close = s.find('}', open);
        if (close == std::string::npos) {
            skip(b.line, _("the answers have no closing }"));
            return;
        }
        if (s.find('{', close) != std::string::npos) {
            skip(b.line, _("a question with several answer sets (cloze) cannot be imported"));
            return;
        }
        const std::string before = text::trim(s.substr(0, open));
        const std::string after = text::trim(s.substr(close + 1));
        std::string body = text::trim(s.substr(open + 1, close - open - 1));

        Question q;
        q.line = b.line;
        q.category = category_;
        std::string general;
        if (const auto g = body.find("####"); g != std::string::npos) {
            general = clean(body.substr(g + 4), html);
            body = text::trim(body.substr(0, g));
        }
        if (!general.empty()) {
            q.feedbackGeneral.set(options_.language, general);
        }
        const std::string promptBefore = clean(before, html);
        const std::string promptAfter = clean(after, html);
        const std::string lang = options_.language;

        bool ok = false;
        if (body.empty()) {
            skip(b.line, _("an essay question has no Ayllu equivalent"));
            return;
        }
        if (body[0] == '#') {
            ok = readNumeric(q, body.substr(1), b.line);
        } else if (isTrueFalse(body)) {
            ok = readTrueFalse(q, body, html);
        } else {
            ok = readChoices(q, body, html, b.line, !promptAfter.empty());
        }
        if (!ok) {
            return;
        }
        std::string prompt = promptBefore;
        if (!promptAfter.empty() || q.type == QuestionType::Fill) {
            if (q.type == QuestionType::Fill) {
                prompt += (prompt.empty() ? "" : " ") + std::string("{{1}}");
            } else {
                prompt += (prompt.empty() ? "" : " ") + std::string("_____");
            }
            if (!promptAfter.empty()) {
                prompt += " " + promptAfter;
            }
        }
        if (prompt.empty()) {
            prompt = title;
        }
        if (prompt.empty()) {
            skip(b.line, _("the question has no text"));
            return;
        }
        q.prompt.set(lang, prompt);
        q.id = makeQuestionId(title, r_.quiz.questions.size() + 1, r_.quiz.questions);
        r_.quiz.questions.push_back(std::move(q));
        ++r_.imported;
    }

    static bool isTrueFalse(const std::string& body) {
        const std::string head = text::trim(body.substr(0, body.find('#')));
        return head == "T" || head == "F" || head == "TRUE" || head == "FALSE";
    }

    bool readTrueFalse(Question& q, const std::string& body, bool html) {
        q.type = QuestionType::TrueFalse;
        const auto hash = body.find('#');
        const std::string head = text::trim(body.substr(0, hash));
        q.answer = head == "T" || head == "TRUE";
        if (hash != std::string::npos) {
            // {T#shown when wrong#shown when right}
            const std::string rest = body.substr(hash + 1);
            const auto second = rest.find('#');
            const std::string wrong = clean(rest.substr(0, second), html);
            if (!wrong.empty()) {
                q.feedbackIncorrect.set(options_.language, wrong);
            }
            if (second != std::string::npos) {
                const std::string right = clean(rest.substr(second + 1), html);
                if (!right.empty()) {
                    q.feedbackCorrect.set(options_.language, right);
                }
            }
        }
        return true;
    }

    static bool parseNumber(const std::string& s, double& out) {
        const std::string t = text::trim(s);
        char* end = nullptr;
        errno = 0;
        out = std::strtod(t.c_str(), &end);
        return !t.empty() && end != t.c_str() && *end == '\0' && errno == 0 && std::isfinite(out);
    }

    bool readNumeric(Question& q, const std::string& body, int line) {
        q.type = QuestionType::Numeric;
        std::vector<std::string> parts;
        if (text::trim(body).rfind('=', 0) == 0) {
            std::string cur;
            for (char c : text::trim(body).substr(1)) {
                if (c == '=' || c == '~') {
                    parts.push_back(cur);
                    cur.clear();
                    if (c == '~') {
                        cur = "~";
                    }
                    continue;
                }
                cur += c;
            }
            parts.push_back(cur);
        } else {
            parts.push_back(body);
        }
        for (std::string p : parts) {
            course::NumericAnswer a;
            p = text::trim(p);
            if (!p.empty() && p[0] == '~') {
                continue; // a wrong numeric answer scores 0 anyway
            }
            if (!p.empty() && p[0] == '%') {
                const auto end = p.find('%', 1);
                if (end == std::string::npos || !parseNumber(p.substr(1, end - 1), a.weight)) {
                    skip(line, _("a numeric answer has a bad %weight%"));
                    return false;
                }
                p = p.substr(end + 1);
            }
            if (const auto hash = p.find('#'); hash != std::string::npos) {
                drop(line, _("per-answer feedback on numeric answers is not kept"));
                p = p.substr(0, hash);
            }
            p = text::trim(p);
            if (const auto dots = p.find(".."); dots != std::string::npos) {
                a.isRange = true;
                if (!parseNumber(p.substr(0, dots), a.min) ||
                    !parseNumber(p.substr(dots + 2), a.max)) {
                    skip(line, fmt(_("\"%1\" is not a numeric range such as 1..5"), restore(p)));
                    return false;
                }
            } else {
                const auto colon = p.find(':');
                if (!parseNumber(p.substr(0, colon), a.value) ||
                    (colon != std::string::npos &&
                     !parseNumber(p.substr(colon + 1), a.tolerance))) {
                    skip(line, fmt(_("\"%1\" is not a number such as 3 or 3:0.5"), restore(p)));
                    return false;
                }
                a.tolerance = std::fabs(a.tolerance);
            }
            q.numeric.push_back(a);
        }
        if (q.numeric.empty()) {
            skip(line, _("the numeric question has no right answer"));
            return false;
        }
        return true;
    }

    std::vector<Answer> splitAnswers(const std::string& body, bool html) {
        std::vector<Answer> out;
        std::size_t i = 0;
        while (i < body.size()) {
            const char c = body[i];
            if (c != '=' && c != '~') {
                ++i;
                continue;
            }
            Answer a;
            a.mark = c;
            std::size_t j = i + 1;
            std::size_t next = body.find_first_of("=~", j);
            if (next == std::string::npos) {
                next = body.size();
            }
            std::string raw = body.substr(j, next - j);
            if (!raw.empty() && raw[0] == '%') {
                const auto end = raw.find('%', 1);
                double w = 0;
                if (end != std::string::npos && parseNumber(raw.substr(1, end - 1), w)) {
                    a.weight = w;
                    a.hasWeight = true;
                    raw = raw.substr(end + 1);
                }
            }
            if (const auto hash = raw.find('#'); hash != std::string::npos) {
                a.feedback = clean(raw.substr(hash + 1), html);
                a.hasFeedback = !a.feedback.empty();
                raw = raw.substr(0, hash);
            }
            a.text = raw; // cleaned by the caller (matching needs the raw "->")
            out.push_back(a);
            i = next;
        }
        return out;
    }

    bool readChoices(Question& q, const std::string& body, bool html, int line, bool hasAfter) {
        auto answers = splitAnswers(body, html);
        if (answers.empty()) {
            skip(line, _("the answers are not marked with = or ~"));
            return false;
        }
        const std::string lang = options_.language;
        const bool matching = std::any_of(answers.begin(), answers.end(), [](const Answer& a) {
            return a.text.find("->") != std::string::npos;
        });
        const std::size_t rights = static_cast<std::size_t>(std::count_if(
            answers.begin(), answers.end(), [](const Answer& a) { return a.mark == '='; }));
        const bool anyWrong = rights != answers.size();
        if (matching) {
            q.type = QuestionType::Matching;
            int n = 0;
            for (const auto& a : answers) {
                const auto arrow = a.text.find("->");
                if (arrow == std::string::npos || a.mark != '=') {
                    skip(line, _("every matching answer needs the form =left -> right"));
                    return false;
                }
                const std::string left = clean(a.text.substr(0, arrow), html);
                const std::string right = clean(a.text.substr(arrow + 2), html);
                if (right.empty()) {
                    skip(line, _("a matching pair has nothing on its right side"));
                    return false;
                }
                course::LText r;
                r.set(lang, right);
                if (left.empty()) {
                    q.distractors.push_back(r);
                    continue;
                }
                course::MatchPair p;
                p.id = "m" + std::to_string(++n);
                p.left.set(lang, left);
                p.right = r;
                q.pairs.push_back(p);
                if (a.hasFeedback) {
                    drop(line, _("per-pair feedback on matching questions is not kept"));
                }
            }
            return true;
        }
        if (!anyWrong) {
            // Only right answers: a short answer, or fill-in-the-blank when text follows.
            std::vector<course::Accept> accepts;
            for (const auto& a : answers) {
                course::Accept acc;
                acc.text = clean(a.text, html);
                acc.weight = a.hasWeight ? a.weight : 100;
                if (acc.text.empty()) {
                    continue;
                }
                if (a.hasFeedback) {
                    drop(line, _("per-answer feedback on short answers is not kept"));
                }
                accepts.push_back(acc);
            }
            if (accepts.empty()) {
                skip(line, _("the question has no answer text"));
                return false;
            }
            if (hasAfter) {
                q.type = QuestionType::Fill;
                course::Blank blank;
                blank.id = "1";
                blank.accepts = accepts;
                q.blanks.push_back(blank);
            } else {
                q.type = QuestionType::Short;
                q.accepts = accepts;
            }
            return true;
        }
        // Choices. One '=' (or none, with weights): single; weights on several: multiple.
        const bool weighted = std::count_if(answers.begin(), answers.end(), [](const Answer& a) {
                                  return a.mark == '~' && a.hasWeight && a.weight > 0;
                              }) > 0;
        q.type = (rights == 1 && !weighted) ? QuestionType::Single : QuestionType::Multiple;
        int n = 0;
        for (const auto& a : answers) {
            course::Choice c;
            c.id = std::string(1, static_cast<char>('a' + (n < 26 ? n : 25))) +
                   (n >= 26 ? std::to_string(n) : "");
            ++n;
            const std::string t = clean(a.text, html);
            if (t.empty()) {
                skip(line, _("an answer is empty"));
                return false;
            }
            c.text.set(lang, t);
            c.weight = a.hasWeight ? a.weight : (a.mark == '=' ? 100 : 0);
            if (q.type == QuestionType::Multiple && a.mark == '=' && !a.hasWeight) {
                c.weight = 100.0 / static_cast<double>(rights);
            }
            if (a.hasFeedback) {
                c.feedback.set(lang, a.feedback);
            }
            q.choices.push_back(c);
        }
        if (q.type == QuestionType::Multiple && rights > 1 && !weighted) {
            r_.problems.warning(name_, line, "weights",
                                _("several answers are marked right with =; each gets an equal "
                                  "share of the points"));
        }
        return true;
    }

    std::string name_;
    Options options_;
    Result& r_;
    std::string category_;
};

} // namespace

Result importGift(const std::string& bytes, const std::string& name, const Options& options) {
    Result r;
    r.quiz.id = options.quizId;
    GiftReader(name, options, r).read(bytes);
    return r;
}

} // namespace ayllu::import
