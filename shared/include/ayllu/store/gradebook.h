// Gradebook queries over the teacher's database, and CSV export for LibreOffice and Excel.
#pragma once

#include "ayllu/store/progress.h"

#include <SQLiteCpp/Database.h>
#include <functional>
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

// One learner and one content item, all attempts merged: the furthest status, the best score,
// the time of all attempts added up.
struct GradeRow {
    std::string learnerId, learnerName, course, content;
    int attempts = 0;
    Status status = Status::NotAttempted;
    std::optional<double> scorePercent;
    std::int64_t timeMs = 0;
    std::int64_t lastMs = 0; // 0: never
    bool completed() const { return status >= Status::Completed; }
};

// One question over the class: how many answered it, and the share answered right.
struct QuestionRow {
    std::string course, content, question;
    int answered = 0;
    int correct = 0;
    int partial = 0;
    double shareCorrect = 0; // 0..1
    double meanLatencyMs = 0;
};

struct ItemRow {
    std::string course, content;
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

// Every learner of the class's roster x every content item anyone in the class has worked on
// (learners who have not started an item get a "not attempted" row).
std::vector<GradeRow> gradebook(SQLite::Database& db, const GradeFilter& f);
// The hardest questions first: lowest share correct, then most answered.
std::vector<QuestionRow> questionStats(SQLite::Database& db, const GradeFilter& f);
std::vector<ItemRow> itemSummary(SQLite::Database& db, const GradeFilter& f);
std::vector<LearnerRow> learnerSummary(SQLite::Database& db, const GradeFilter& f);

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
                            const std::vector<CourseItem>& items);

// The status in the user's language.
std::string statusLabel(Status s);

// Title of a content item for the CSV (course, content) -> title; may return "".
using TitleLookup = std::function<std::string(const std::string&, const std::string&)>;

// UTF-8 with a byte-order mark (so Excel keeps accents), CRLF line ends, comma-separated,
// every text field quoted; fields starting with = + - @ get a leading ' so a learner's name can
// never run as a formula. Headers are in the user's language.
std::string gradebookCsv(const std::vector<GradeRow>& rows, const TitleLookup& titleOf = {});
std::string questionsCsv(const std::vector<QuestionRow>& rows, const TitleLookup& titleOf = {});

// One CSV field, quoted and protected as above.
std::string csvField(const std::string& text);

} // namespace ayllu::store
