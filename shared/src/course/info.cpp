#include "ayllu/course/info.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <sstream>

namespace ayllu::course {

Summary summarize(const Package& pkg) {
    Summary s;
    s.identifier = pkg.manifest.identifier;
    s.version = pkg.manifest.version;
    s.title = pkg.manifest.meta.title.best(kRequiredLanguage);
    for (const auto& l : pkg.manifest.meta.languages) {
        s.languages.push_back(l.code);
        if (l.needsReview) {
            s.languagesNeedingReview.push_back(l.code);
        }
    }
    for (QuestionType t : kAllQuestionTypes) {
        s.questionsByType[toString(t)] = 0;
    }
    s.lessons = pkg.lessons.size();
    for (const auto& [id, l] : pkg.lessons) {
        s.pages += l.pages.size();
    }
    s.quizzes = pkg.quizzes.size();
    for (const auto& [id, q] : pkg.quizzes) {
        s.questions += q.questions.size();
        for (const auto& question : q.questions) {
            ++s.questionsByType[toString(question.type)];
        }
    }
    s.drills = pkg.drills.size();
    s.coverage = languageCoverage(pkg);
    return s;
}

std::string toString(const LanguageCoverage& c) {
    return c.code + " " + std::to_string(c.percent()) + "% (" + std::to_string(c.present) + "/" +
           std::to_string(c.total) + ")";
}

std::string toJson(const Summary& s) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("identifier", s.identifier);
    o.set("version", s.version);
    o.set("title", s.title);
    Poco::JSON::Array langs;
    for (const auto& l : s.languages) {
        langs.add(l);
    }
    o.set("languages", langs);
    Poco::JSON::Array review;
    for (const auto& l : s.languagesNeedingReview) {
        review.add(l);
    }
    o.set("languages_needing_review", review);
    o.set("lessons", s.lessons);
    o.set("pages", s.pages);
    o.set("quizzes", s.quizzes);
    o.set("questions", s.questions);
    Poco::JSON::Object byType(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [type, n] : s.questionsByType) {
        byType.set(type, n);
    }
    o.set("questions_by_type", byType);
    o.set("drills", s.drills);
    Poco::JSON::Object coverage(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& c : s.coverage) {
        Poco::JSON::Object one(Poco::JSON_PRESERVE_KEY_ORDER);
        one.set("percent", c.percent());
        one.set("present", c.present);
        one.set("total", c.total);
        one.set("partial", c.partial);
        coverage.set(c.code, one);
    }
    o.set("coverage", coverage);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

} // namespace ayllu::course
