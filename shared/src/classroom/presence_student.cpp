// presence, the student's side: what a learner is doing and where, a raised hand, and how far a
// learner is in a drill handed out (the teacher's class view shows them; presence_teacher.cpp).
#include "ayllu/classroom/presence.h"
#include "ayllu/classroom/student_agent.h"

#include <algorithm>

namespace ayllu::classroom {

void StudentAgent::presence(const std::string& learner, const std::string& state,
                            const std::string& page, const std::string& course,
                            const std::string& content) {
    msg::Presence p;
    p.learner = learner;
    p.state = state;
    p.page = page;
    if (!course.empty()) {
        p.course = course;
        p.content = content;
    }
    try {
        send(p);
    } catch (const net::ChannelClosed&) {
    }
}

void StudentAgent::drillProgress(const std::string& learner, const std::string& drill, int done,
                                 int total) {
    if (total < 1) {
        return; // nothing to count (the teacher refuses a drill of no steps)
    }
    msg::Presence p;
    p.learner = learner;
    p.state = "drill";
    p.content = drill; // where the learner is, for the class view's title
    if (const auto v = view(); v.drill && v.drill->content == drill) {
        p.course = v.drill->course;
    }
    p.drill = msg::DrillProgress{drill, std::clamp(done, 0, total), total};
    try {
        send(p);
    } catch (const net::ChannelClosed&) {
    }
}

void StudentAgent::hand(const std::string& learner, bool up) {
    try {
        send(msg::Hand{learner, up});
    } catch (const net::ChannelClosed&) {
    }
}

} // namespace ayllu::classroom
