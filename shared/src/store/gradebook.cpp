#include "ayllu/store/gradebook.h"

#include "ayllu/i18n.h"
#include "ayllu/problem.h"
#include "sql.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace ayllu::store {

namespace {

// Progress rows of the class, all attempts merged per learner and item, within the filter.
constexpr const char* kMerged = R"sql(
SELECT p.learner, p.course, p.content, count(*) AS attempts, max(p.status_rank) AS rank,
       max(CASE WHEN p.score_max > 0 THEN 100.0 * p.score_raw / p.score_max END) AS best,
       sum(p.time_ms) AS time_ms, max(p.updated_ms) AS last_ms
FROM progress p JOIN learners l ON l.id = p.learner
WHERE l.class_id = ?1 AND (?2 = '' OR p.learner = ?2) AND (?3 = '' OR p.course = ?3)
GROUP BY p.learner, p.course, p.content
HAVING (?4 = 0 OR max(p.updated_ms) >= ?4) AND (?5 = 0 OR max(p.updated_ms) < ?5)
)sql";

void bindFilter(SQLite::Statement& q, const GradeFilter& f) {
    sql::bind(q, f.classId, f.learner, f.course, static_cast<std::int64_t>(f.sinceMs),
              static_cast<std::int64_t>(f.untilMs));
}

std::string number(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string isoDate(std::int64_t ms) {
    if (ms <= 0) {
        return {};
    }
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

} // namespace

const ItemInfo* Catalog::find(const std::string& course, const std::string& content) const {
    const auto it = items.find({course, content});
    return it == items.end() ? nullptr : &it->second;
}

std::string Catalog::courseTitle(const std::string& course) const {
    const auto it = courses.find(course);
    return it == courses.end() || it->second.empty() ? course : it->second;
}

std::string Catalog::title(const std::string& course, const std::string& content) const {
    const auto* i = find(course, content);
    return i == nullptr || i->title.empty() ? content : i->title;
}

std::string Catalog::question(const std::string& course, const std::string& content,
                              const std::string& question) const {
    const auto* i = find(course, content);
    if (i == nullptr) {
        return question;
    }
    const auto q = i->questions.find(question);
    return q == i->questions.end() || q->second.empty() ? question : q->second;
}

namespace {

using Key = std::tuple<std::string, std::string, std::string>; // learner, course, content

// Per learner and item: a count or a sum from one grouped query over the class.
std::map<Key, std::int64_t> perLearnerItem(SQLite::Database& db, const GradeFilter& f,
                                           const char* sql) {
    std::map<Key, std::int64_t> out;
    SQLite::Statement q(db, sql); // over all dates: the period chose the rows already
    sql::bind(q, f.classId, f.learner, f.course);
    while (q.executeStep()) {
        out[{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()}] =
            q.getColumn(3).getInt64();
    }
    return out;
}

// The distinct pages each learner has seen of each lesson.
constexpr const char* kPagesSeen = R"sql(
SELECT e.learner, e.course, e.content, count(DISTINCT e.item)
FROM events e JOIN learners l ON l.id = e.learner
WHERE l.class_id = ?1 AND (?2 = '' OR e.learner = ?2) AND (?3 = '' OR e.course = ?3)
  AND e.kind = 'page'
GROUP BY e.learner, e.course, e.content
)sql";

// The time a quiz's answers took (a live quiz reports no time of its own).
constexpr const char* kAnswerTime = R"sql(
SELECT i.learner, i.course, i.content, sum(max(coalesce(i.latency_ms, 0), 0))
FROM interactions i JOIN learners l ON l.id = i.learner
WHERE l.class_id = ?1 AND (?2 = '' OR i.learner = ?2) AND (?3 = '' OR i.course = ?3)
  AND i.item <> 'drill'
GROUP BY i.learner, i.course, i.content
)sql";

} // namespace

std::vector<GradeRow> gradebook(SQLite::Database& db, const GradeFilter& f,
                                const Catalog& catalog) {
    // Which items: every one anyone in the class worked on (within the filter).
    std::map<std::pair<std::string, std::string>, bool> items;
    std::map<Key, GradeRow> found;
    // The items come from the whole class, so one learner's view also lists what they have not
    // started yet.
    GradeFilter classWide = f;
    classWide.learner.clear();
    SQLite::Statement q(db, kMerged);
    bindFilter(q, classWide);
    while (q.executeStep()) {
        GradeRow r;
        sql::read(q, r.learnerId, r.course, r.content, r.attempts, r.status, r.scorePercent,
                  r.timeMs, r.lastMs);
        items[{r.course, r.content}] = true;
        found[{r.learnerId, r.course, r.content}] = r;
    }
    const auto pagesSeen = perLearnerItem(db, f, kPagesSeen);
    const auto answerTime = perLearnerItem(db, f, kAnswerTime);
    SQLite::Statement roster(db, "SELECT id, name FROM learners WHERE class_id = ?1 AND "
                                 "(?2 = '' OR id = ?2) ORDER BY name, id");
    sql::bind(roster, f.classId, f.learner);
    std::vector<GradeRow> out;
    while (roster.executeStep()) {
        const std::string id = roster.getColumn(0).getString();
        const std::string name = roster.getColumn(1).getString();
        for (const auto& [item, unused] : items) {
            const Key key{id, item.first, item.second};
            auto it = found.find(key);
            GradeRow r = it != found.end() ? it->second : GradeRow{};
            r.learnerId = id;
            r.learnerName = name;
            r.course = item.first;
            r.content = item.second;
            r.courseTitle = catalog.courseTitle(r.course);
            r.title = catalog.title(r.course, r.content);
            if (const auto p = pagesSeen.find(key); p != pagesSeen.end()) {
                r.pagesSeen = static_cast<int>(p->second);
            }
            const ItemInfo* info = catalog.find(r.course, r.content);
            if (info != nullptr && info->kind == ItemInfo::Kind::Lesson) {
                r.pagesTotal = info->pages;
                r.pagesSeen = std::min(r.pagesSeen, r.pagesTotal);
                if (r.pagesTotal > 0 && r.pagesSeen == r.pagesTotal &&
                    r.status < Status::Completed) {
                    r.status = Status::Completed; // every page seen: the lesson is done
                }
            }
            if (const auto t = answerTime.find(key); r.timeMs == 0 && t != answerTime.end()) {
                r.timeMs = t->second;
            }
            out.push_back(r);
        }
    }
    return out;
}

std::vector<QuestionRow> questionStats(SQLite::Database& db, const GradeFilter& f,
                                       const Catalog& catalog) {
    SQLite::Statement q(db, R"sql(
SELECT i.course, i.content, i.item, count(*),
       sum(i.result = 'correct'), sum(i.result = 'partial'), avg(i.latency_ms)
FROM interactions i JOIN learners l ON l.id = i.learner
WHERE l.class_id = ?1 AND (?2 = '' OR i.learner = ?2) AND (?3 = '' OR i.course = ?3)
  AND (?4 = 0 OR i.at_ms >= ?4) AND (?5 = 0 OR i.at_ms < ?5) AND i.item <> 'drill'
GROUP BY i.course, i.content, i.item
ORDER BY 1.0 * sum(i.result = 'correct') / count(*) ASC, count(*) DESC, i.course, i.content, i.item
)sql");
    bindFilter(q, f);
    std::vector<QuestionRow> out;
    while (q.executeStep()) {
        QuestionRow r;
        sql::read(q, r.course, r.content, r.question, r.answered, r.correct, r.partial,
                  r.meanLatencyMs);
        r.shareCorrect = r.answered > 0 ? static_cast<double>(r.correct) / r.answered : 0;
        r.title = catalog.title(r.course, r.content);
        r.text = catalog.question(r.course, r.content, r.question);
        out.push_back(r);
    }
    return out;
}

std::vector<ItemRow> itemSummary(SQLite::Database& db, const GradeFilter& f,
                                 const Catalog& catalog) {
    return itemSummary(gradebook(db, f, catalog));
}

std::vector<ItemRow> itemSummary(const std::vector<GradeRow>& rows) {
    std::map<std::pair<std::string, std::string>, ItemRow> items;
    std::map<std::pair<std::string, std::string>, std::pair<double, int>> scores;
    for (const auto& g : rows) {
        ItemRow& r = items[{g.course, g.content}];
        r.course = g.course;
        r.content = g.content;
        r.title = g.title;
        ++r.learners;
        if (g.status > Status::NotAttempted || g.timeMs > 0 || g.attempts > 0) {
            ++r.started;
            r.meanTimeMs += static_cast<double>(g.timeMs);
        }
        if (g.completed()) {
            ++r.completed;
        }
        if (g.scorePercent) {
            auto& s = scores[{g.course, g.content}];
            s.first += *g.scorePercent;
            ++s.second;
        }
    }
    std::vector<ItemRow> out;
    for (auto& [key, r] : items) {
        if (r.started > 0) {
            r.meanTimeMs /= r.started;
        }
        if (auto s = scores.find(key); s != scores.end() && s->second.second > 0) {
            r.meanScorePercent = s->second.first / s->second.second;
        }
        out.push_back(r);
    }
    return out;
}

std::vector<LearnerRow> learnerSummary(SQLite::Database& db, const GradeFilter& f,
                                       const Catalog& catalog) {
    return learnerSummary(gradebook(db, f, catalog));
}

std::vector<LearnerRow> learnerSummary(const std::vector<GradeRow>& rows) {
    std::vector<LearnerRow> out;
    std::map<std::string, std::size_t> index;
    std::map<std::string, std::pair<double, int>> scores;
    for (const auto& g : rows) {
        auto [it, fresh] = index.emplace(g.learnerId, out.size());
        if (fresh) {
            out.push_back({g.learnerId, g.learnerName, 0, 0, std::nullopt, 0});
        }
        LearnerRow& r = out[it->second];
        if (g.attempts > 0 || g.status > Status::NotAttempted) {
            ++r.started;
        }
        if (g.completed()) {
            ++r.completed;
        }
        r.timeMs += g.timeMs;
        if (g.scorePercent) {
            scores[g.learnerId].first += *g.scorePercent;
            ++scores[g.learnerId].second;
        }
    }
    for (auto& r : out) {
        if (auto s = scores.find(r.learnerId); s != scores.end()) {
            r.meanScorePercent = s->second.first / s->second.second;
        }
    }
    return out;
}

ClassSummary classSummary(SQLite::Database& db, const GradeFilter& f, const Catalog& catalog) {
    return classSummary(gradebook(db, f, catalog));
}

ClassSummary classSummary(const std::vector<GradeRow>& rows) {
    ClassSummary c;
    std::set<std::pair<std::string, std::string>> items;
    std::set<std::string> learners;
    double scores = 0;
    int scored = 0;
    std::int64_t time = 0;
    for (const auto& g : rows) {
        learners.insert(g.learnerId);
        items.insert({g.course, g.content});
        c.started += g.attempts > 0 || g.status > Status::NotAttempted ? 1 : 0;
        c.completed += g.completed() ? 1 : 0;
        if (g.scorePercent) {
            scores += *g.scorePercent;
            ++scored;
        }
        time += g.timeMs;
    }
    c.learners = static_cast<int>(learners.size());
    c.items = static_cast<int>(items.size());
    if (scored > 0) {
        c.meanScorePercent = scores / scored;
    }
    c.meanTimeMs = c.learners > 0 ? time / c.learners : 0;
    return c;
}

int Completion::done() const {
    int n = 0;
    for (const auto& [item, row] : items) {
        n += row.completed() ? 1 : 0;
    }
    return n;
}

Completion courseCompletion(SQLite::Database& db, const std::string& classId,
                            const std::string& learner, const std::string& course,
                            const std::vector<CourseItem>& items, const Catalog& catalog) {
    Completion c;
    c.learnerId = learner;
    c.course = course;
    {
        SQLite::Statement q(db, "SELECT name FROM learners WHERE id = ? AND class_id = ?");
        sql::bind(q, learner, classId);
        if (!q.executeStep()) {
            throw Error(i18n::fmt(_("%1 is not on this class's roster"), learner));
        }
        c.learnerName = q.getColumn(0).getString();
    }
    GradeFilter f;
    f.classId = classId;
    f.learner = learner;
    f.course = course;
    std::map<std::string, GradeRow> byContent;
    for (auto& row : gradebook(db, f, catalog)) {
        byContent[row.content] = row;
    }
    for (const auto& item : items) {
        GradeRow row;
        const auto it = byContent.find(item.content);
        if (it != byContent.end()) {
            row = it->second;
        } else {
            row.learnerId = learner;
            row.learnerName = c.learnerName;
            row.course = course;
            row.content = item.content;
        }
        c.lastMs = std::max(c.lastMs, row.lastMs);
        c.items.emplace_back(item, row);
    }
    return c;
}

std::string statusLabel(Status s) {
    switch (s) {
    case Status::NotAttempted:
        return _("not attempted");
    case Status::Incomplete:
        return _("incomplete");
    case Status::Completed:
        return _("completed");
    case Status::Failed:
        return _("failed");
    case Status::Passed:
        return _("passed");
    }
    return toString(s);
}

std::string csvField(const std::string& text) {
    std::string v = text;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' ||
                       v[0] == '\r')) {
        v.insert(0, 1, '\''); // never a formula
    }
    std::string out = "\"";
    for (char c : v) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

CsvStyle csvStyleFor(const std::string& language) {
    // Spreadsheets follow the PC's regional settings: in Peru (and in Spanish generally) the
    // decimal separator is a comma, so fields are separated by ';'.
    if (language.rfind("en", 0) == 0) {
        return {',', '.'};
    }
    return {';', ','};
}

namespace {

std::string line(const std::vector<std::string>& fields, const CsvStyle& style) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += style.separator;
        }
        out += fields[i];
    }
    return out + "\r\n";
}

std::string decimal(double v, int decimals, const CsvStyle& style) {
    std::string s = number(v, decimals);
    std::replace(s.begin(), s.end(), '.', style.decimal);
    return s;
}

} // namespace

std::string gradebookCsv(const std::vector<GradeRow>& rows, const CsvStyle& style) {
    std::string out = "\xEF\xBB\xBF";
    out +=
        line({csvField(_("Learner")), csvField(_("Course")), csvField(_("Lesson, quiz or drill")),
              csvField(_("Status")), csvField(_("Score (%)")), csvField(_("Pages seen")),
              csvField(_("Pages")), csvField(_("Minutes")), csvField(_("Attempts")),
              csvField(_("Completed")), csvField(_("Last activity"))},
             style);
    for (const auto& r : rows) {
        out += line(
            {csvField(r.learnerName), csvField(r.courseTitle.empty() ? r.course : r.courseTitle),
             csvField(r.title.empty() ? r.content : r.title), csvField(statusLabel(r.status)),
             r.scorePercent ? decimal(*r.scorePercent, 1, style) : std::string(),
             r.pagesTotal > 0 ? std::to_string(r.pagesSeen) : std::string(),
             r.pagesTotal > 0 ? std::to_string(r.pagesTotal) : std::string(),
             decimal(static_cast<double>(r.timeMs) / 60000.0, 1, style), std::to_string(r.attempts),
             csvField(r.completed() ? _("yes") : _("no")), csvField(isoDate(r.lastMs))},
            style);
    }
    return out;
}

std::string questionsCsv(const std::vector<QuestionRow>& rows, const CsvStyle& style) {
    std::string out = "\xEF\xBB\xBF";
    out += line({csvField(_("Quiz")), csvField(_("Question")), csvField(_("Answered")),
                 csvField(_("Correct")), csvField(_("Partly correct")), csvField(_("Correct (%)")),
                 csvField(_("Mean time to answer (s)"))},
                style);
    for (const auto& r : rows) {
        out += line({csvField(r.title.empty() ? r.content : r.title),
                     csvField(r.text.empty() ? r.question : r.text), std::to_string(r.answered),
                     std::to_string(r.correct), std::to_string(r.partial),
                     decimal(100.0 * r.shareCorrect, 1, style),
                     decimal(r.meanLatencyMs / 1000.0, 1, style)},
                    style);
    }
    return out;
}

} // namespace ayllu::store
