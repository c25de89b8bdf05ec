#include "ayllu/classroom/screen_lock.h"

namespace ayllu::classroom {

bool ScreenLockStudent::shown(bool connected, std::int64_t nowMs, std::int64_t lostMs) const {
    return byTeacher && (connected || nowMs - lostMs < kReleaseMs);
}

} // namespace ayllu::classroom
