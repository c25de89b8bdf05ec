#define BOOST_TEST_MODULE classroom
#include "ayllu/classroom/student_agent.h"
#include "ayllu/classroom/teacher_service.h"
#include "support.h"

#include <Poco/JSON/Array.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <atomic>
#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::classroom;
using namespace ayllu::test;
using Poco::JSON::Object;

namespace {

// Collects what the teacher service says, for assertions.
struct TeacherLog : TeacherObserver {
    std::mutex m;
    std::vector<std::string> lines;
    std::vector<std::string> delivered;
    void log(const std::string& l) override {
        std::lock_guard<std::mutex> g(m);
        lines.push_back(l);
    }
    void packageDelivered(const std::string& device, const std::string& id, bool ok,
                          const std::string& why) override {
        std::lock_guard<std::mutex> g(m);
        delivered.push_back(device + " " + id + " " + (ok ? "ok" : "failed") + " " + why);
    }
    bool said(const std::string& needle) {
        std::lock_guard<std::mutex> g(m);
        for (const auto& l : lines) {
            if (l.find(needle) != std::string::npos) {
                return true;
            }
        }
        return false;
    }
};

struct StudentLog : StudentObserver {
    std::mutex m;
    std::vector<std::string> lines;
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
        cfg.announce = false;
        teacher = std::make_unique<TeacherService>(*tstore, cfg, &tlog);
        teacher->addCourse(sampleCourse().string());
        teacher->start();
    }

    Pupil& join(const std::string& name, const std::string& code = "4321") {
        auto p = std::make_unique<Pupil>();
        p->store = std::make_unique<store::StudentStore>((tmp / name / "student.db").string());
        StudentConfig cfg;
        cfg.dataDir = (tmp / name).string();
        cfg.deviceName = name;
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

} // namespace

BOOST_AUTO_TEST_CASE(a_student_joins_confirms_the_code_and_signs_in) {
    Classroom c;
    Pupil& p = c.join("pc-1");
    BOOST_REQUIRE(p.agent->waitJoined(10000));
    BOOST_TEST(p.confirmedCode == c.teacher->shortCode());
    const auto roster = p.agent->roster();
    BOOST_REQUIRE_EQUAL(roster.size(), 3u);
    BOOST_TEST(roster[0].name == "Ana Quispe");
    BOOST_TEST(roster[0].pin);
    BOOST_TEST(!roster[1].pin);
    std::string why;
    BOOST_TEST(p.agent->signIn("luis", "", &why));
    BOOST_TEST(!p.agent->signIn("ana", "0000", &why));
    BOOST_TEST(why == "pin");
    BOOST_TEST(p.agent->signIn("ana", "1234", &why));
    BOOST_TEST(!p.agent->signIn("nadie", "", &why));
    BOOST_TEST(why == "unknown");
    const auto students = c.teacher->students();
    const auto ana = std::find_if(students.begin(), students.end(),
                                  [](const StudentView& v) { return v.learnerId == "ana"; });
    BOOST_TEST(ana->online);
    BOOST_TEST(ana->deviceName == "pc-1");
    // The key is pinned for this class.
    BOOST_TEST(p.store->joinedClass("c1")->teacherFingerprint == c.teacher->identity().fingerprint);
}

BOOST_AUTO_TEST_CASE(a_wrong_class_code_is_refused_and_logged_with_the_peer) {
    Classroom c;
    Pupil& p = c.join("pc-1", "1111");
    BOOST_TEST(!p.agent->waitJoined(10000));
    BOOST_TEST(p.agent->refusal().find("class code") != std::string::npos, p.agent->refusal());
    BOOST_TEST(c.tlog.said("wrong class code from 127.0.0.1"));
    BOOST_TEST(!p.store->joinedClass("c1")); // nothing pinned
}

BOOST_AUTO_TEST_CASE(a_rogue_teacher_with_another_key_is_refused_before_anything_is_sent) {
    Classroom real;
    Pupil& p = real.join("pc-1");
    BOOST_REQUIRE(p.agent->waitJoined(10000));
    p.agent->disconnect();
    // Another PC claims to be the same class, with its own key.
    Classroom rogue;
    p.agent->connect("127.0.0.1", rogue.teacher->port(), "4321");
    BOOST_TEST(!p.agent->waitJoined(10000));
    BOOST_TEST(p.agent->refusal().find("key") != std::string::npos, p.agent->refusal());
    // The rogue never got a Join: the device is unknown to it.
    const auto seen = rogue.tstore->withDatabase([](SQLite::Database& db) {
        return db.execAndGet("SELECT count(*) FROM devices").getInt();
    });
    BOOST_TEST(seen == 0);
}

BOOST_AUTO_TEST_CASE(a_student_cannot_replay_another_pcs_tokens) {
    Classroom c;
    Pupil& p = c.join("pc-1");
    BOOST_REQUIRE(p.agent->waitJoined(10000));
    BOOST_REQUIRE(p.agent->signIn("luis", ""));
    const auto learners = p.store->learners("c1");
    const auto luis = std::find_if(learners.begin(), learners.end(),
                                   [](const store::Learner& l) { return l.id == "luis"; });
    BOOST_REQUIRE(!luis->token.empty());
    const std::string deviceToken = p.store->joinedClass("c1")->deviceToken;

    // Another PC, with the class code, replays luis's learner token.
    RawClient other(c.teacher->port());
    other.joinAs("pc-intruder");
    other.send(net::MsgType::SignIn, R"({"learner":"luis","token":")" + luis->token + R"("})");
    const auto reply = other.next(net::MsgType::SignedIn);
    BOOST_REQUIRE(reply);
    BOOST_TEST(reply->payload.find("\"ok\":false") != std::string::npos, reply->payload);
    BOOST_TEST(reply->payload.find("token") != std::string::npos);

    // And it cannot pose as pc-1 with its own device token either.
    RawClient impostor(c.teacher->port());
    impostor.send(net::MsgType::Hello, R"({"version":1,"device":"pc-intruder","name":"x"})");
    BOOST_REQUIRE(impostor.next(net::MsgType::Hello));
    impostor.send(net::MsgType::Resume, R"({"token":")" + deviceToken + R"("})");
    const auto refused = impostor.next(net::MsgType::Refused);
    BOOST_REQUIRE(refused);
    BOOST_TEST(refused->payload.find("\"reason\":\"token\"") != std::string::npos);
}
