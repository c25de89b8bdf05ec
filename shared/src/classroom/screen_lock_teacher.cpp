#include "ayllu/classroom/screen_lock.h"
#include "ayllu/classroom/teacher_host.h"

namespace ayllu::classroom {

void ScreenLockTeacher::lock(bool locked, const std::vector<std::string>& devices) {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        ClassState& st = host_.classState();
        if (devices.empty()) {
            st.lockAll = locked;
            if (!locked) {
                st.lockedDevices.clear();
            }
        } else {
            for (const auto& d : devices) {
                if (locked) {
                    st.lockedDevices.insert(d);
                } else {
                    st.lockedDevices.erase(d);
                }
            }
        }
    }
    host_.changed();
}

std::vector<LeftLocked> ScreenLockTeacher::leftLocked() {
    std::lock_guard<std::mutex> lock(host_.mutex());
    std::vector<LeftLocked> out;
    auto labels = host_.pcLabelsLocked();
    for (const auto& [device, l] : left_) {
        out.push_back(l);
        out.back().deviceName = labels[device];
    }
    return out;
}

void ScreenLockTeacher::cameBackLocked(const std::string& device) {
    left_.erase(device);
}

void ScreenLockTeacher::wentAwayLocked(const TeacherSession& s,
                                       const std::vector<std::string>& learners, bool stopping) {
    // A PC closed, killed or unplugged while locked: the teacher should look at it.
    if (host_.classState().lockedFor(s.device) && !stopping) {
        left_[s.device] = LeftLocked{s.device, s.deviceName, learners, store::nowMs()};
    }
}

void ScreenLockTeacher::namesLocked(std::map<std::string, std::string>& names) const {
    for (const auto& [device, l] : left_) {
        names[device] = l.deviceName;
    }
}

} // namespace ayllu::classroom
