// course_delivery: a course package from the console to every student PC, resumed after a cut.
// The teacher's side (CourseDeliveryTeacher, course_delivery_teacher.cpp) offers the students'
// edition of a course (without the quizzes that run live), sends it in chunks from the offset a
// PC asks for, and keeps where it stands on each PC; the student's side
// (CourseDeliveryStudent, course_delivery_student.cpp) fetches, checks and installs it.
// Messages: msg::PackageOffer, msg::PackageRequest, msg::PackageChunk, msg::PackageDone.
#pragma once

#include "ayllu/classroom/messages.h"
#include "ayllu/classroom/teacher_service.h"

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ayllu::classroom {

class TeacherHost;
struct TeacherSession;
class StudentHost;

class CourseDeliveryTeacher {
public:
    explicit CourseDeliveryTeacher(TeacherHost& host) : host_(host) {}
    // Offers the course to every PC now and to those joining later. Throws ayllu::Error.
    void push(const std::string& identifier);
    // push() unless this version is offered already; a failure is logged, not thrown.
    void offerIfNeeded(const std::string& identifier);
    std::vector<CourseOnPc> onPcs(const std::string& identifier);
    void sendOffers(TeacherSession& s); // to a PC that joined
    void onRequest(TeacherSession& s, const msg::PackageRequest& r);
    void onDone(TeacherSession& s, const msg::PackageDone& d);
    // The next chunk of the package being sent to `s`, when its connection has room (strand).
    void sendNextChunk(TeacherSession& s);

private:
    struct Offer {
        std::string identifier, version, zipPath, sha256;
        std::uint64_t size = 0;
    };
    void delivery(const std::string& device, const std::string& identifier, CourseOnPc::State state,
                  std::uint64_t done = 0, std::uint64_t total = 0, const std::string& why = {});

    TeacherHost& host_;
    std::vector<Offer> offers_; // host's mutex
    // (device, course identifier) -> where that course stands on that PC; host's mutex.
    std::map<std::pair<std::string, std::string>, CourseOnPc> deliveries_;
};

// The student's side: one download at a time, into <dataDir>/incoming, resumed from what is
// there; checked (SHA-256 of each chunk and of the whole, a valid course) before it is installed
// into <dataDir>/courses.
class CourseDeliveryStudent {
public:
    explicit CourseDeliveryStudent(StudentHost& host) : host_(host) {}
    void onOffer(const msg::PackageOffer& offer);
    void onChunk(const msg::PackageChunk& c);

private:
    struct Download {
        std::string identifier, version, sha256, part;
        std::uint64_t size = 0;
    };
    StudentHost& host_;
    std::mutex m_;
    std::optional<Download> download_;
};

} // namespace ayllu::classroom
