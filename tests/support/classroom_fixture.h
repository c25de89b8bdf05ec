// The classroom tests' shared fixture: a real teacher service and real student agents over TLS
// on loopback, each with its own store in a temporary folder, and a raw client for hostile
// frames. Used by the per-slice tests (test_session, test_live_quiz, test_course_delivery...).
#pragma once

#include "ayllu/classroom/course_library.h"
#include "ayllu/classroom/pc_name.h"
#include "ayllu/classroom/student_agent.h"
#include "ayllu/classroom/teacher_service.h"
#include "ayllu/course/author.h"
#include "ayllu/course/validate.h"
#include "ayllu/drill/typing.h"
#include "ayllu/net/discovery.h"
#include "ayllu/store/gradebook.h"
#include "ayllu/zip.h"
#include "support.h"

#include <Poco/JSON/Array.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <atomic>
#include <boost/test/unit_test.hpp>

namespace ayllu::test {

// A test file says `using namespace ayllu::test;` and sees the core and the classroom too.
using namespace ayllu;
using namespace ayllu::classroom;
using Poco::JSON::Object;

// Collects what the teacher service says, for assertions.
struct TeacherLog : TeacherObserver {
    std::mutex m;
    std::vector<std::string> lines;
    std::vector<std::string> delivered;
    std::atomic<int> progressReports{0};
    void packageProgress(const std::string&, std::uint64_t, std::uint64_t) override {
        ++progressReports;
    }
    void log(const std::string& l) override {
        std::lock_guard<std::mutex> g(m);
        lines.push_back(l);
    }
    void packageDelivered(const std::string& device, const std::string& id, bool ok,
                          const std::string& why) override {
        std::lock_guard<std::mutex> g(m);
        delivered.push_back(device + " " + id + " " + (ok ? "ok" : "failed") + " " + why);
    }
    bool said(const std::string& needle) { return times(needle) > 0; }
    std::string last(const std::string& needle) {
        std::lock_guard<std::mutex> g(m);
        for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
            if (it->find(needle) != std::string::npos) {
                return *it;
            }
        }
        return {};
    }
    int times(const std::string& needle) {
        std::lock_guard<std::mutex> g(m);
        return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const auto& l) {
            return l.find(needle) != std::string::npos;
        }));
    }
};

struct StudentLog : StudentObserver {
    std::mutex m;
    std::vector<std::string> lines;
    std::atomic<std::uint64_t> lastDone{0};
    std::atomic<std::uint64_t> total{0};
    void packageProgress(const std::string&, std::uint64_t done, std::uint64_t all) override {
        lastDone = done;
        total = all;
    }
    void log(const std::string& l) override {
        std::lock_guard<std::mutex> g(m);
        lines.push_back(l);
    }
};

struct Pupil {
    std::unique_ptr<store::StudentStore> store;
    StudentLog log;
    std::string confirmedCode;
    std::atomic<std::int64_t> clock{0}; // 0: real time
    std::unique_ptr<StudentAgent> agent;
};

struct Classroom {
    TempDir tmp;
    std::unique_ptr<store::TeacherStore> tstore;
    TeacherLog tlog;
    std::unique_ptr<TeacherService> teacher;
    std::vector<std::unique_ptr<Pupil>> pupils;

    explicit Classroom(TeacherConfig extra = {}) {
        tstore = std::make_unique<store::TeacherStore>((tmp / "teacher" / "teacher.db").string());
        tstore->saveClass({"c1", "3° A", "4321", false});
        tstore->saveLearner({"ana", "c1", "Ana Quispe", "llama", "1234", "qu"});
        tstore->saveLearner({"luis", "c1", "Luis Mamani", "condor", "", "ay"});
        tstore->saveLearner({"rosa", "c1", "Rosa Ñahui", "vicuña", "", "es"});
        startTeacher(extra);
    }

    void startTeacher(TeacherConfig cfg) {
        cfg.dataDir = (tmp / "teacher").string();
        cfg.classId = "c1";
        cfg.teacherName = "Profesora Rosa";
        cfg.bindHost = "127.0.0.1";
        cfg.announce = !cfg.announceTo.empty(); // only to loopback targets a test gives
        teacher = std::make_unique<TeacherService>(*tstore, cfg, &tlog);
        teacher->addCourse(sampleCourse().string());
        teacher->start();
    }

    // `name`: the PC's folder and its host name; `pcName`: a name chosen on its join screen.
    Pupil& join(const std::string& name, const std::string& code = "4321",
                const std::string& pcName = {}) {
        auto p = std::make_unique<Pupil>();
        p->store = std::make_unique<store::StudentStore>((tmp / name / "student.db").string());
        if (!pcName.empty()) {
            p->store->setPcName(pcName);
        }
        StudentConfig cfg;
        cfg.dataDir = (tmp / name).string();
        cfg.deviceName = name.substr(name.rfind('/') + 1); // cloned PCs: one host name
        cfg.backoffMinMs = 50;
        cfg.backoffMaxMs = 400;
        Pupil* raw = p.get();
        cfg.confirmTeacher = [raw](const std::string& shown, const std::string&) {
            raw->confirmedCode = shown;
            return true;
        };
        cfg.clock = [raw] {
            const auto c = raw->clock.load();
            return c != 0 ? c : store::nowMs();
        };
        p->agent = std::make_unique<StudentAgent>(*p->store, cfg, &p->log);
        p->agent->connect("127.0.0.1", teacher->port(), code);
        pupils.push_back(std::move(p));
        return *pupils.back();
    }

    // A PC that has joined (required), with `learners` signed in on it without a PIN.
    Pupil& joined(const std::string& name, std::initializer_list<const char*> learners = {}) {
        Pupil& p = join(name);
        BOOST_REQUIRE(p.agent->waitJoined(10000));
        for (const char* l : learners) {
            BOOST_REQUIRE(p.agent->signIn(l, ""));
        }
        return p;
    }
};

// Speaks the protocol by hand, to send what a real client never would.
struct RawClient {
    Poco::Net::SecureStreamSocket socket;
    std::unique_ptr<net::Channel> ch;
    explicit RawClient(std::uint16_t port) : socket(net::clientContext()) {
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(5, 0));
        ch = std::make_unique<net::Channel>(socket, "teacher");
    }
    void send(net::MsgType t, const std::string& json) { ch->sendRaw(t, json); }
    std::optional<net::Frame> next(net::MsgType wanted, int seconds = 10) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < until) {
            auto f = ch->receive(Poco::Timespan(0, 200000));
            if (f && f->type == wanted) {
                return f;
            }
        }
        return std::nullopt;
    }
    // Hello + Join with the class code; returns the Joined payload.
    std::string joinAs(const std::string& device, const std::string& code = "4321") {
        send(net::MsgType::Hello, R"({"version":1,"device":")" + device + R"(","name":"raw"})");
        BOOST_REQUIRE(next(net::MsgType::Hello));
        send(net::MsgType::Join, R"({"code":")" + code + R"("})");
        auto f = ch->receive(Poco::Timespan(10, 0));
        BOOST_REQUIRE(f);
        return f->payload;
    }
};

const char* const kCourse = "pe.ayllu.muestra";

inline store::Event timeEvent(const std::string& learner, int i) {
    store::Event e;
    e.learner = learner;
    e.course = kCourse;
    e.content = "res-leccion";
    e.kind = store::EventKind::Time;
    e.durationMs = 1000 + i;
    return e;
}

inline int teacherCount(Classroom& c, const std::string& sql) {
    return c.tstore->withDatabase(
        [&](SQLite::Database& db) { return db.execAndGet(sql).getInt(); });
}

inline StudentView viewOf(TeacherService& t, const std::string& learner) {
    for (const auto& v : t.students("es")) {
        if (v.learnerId == learner) {
            return v;
        }
    }
    return {};
}

} // namespace ayllu::test
