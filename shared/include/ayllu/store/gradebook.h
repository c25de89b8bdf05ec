// Gradebook queries over the teacher's database, and CSV export for LibreOffice and Excel.
#pragma once

#include "ayllu/store/progress.h"

#include <SQLiteCpp/Database.h>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ayllu::store {

struct GradeFilter {
    std::string classId;      // required
    std::string learner;      // empty: all
    std::string course;       // empty: all
    std::int64_t sinceMs = 0; // last activity at or after (0: no limit)
    std::int64_t untilMs = 0; // last activity before (0: no limit)
};

// What the gradebook knows of the content, so that every view names things as the teacher
// knows them (titles in the teacher's language, never identifiers) and a lesson counts its pages.
// Filled from the course packages the console offers (course/catalog.h: catalogOf).
struct ItemInfo {
    enum class Kind { Lesson, Quiz, Drill };
    Kind kind = Kind::Lesson;
    std::string title;
    int pages = 0;                                // a lesson's pages
    std::map<std::string, std::string> questions; // a quiz's question id -> its text
};
struct Catalog {
    std::map<std::string, std::string> courses; // identifier -> title
    std::map<std::pair<std::string, std::string>, ItemInfo> items;

    const ItemInfo* find(const std::string& course, const std::string& content) const;
    // The title, or the identifier when the course is not known here (imported from elsewhere).
    std::string courseTitle(const std::string& course) const;
    std::string title(const std::string& course, const std::string& content) const;
    std::string question(const std::string& course, const std::string& content,
                         const std::string& question) const;
};

// One learner and one content item, all attempts merged: the furthest status, the best score,
// the time of all attempts added up. A lesson whose pages were all seen counts as completed.
struct GradeRow {
    std::string learnerId, learnerName, course, content;
    std::string courseTitle, title; // from the catalog; the identifiers when it has none
    int attempts = 0;
    int pagesSeen = 0, pagesTotal = 0; // a lesson (total 0: not a lesson, or unknown)
    Status status = Status::NotAttempted;
    std::optional<double> scorePercent;
    std::int64_t timeMs = 0;
    std::int64_t lastMs = 0; // 0: never
    bool completed() const { return status >= Status::Completed; }
};

// One question over the class: how many answered it, and the share answered right.
struct QuestionRow {
    std::string course, content, question;
    std::string title, text; // the quiz's title and the question's text (from the catalog)
    int answered = 0;
    int correct = 0;
    int partial = 0;
    double shareCorrect = 0; // 0..1
    double meanLatencyMs = 0;
};

struct ItemRow {
    std::string course, content;
    std::string title;
    int learners = 0; // in the class
    int started = 0;
    int completed = 0;
    std::optional<double> meanScorePercent;
    double meanTimeMs = 0; // over those who started
};

struct LearnerRow {
    std::string learnerId, learnerName;
    int started = 0;
    int completed = 0;
    std::optional<double> meanScorePercent;
    std::int64_t timeMs = 0;
};

// The whole class: learners, the items worked on, and the means over the learners.
struct ClassSummary {
    int learners = 0;
    int items = 0;
    int completed = 0, started = 0; // learner x item rows
    std::optional<double> meanScorePercent;
    std::int64_t meanTimeMs = 0; // per learner
};

// Every learner of the class's roster x every content item anyone in the class has worked on
// (learners who have not started an item get a "not attempted" row).
// A quiz's time is the time its answers took when no time was reported for it.
std::vector<GradeRow> gradebook(SQLite::Database& db, const GradeFilter& f,
                                const Catalog& catalog = {});
// The hardest questions first: lowest share correct, then most answered.
std::vector<QuestionRow> questionStats(SQLite::Database& db, const GradeFilter& f,
                                       const Catalog& catalog = {});
std::vector<ItemRow> itemSummary(SQLite::Database& db, const GradeFilter& f,
                                 const Catalog& catalog = {});
std::vector<LearnerRow> learnerSummary(SQLite::Database& db, const GradeFilter& f,
                                       const Catalog& catalog = {});
ClassSummary classSummary(SQLite::Database& db, const GradeFilter& f, const Catalog& catalog = {});
// The same figures from rows already read (one gradebook() for a screen and its summaries).
std::vector<ItemRow> itemSummary(const std::vector<GradeRow>& rows);
std::vector<LearnerRow> learnerSummary(const std::vector<GradeRow>& rows);
ClassSummary classSummary(const std::vector<GradeRow>& rows);

// How far a learner is through a whole course: one row per content item of the course, in the
// course's order (items nobody in the class has started are "not attempted").
struct CourseItem {
    std::string content; // resource identifier
    std::string title;
};
struct Completion {
    std::string learnerId, learnerName, course;
    std::vector<std::pair<CourseItem, GradeRow>> items;
    std::int64_t lastMs = 0; // the latest activity in the course
    int done() const;
    bool complete() const { return !items.empty() && done() == static_cast<int>(items.size()); }
};
// Throws ayllu::Error when the learner is not on the class's roster.
Completion courseCompletion(SQLite::Database& db, const std::string& classId,
                            const std::string& learner, const std::string& course,
                            const std::vector<CourseItem>& items, const Catalog& catalog = {});

// The status in the user's language.
std::string statusLabel(Status s);

// How a spreadsheet in the user's language reads a CSV: Spanish (and Quechua and Aymara, whose
// PCs use Peru's Spanish settings) separates fields with ';' and writes 2,5; English uses ',' and
// 2.5.
struct CsvStyle {
    char separator = ';';
    char decimal = ',';
};
CsvStyle csvStyleFor(const std::string& language);

// UTF-8 with a byte-order mark (so Excel keeps accents), CRLF line ends, every text field quoted;
// fields starting with = + - @ get a leading ' so a learner's name can never run as a formula.
// Headers in the user's language, things named by their titles. One row per learner and item.
std::string gradebookCsv(const std::vector<GradeRow>& rows, const CsvStyle& style = {});
// One row per question: the quiz, the question's text, how many answered and got it right.
std::string questionsCsv(const std::vector<QuestionRow>& rows, const CsvStyle& style = {});

// One CSV field, quoted and protected as above.
std::string csvField(const std::string& text);

} // namespace ayllu::store
