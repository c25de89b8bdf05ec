#include "ayllu/classroom/class_state.h"

namespace ayllu::classroom {

const char* toString(Mode m) {
    switch (m) {
    case Mode::Paced:
        return "paced";
    case Mode::SelfPaced:
        return "self-paced";
    case Mode::Idle:
        break;
    }
    return "idle";
}

} // namespace ayllu::classroom
