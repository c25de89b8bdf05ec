#include "ayllu/classroom/live_quiz.h"
#include "ayllu/classroom/presence.h"
#include "ayllu/classroom/teacher_host.h"
#include "ayllu/i18n.h"

#include <algorithm>

namespace ayllu::classroom {

void PresenceTeacher::onPresence(TeacherSession& s, const msg::Presence& p) {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        if (s.learners.count(p.learner) == 0) {
            throw net::ProtocolError("presence of a learner not signed in on this PC");
        }
        StudentView& v = host_.views()[p.learner];
        v.state = p.state;
        if (p.state == "drill") {
            // Without progress it is a drill the learner opened on their own.
            v.drillDone = p.drill ? p.drill->done : 0;
            v.drillTotal = p.drill ? p.drill->total : 0;
        }
        v.page = p.page;
        v.course = p.course;
        v.content = p.content;
    }
    if (auto* o = host_.observer()) {
        o->studentsChanged();
    }
}

void PresenceTeacher::onHand(TeacherSession& s, const msg::Hand& h) {
    bool changed = false;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        if (s.learners.count(h.learner) == 0) {
            throw net::ProtocolError("presence of a learner not signed in on this PC");
        }
        StudentView& v = host_.views()[h.learner];
        changed = h.up != v.hand; // the PC is told only when something changed
        v.hand = h.up;
    }
    if (changed) {
        host_.sendClassState(s); // the learner's button follows what the teacher sees
    }
    if (auto* o = host_.observer()) {
        o->studentsChanged();
    }
}

std::map<std::string, std::set<std::string>> PresenceTeacher::handsLocked() const {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& [learner, v] : host_.views()) {
        if (v.hand && v.online) {
            out[v.deviceId].insert(learner);
        }
    }
    return out;
}

void PresenceTeacher::lowerHands(const std::vector<std::string>& learners) {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        for (auto& [id, v] : host_.views()) {
            if (learners.empty() ||
                std::find(learners.begin(), learners.end(), id) != learners.end()) {
                v.hand = false;
            }
        }
    }
    host_.broadcastState();
    if (auto* o = host_.observer()) {
        o->studentsChanged();
    }
}

int PresenceTeacher::handsUp() {
    std::lock_guard<std::mutex> lock(host_.mutex());
    const auto& views = host_.views();
    return static_cast<int>(std::count_if(views.begin(), views.end(), [](const auto& v) {
        return v.second.hand && v.second.online;
    }));
}

void PresenceTeacher::describeLocked(StudentView& v, const std::string& language) const {
    const std::string lang = language.empty() ? i18n::currentLanguage() : language;
    const ClassState& st = host_.classState();
    v.activity = v.state.empty() ? std::string("idle") : v.state;
    const auto done = quiz_.answeredAllLocked(v.learnerId);
    if (!v.online) {
        v.activity = "offline";
    } else if (v.hand || v.state == "needs help") {
        v.activity = "needs help";
    } else if (done && (*done || st.quiz.open)) {
        v.activity = *done ? "done" : "answering";
    }
    // Where, by its title in the teacher's language: the quiz while it is on, else what the PC
    // said (its course and lesson, or the teacher's when the PC did not say).
    v.where.clear();
    if (done && (st.quiz.open || *done)) { // in the live quiz (a raised hand too)
        v.course = st.quiz.course;
        v.content = st.quiz.content;
        v.page.clear();
    } else if (v.course.empty() && !v.page.empty()) {
        v.course = st.course;
        v.content = st.lesson;
    }
    const auto* pkg = host_.courseLocked(v.course);
    if (pkg == nullptr) {
        return;
    }
    if (const auto q = pkg->quizzes.find(v.content); q != pkg->quizzes.end()) {
        v.where = q->second.title.best(lang);
    } else if (const auto d = pkg->drills.find(v.content); d != pkg->drills.end()) {
        v.where = d->second.title.best(lang);
    } else if (const auto l = pkg->lessons.find(v.content); l != pkg->lessons.end()) {
        v.where = l->second.title.best(lang);
        for (const auto& p : l->second.pages) {
            if (p.id == v.page && !p.title.empty()) {
                v.where = p.title.best(lang);
            }
        }
    }
}

std::vector<StudentView> PresenceTeacher::students(const std::string& language) {
    const auto roster = host_.store().roster(host_.classInfo().id);
    std::lock_guard<std::mutex> lock(host_.mutex());
    const auto labels = host_.pcLabelsLocked();
    const auto& views = host_.views();
    std::vector<StudentView> out;
    for (const auto& r : roster) {
        auto it = views.find(r.id);
        StudentView v = it != views.end() ? it->second : StudentView{};
        v.learnerId = r.id;
        v.name = r.name;
        v.picture = r.picture;
        if (const auto pc = labels.find(v.deviceId); pc != labels.end()) {
            v.deviceName = pc->second;
        }
        describeLocked(v, language);
        out.push_back(v);
    }
    return out;
}

} // namespace ayllu::classroom
