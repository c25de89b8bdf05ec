#include "drill_status.h"

#include "tr.h"

#include <cmath>

namespace ayllu::teacher {

wxString drillStatus(const classroom::StudentView& s, const classroom::ClassState& state) {
    if (!s.online || !state.drillFor(s.deviceId)) {
        return {};
    }
    if (!s.drillResult.empty()) {
        const int percent = static_cast<int>(std::lround(s.drillPercent));
        return s.drillResult == "passed" ? wxString::Format(_("✔ %d %%"), percent)
                                         : wxString::Format(_("✘ %d %%"), percent);
    }
    if (s.state == "drill" && s.drillTotal > 0) {
        // TRANSLATORS: a learner's progress in a drill handed out in class: steps done of all.
        return wxString::Format(_("drill %d/%d"), s.drillDone, s.drillTotal);
    }
    return {};
}

} // namespace ayllu::teacher
