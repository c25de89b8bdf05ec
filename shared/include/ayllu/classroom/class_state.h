// What the teacher has put in front of the class, as sent to students (without any answer key)
// and as saved for a restart of the console.
#pragma once

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ayllu::classroom {

enum class Mode { Idle, Paced, SelfPaced };
const char* toString(Mode m);

struct LiveQuiz {
    std::string course;  // package identifier
    std::string content; // quiz resource id
    std::string quizId;
    int attempt = 1;
    bool oneByOne = false;
    int visible = 0;   // questions shown so far (oneByOne), else all
    bool open = false; // answers accepted
    bool revealed = false;
    std::int64_t deadlineMs = 0; // teacher clock; 0: no timer
    unsigned seed = 0;           // for the public view's shuffles and opaque ids
};

// A drill the teacher handed out during the class: to every PC, or to some of them.
struct LiveDrill {
    std::string course;            // package identifier
    std::string content;           // drill resource id
    bool all = true;               // every PC, also those joining later
    std::set<std::string> devices; // when not `all`
    int round = 0;                 // drills handed out so far: the same drill again is new
};

struct ClassState {
    Mode mode = Mode::Idle;
    std::string course;
    std::string lesson; // lesson resource id
    std::string page;   // paced: the page everyone is on
    bool lockAll = false;
    std::set<std::string> lockedDevices;
    bool quizActive = false;
    LiveQuiz quiz;
    bool drillActive = false;
    LiveDrill drill; // its round is kept after it ends

    bool drillFor(const std::string& device) const {
        return drillActive && (drill.all || drill.devices.count(device) != 0);
    }
    bool lockedFor(const std::string& device) const {
        return lockAll || lockedDevices.count(device) != 0;
    }
};

// For saving (everything, the key-free quiz settings included); in messages.cpp, with every
// other JSON the classroom writes.
std::string saveState(const ClassState& s);
ClassState loadState(const std::string& json); // an unreadable state gives Idle

} // namespace ayllu::classroom
