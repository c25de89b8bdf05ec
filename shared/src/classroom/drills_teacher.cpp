#include "ayllu/classroom/drills.h"
#include "ayllu/classroom/teacher_host.h"
#include "ayllu/i18n.h"

#include <algorithm>

namespace ayllu::classroom {

using i18n::fmt;

void DrillsTeacher::give(const std::string& course, const std::string& drill,
                         const std::vector<std::string>& devices) {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const auto* c = host_.courseLocked(course);
        if (c == nullptr || c->drills.count(drill) == 0) {
            throw Error(fmt(_("there is no drill \"%1\" in course \"%2\""), drill, course));
        }
    }
    host_.offerIfNeeded(course); // a PC without the course gets it now, as for a lesson
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        ClassState& st = host_.classState();
        st.drillActive = true;
        st.drill.course = course;
        st.drill.content = drill;
        st.drill.all = devices.empty();
        st.drill.devices = std::set<std::string>(devices.begin(), devices.end());
        ++st.drill.round;
        for (auto& [id, v] : host_.views()) {
            if (st.drillFor(v.deviceId)) {
                v.drillDone = v.drillTotal = 0;
                v.drillResult.clear();
                v.drillPercent = 0;
            }
        }
    }
    host_.changed();
    if (auto* o = host_.observer()) {
        o->studentsChanged();
    }
}

void DrillsTeacher::end() {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        if (!host_.classState().drillActive) {
            return;
        }
        host_.classState().drillActive = false;
    }
    host_.changed();
    if (auto* o = host_.observer()) {
        o->studentsChanged();
    }
}

bool DrillsTeacher::isResultLocked(const store::Event& e, const std::string& device) const {
    const ClassState& st = host_.classState();
    return e.kind == store::EventKind::Drill && st.drillFor(device) &&
           e.course == st.drill.course && e.content == st.drill.content;
}

void DrillsTeacher::resultsCommitted(const std::vector<store::Event>& results) {
    std::lock_guard<std::mutex> lock(host_.mutex());
    for (const auto& e : results) {
        StudentView& v = host_.views()[e.learner];
        v.drillResult = e.result == "passed" ? "passed" : "failed";
        v.drillPercent = std::clamp(e.scoreRaw.value_or(0.0), 0.0, 100.0);
    }
}

} // namespace ayllu::classroom
