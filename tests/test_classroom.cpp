#define BOOST_TEST_MODULE classroom
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

BOOST_AUTO_TEST_CASE(wrong_pins_are_counted_per_learner_not_per_connection) {
    // Five wrong PINs a minute for a learner, however many connections or PCs try them: a new
    // connection does not start the count again (a 4-digit PIN fell in about 3 minutes when it
    // did).
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    std::string why;
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST(!a.agent->signIn("ana", "000" + std::to_string(i), &why));
        BOOST_TEST(why == "pin");
    }
    BOOST_TEST(!a.agent->signIn("ana", "1234", &why)); // even the right one, for a minute
    BOOST_TEST(why == "wait");
    for (int attempt = 0; attempt < 3; ++attempt) {
        // Fresh connections, as an attacker reconnecting would: still waiting.
        RawClient raw(c.teacher->port());
        raw.joinAs("pc-attacker-" + std::to_string(attempt));
        raw.send(net::MsgType::SignIn, R"({"learner":"ana","pin":"5678"})");
        const auto reply = raw.next(net::MsgType::SignedIn);
        BOOST_REQUIRE(reply);
        BOOST_TEST(reply->payload.find("\"wait\"") != std::string::npos, reply->payload);
    }
    // Another learner is not held up, and the wait is logged with the PC.
    BOOST_TEST(a.agent->signIn("luis", "", &why));
    BOOST_TEST(c.tlog.said("sign-in of ana refused on pc-attacker-2 (wait)"));
}

BOOST_AUTO_TEST_CASE(a_wrong_class_code_is_refused_and_logged_with_the_peer) {
    Classroom c;
    Pupil& p = c.join("pc-1", "1111");
    BOOST_TEST(!p.agent->waitJoined(10000));
    BOOST_TEST(p.agent->refusal().find("class code") != std::string::npos, p.agent->refusal());
    BOOST_TEST(c.tlog.said("wrong class code from 127.0.0.1"));
    BOOST_TEST(!p.store->joinedClass("c1")); // nothing pinned
}

BOOST_AUTO_TEST_CASE(no_pc_may_take_the_consoles_own_device_name) {
    // The console records live-quiz scores and lessons marked done as "teacher:console": a PC
    // calling itself that could send those sequence numbers first and have the console's own
    // records dropped as duplicates.
    Classroom c;
    RawClient raw(c.teacher->port());
    raw.send(net::MsgType::Hello, R"({"version":1,"device":")" +
                                      std::string(store::kConsoleDevice) + R"(","name":"x"})");
    BOOST_CHECK_THROW(raw.next(net::MsgType::Hello, 3), net::ChannelClosed); // closed, unanswered
    BOOST_TEST(c.tlog.said("is the console's own"));
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
    BOOST_TEST(p.agent->refusal().find("--forget-class") != std::string::npos);

    // The teacher's PC really was reinstalled: the PC forgets the class and joins again with
    // the class code, confirming the new key; what its learner did stays.
    store::Event done;
    done.learner = "luis";
    done.course = "pe.ayllu.muestra";
    done.content = "res-leccion";
    done.status = store::Status::Completed;
    BOOST_TEST(p.agent->record(done).saved);
    p.agent->disconnect();
    p.agent.reset();
    BOOST_TEST(p.store->forgetClass("c1"));
    BOOST_TEST(!p.store->forgetClass("c1")); // once
    BOOST_TEST(!p.store->joinedClass("c1"));
    BOOST_TEST(p.store->outboxSize() >= 1u); // nothing lost
    classroom::StudentConfig cfg;
    cfg.dataDir = (real.tmp / "pc-1").string();
    cfg.deviceName = "pc-1";
    cfg.confirmTeacher = [](const std::string&, const std::string&) { return true; };
    p.agent = std::make_unique<StudentAgent>(*p.store, cfg, &p.log);
    p.agent->connect("127.0.0.1", rogue.teacher->port(), "4321");
    BOOST_TEST(p.agent->waitJoined(10000), p.agent->refusal());
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

namespace {
const char* const kCourse = "pe.ayllu.muestra";

store::Event timeEvent(const std::string& learner, int i) {
    store::Event e;
    e.learner = learner;
    e.course = kCourse;
    e.content = "res-leccion";
    e.kind = store::EventKind::Time;
    e.durationMs = 1000 + i;
    return e;
}

int teacherCount(Classroom& c, const std::string& sql) {
    return c.tstore->withDatabase(
        [&](SQLite::Database& db) { return db.execAndGet(sql).getInt(); });
}
} // namespace

BOOST_AUTO_TEST_CASE(the_class_follows_the_teachers_page_and_latecomers_land_on_it) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    c.teacher->showPage(kCourse, "res-leccion", "p1");
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().page == "p1"; }, 10000));
    BOOST_TEST((a.agent->view().mode == Mode::Paced));
    c.teacher->showPage(kCourse, "res-leccion", "p2");
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().page == "p2"; }, 10000));
    Pupil& late = c.join("pc-2");
    BOOST_TEST(late.agent->waitFor([&] { return late.agent->view().page == "p2"; }, 10000));
    c.teacher->openSelfPaced(kCourse, "res-leccion");
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().mode == Mode::SelfPaced; }, 10000));
    BOOST_TEST(a.agent->view().page.empty());
    BOOST_TEST(a.agent->view().lesson == "res-leccion");
    c.teacher->endLesson();
    BOOST_TEST(late.agent->waitFor([&] { return late.agent->view().mode == Mode::Idle; }, 10000));
}

BOOST_AUTO_TEST_CASE(presence_and_raised_hands_reach_the_teacher) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    a.agent->presence("luis", "answering", "p2");
    a.agent->hand("luis", true);
    const auto luis = [&] {
        for (const auto& v : c.teacher->students()) {
            if (v.learnerId == "luis") {
                return v;
            }
        }
        return StudentView{};
    };
    BOOST_TEST(a.agent->waitFor([&] { return luis().hand && luis().state == "answering"; }, 10000));
    BOOST_TEST(luis().page == "p2");
    a.agent->hand("luis", false);
    BOOST_TEST(a.agent->waitFor([&] { return !luis().hand; }, 10000));
    a.agent->disconnect();
    BOOST_TEST(a.agent->waitFor([&] { return !luis().online; }, 10000));
}

BOOST_AUTO_TEST_CASE(screens_lock_all_or_some_and_release_when_the_teacher_is_gone) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    Pupil& b = c.join("pc-2");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(b.agent->waitJoined(10000));
    c.teacher->lock(true);
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000));
    BOOST_TEST(b.agent->waitFor([&] { return b.agent->view().locked; }, 10000));
    c.teacher->lock(false);
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->view().locked; }, 10000));
    BOOST_TEST(b.agent->waitFor([&] { return !b.agent->view().locked; }, 10000));
    c.teacher->lock(true, {a.store->deviceId()});
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000));
    BOOST_TEST(!b.agent->view().locked);
    // The teacher's PC goes away: the screen stays locked for two minutes, then frees itself.
    c.teacher->stop();
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->connected(); }, 10000));
    BOOST_TEST(a.agent->view().locked);
    a.clock = store::nowMs() + 119000;
    BOOST_TEST(a.agent->view().locked);
    a.clock = store::nowMs() + 121000;
    BOOST_TEST(!a.agent->view().locked);
}

BOOST_AUTO_TEST_CASE(a_live_quiz_sends_no_key_grades_on_the_teacher_and_reveals_own_results) {
    Classroom c;
    RawClient watcher(c.teacher->port());
    watcher.joinAs("pc-watcher");
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    BOOST_REQUIRE(a.agent->signIn("rosa", ""));
    c.teacher->openQuiz(kCourse, "res-cuestionario", false, 0);
    // What crossed the wire: the questions, and nothing of the key.
    std::optional<net::Frame> state;
    while ((state = watcher.next(net::MsgType::ClassState)) &&
           state->payload.find("\"questions\"") == std::string::npos) {
    }
    BOOST_REQUIRE(state);
    const std::string wire = state->payload;
    BOOST_TEST(wire.find("¿Qué botón usamos para elegir?") != std::string::npos);
    for (const char* leak : {"\"correct\"", "\"weight\"", "accept", "\"answer\"", "\"clic\"",
                             "\"izquierdo\"", "\"order\"", "\"weights\""}) {
        BOOST_TEST(wire.find(leak) == std::string::npos, leak);
    }
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    BOOST_TEST(a.agent->view().quiz->questions.size() == 8u);

    BOOST_TEST(a.agent->answerLive("luis", "q1", "\"a\"", 4000).saved);
    BOOST_TEST(a.agent->answerLive("luis", "q3", "false", 3000).saved);
    // A doctored PC claims "correct" for a wrong answer: the teacher grades it anyway.
    store::Event forged;
    forged.learner = "rosa";
    forged.course = kCourse;
    forged.content = "res-cuestionario";
    forged.attempt = a.agent->view().quiz->attempt;
    forged.item = "q1";
    forged.kind = store::EventKind::Answer;
    forged.text = "\"c\"";
    forged.result = "correct";
    forged.scoreRaw = 1.0;
    forged.scoreMax = 1.0;
    BOOST_TEST(a.agent->record(forged).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    auto tally = c.teacher->quizStatus().tallies;
    BOOST_TEST(tally[0].answered == 2);
    BOOST_TEST(tally[0].correct == 1);
    BOOST_TEST(tally[0].incorrect == 1);
    BOOST_TEST(tally[2].correct == 1);
    BOOST_TEST(c.teacher->quizStatus().learnersAnswering == 2);

    // Closed: a late answer is kept but not counted.
    c.teacher->closeQuiz();
    BOOST_REQUIRE(a.agent->waitFor([&] { return !a.agent->view().quiz->open; }, 10000));
    BOOST_TEST(!a.agent->answerLive("luis", "q2", "[\"a\"]", 1).saved); // the client knows
    store::Event late = forged;
    late.learner = "luis";
    late.item = "q2";
    late.text = "[\"a\",\"b\"]";
    late.result.clear();
    BOOST_TEST(a.agent->record(late).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(c.teacher->quizStatus().tallies[1].answered == 0);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE result = 'closed'") == 1);
    // Closed: each learner's score is in the gradebook (Luis two right, Rosa none), recorded
    // by the console itself; the late answer adds nothing.
    double total = 0;
    for (const auto& q : c.teacher->course(kCourse)->quizzes.at("res-cuestionario").questions) {
        total += q.points;
    }
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM progress WHERE learner = 'luis' AND "
                               "content = 'res-cuestionario' AND score_raw = 2 AND score_max = " +
                                   std::to_string(static_cast<int>(total))) == 1);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM progress WHERE learner = 'rosa' AND "
                               "content = 'res-cuestionario' AND score_raw = 0 AND "
                               "status_rank = 3") == 1); // failed
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events WHERE device = 'teacher:console' "
                               "AND kind = 'score'") == 2);

    c.teacher->reveal();
    BOOST_REQUIRE(a.agent->waitFor([&] { return !a.agent->view().reveal.empty(); }, 10000));
    const std::string reveal = a.agent->view().reveal;
    BOOST_TEST(reveal.find("\"weights\"") != std::string::npos); // the key, now
    BOOST_TEST(reveal.find("\"luis\":{") != std::string::npos);
    BOOST_TEST(reveal.find("\"rosa\":{") != std::string::npos);
    const auto watcherReveal = watcher.next(net::MsgType::QuizReveal);
    BOOST_REQUIRE(watcherReveal);
    BOOST_TEST(watcherReveal->payload.find("luis") == std::string::npos); // nobody else's results
    BOOST_TEST(watcherReveal->payload.find("\"results\":{}") != std::string::npos);

    // After the quiz, a doctored PC claims a right answer to it in an attempt of its own: that
    // quiz is never on a student's PC, so the answer is kept but graded "invalid", not counted.
    c.teacher->endQuiz();
    // Nothing changed since it closed: no second score.
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events WHERE device = 'teacher:console' "
                               "AND kind = 'score'") == 2);
    store::Event after = forged;
    after.learner = "luis";
    after.attempt = 99;
    after.item = "q1";
    after.text = "\"a\"";
    BOOST_TEST(a.agent->record(after).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE attempt = 99 AND "
                               "result = 'invalid' AND score_raw = 0") == 1);
}

BOOST_AUTO_TEST_CASE(work_done_offline_reaches_the_teacher_exactly_once) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    a.agent->disconnect();
    for (int i = 0; i < 40; ++i) {
        BOOST_TEST(a.agent->record(timeEvent("luis", i)).saved); // saved with no teacher
    }
    BOOST_TEST(a.store->outboxSize() == 40u);
    a.agent->connect("127.0.0.1", c.teacher->port());
    BOOST_REQUIRE(a.agent->waitSynced(15000)); // luis is signed in again by token
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events") == 40);
    BOOST_TEST(teacherCount(c, "SELECT time_ms FROM progress WHERE learner = 'luis'") ==
               40 * 1000 + 39 * 40 / 2);
    // Reconnecting sends nothing twice.
    a.agent->disconnect();
    a.agent->connect("127.0.0.1", c.teacher->port());
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_TEST(a.agent->record(timeEvent("luis", 99)).saved);
    BOOST_REQUIRE(a.agent->waitSynced(15000));
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events") == 41);
}

BOOST_AUTO_TEST_CASE(a_course_arrives_resumes_after_cuts_and_is_skipped_when_present) {
    TeacherConfig cfg;
    cfg.chunkSize = 1024;
    cfg.dropAfterChunks = 2; // every connection is cut after two chunks
    Classroom c(cfg);
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    c.teacher->pushCourse(kCourse);
    BOOST_REQUIRE(
        a.agent->waitFor([&] { return a.store->package(kCourse, "1.0.0").has_value(); }, 30000));
    const auto installed = a.store->package(kCourse, "1.0.0");
    // Everything but the quiz a teacher can run live: its answer key never reaches the PC.
    auto expected = listTree(sampleCourse());
    for (const char* gone : {"quizzes/repaso.xml", "quizzes"}) {
        expected.erase(std::remove(expected.begin(), expected.end(), gone), expected.end());
    }
    BOOST_TEST(listTree(installed->path) == expected);
    const auto manifest = readFile(fs::path(installed->path) / "imsmanifest.xml");
    BOOST_TEST(manifest.find("res-cuestionario") == std::string::npos);
    for (const auto& f : listTree(installed->path)) {
        if (fs::is_directory(fs::path(installed->path) / f)) {
            continue;
        }
        BOOST_TEST(readFile(fs::path(installed->path) / f).find("correct=\"true\"") ==
                       std::string::npos,
                   f);
    }
    bool resumed = false;
    {
        std::lock_guard<std::mutex> g(a.log.m);
        for (const auto& l : a.log.lines) {
            resumed = resumed || l.find("resuming " + std::string(kCourse)) != std::string::npos;
        }
    }
    BOOST_TEST(resumed);
    // Progress was shown on both sides.
    BOOST_TEST(c.tlog.progressReports > 2);
    BOOST_TEST(a.log.total > 0u);
    BOOST_TEST(a.log.lastDone == a.log.total);
    // Offered again: this PC has that version, nothing is sent.
    c.teacher->pushCourse(kCourse);
    BOOST_TEST(a.agent->waitFor(
        [&] {
            std::lock_guard<std::mutex> g(c.tlog.m);
            return std::any_of(
                c.tlog.delivered.begin(), c.tlog.delivered.end(),
                [](const std::string& d) { return d.find("already there") != std::string::npos; });
        },
        10000));
}

BOOST_AUTO_TEST_CASE(a_restarted_console_restores_the_page_and_the_open_quiz) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    c.teacher->showPage(kCourse, "res-leccion", "p2");
    c.teacher->openQuiz(kCourse, "res-cuestionario", true, 0);
    c.teacher->nextQuestion();
    const auto port = c.teacher->port();
    c.teacher.reset(); // the console is closed (or crashes after its last save)
    TeacherConfig cfg;
    cfg.port = port;
    c.startTeacher(cfg);
    const auto st = c.teacher->state();
    BOOST_TEST(st.page == "p2");
    BOOST_TEST(st.quizActive);
    BOOST_TEST(st.quiz.open);
    BOOST_TEST(st.quiz.visible == 2);
    BOOST_TEST(a.agent->waitFor(
        [&] {
            const auto v = a.agent->view();
            return v.connected && v.quiz && v.quiz->questions.size() == 2u && v.page == "p2";
        },
        15000));
}

BOOST_AUTO_TEST_CASE(hostile_frames_close_only_that_connection) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    {
        RawClient bad(c.teacher->port());
        const std::string huge("\x00\x0b\x7f\x00\x00\x00", 6);
        bad.socket.sendBytes(huge.data(), static_cast<int>(huge.size()));
        BOOST_TEST(a.agent->waitFor([&] { return c.tlog.said("limit"); }, 10000));
    }
    {
        RawClient bad(c.teacher->port());
        bad.joinAs("pc-bad");
        bad.send(
            net::MsgType::Events,
            R"({"events":[{"device":"pc-1","seq":1,"learner":"luis","course":"x","content":"y","attempt":1,"kind":"time","at":1,"duration":5}]})");
        BOOST_TEST(
            a.agent->waitFor([&] { return c.tlog.said("an event of another device"); }, 10000));
    }
    {
        RawClient bad(c.teacher->port());
        bad.joinAs("pc-bad-2");
        bad.send(net::MsgType::ClassState, R"({"mode":"idle"})"); // only the teacher sends that
        BOOST_TEST(a.agent->waitFor([&] { return c.tlog.said("may not send ClassState"); }, 10000));
    }
    // The good student never noticed.
    BOOST_TEST(a.agent->connected());
    BOOST_TEST(a.agent->record(timeEvent("luis", 1)).saved);
    BOOST_TEST(a.agent->waitSynced(10000));
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events WHERE device <> '" +
                                   a.store->deviceId() + "'") == 0);
}

BOOST_AUTO_TEST_CASE(the_quiz_timer_closes_the_quiz_by_itself) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    c.teacher->openQuiz(kCourse, "res-cuestionario", false, 1);
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    const auto q = *a.agent->view().quiz;
    BOOST_TEST(q.deadlineMs > store::nowMs()); // the student counts down on its own clock
    BOOST_TEST(q.deadlineMs <= store::nowMs() + 1000);
    BOOST_TEST(a.agent->answerLive("luis", "q1", "\"a\"", 500).saved);
    // The teacher closes it when the second is up, without anyone pressing anything.
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->view().quiz->open; }, 10000));
    BOOST_TEST(!c.teacher->state().quiz.open);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(c.teacher->quizStatus().tallies[0].correct == 1);
}

BOOST_AUTO_TEST_CASE(one_question_at_a_time_hides_the_next_ones) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    c.teacher->openQuiz(kCourse, "res-cuestionario", true, 0);
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    BOOST_TEST(a.agent->view().quiz->questions.size() == 1u);
    // An answer to a question not shown yet is not counted.
    BOOST_TEST(a.agent->answerLive("luis", "q2", "[\"a\",\"b\"]", 500).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(c.teacher->quizStatus().tallies[1].correct == 0);
    c.teacher->nextQuestion();
    BOOST_TEST(
        a.agent->waitFor([&] { return a.agent->view().quiz->questions.size() == 2u; }, 10000));
}

BOOST_AUTO_TEST_CASE(a_student_finds_the_class_by_its_announcement_and_joins_it) {
    net::Listener listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    Classroom c;
    c.teacher.reset();
    TeacherConfig cfg;
    cfg.announceTo = {Poco::Net::SocketAddress("127.0.0.1", listener.port())};
    c.startTeacher(cfg);
    const auto heard = listener.waitFor("c1", 2000); // within two seconds
    BOOST_REQUIRE(heard);
    BOOST_TEST(heard->className == "3° A");
    BOOST_TEST(heard->port == c.teacher->port());
    BOOST_TEST(heard->fingerprint == c.teacher->identity().fingerprint);
    // The student uses what it heard, and the code it shows is the teacher's.
    store::StudentStore s((c.tmp / "pc-9" / "student.db").string());
    StudentConfig sc;
    sc.dataDir = (c.tmp / "pc-9").string();
    sc.confirmTeacher = [&](const std::string& code, const std::string&) {
        return code == c.teacher->shortCode();
    };
    StudentAgent agent(s, sc);
    agent.connect(heard->host, heard->port, "4321");
    BOOST_TEST(agent.waitJoined(10000));
}

BOOST_AUTO_TEST_CASE(the_console_library_installs_only_whole_valid_courses) {
    TempDir tmp;
    // A zip of the sample course and a broken copy of it.
    const auto good = tmp / "muestra.zip";
    zip::pack(sampleCourse().string(), good.string());
    copyTree(sampleCourse(), tmp / "roto");
    replaceInFile(tmp / "roto" / "imsmanifest.xml", "identifierref=\"res-leccion\"",
                  "identifierref=\"res-nada\"");

    classroom::CourseLibrary lib((tmp / "lib").string());
    BOOST_TEST(lib.folders().empty());
    std::uint64_t lastDone = 0, lastTotal = 0;
    const auto first = lib.import(good.string(), [&](std::uint64_t d, std::uint64_t t) {
        lastDone = d;
        lastTotal = t;
    });
    BOOST_TEST(first.ok, (first.problems.empty() ? "" : first.problems.items()[0].toString()));
    BOOST_TEST(first.identifier == kCourse);
    BOOST_TEST(first.replacedVersion.empty());
    BOOST_TEST(lastTotal > 0u);
    BOOST_TEST(lastDone == lastTotal);
    BOOST_REQUIRE(lib.folders().size() == 1u);
    const auto before = listTree(tmp / "lib");

    // A broken package: refused with its file and line, and the library is untouched.
    const auto bad = lib.import((tmp / "roto").string());
    BOOST_TEST(!bad.ok);
    BOOST_REQUIRE(bad.problems.find("dangling-ref") != nullptr);
    const auto where = bad.problems.find("dangling-ref")->toString();
    BOOST_TEST(where.find("roto/imsmanifest.xml:") == 0u, where);
    BOOST_TEST(listTree(tmp / "lib") == before);
    // Neither a zip nor a folder.
    writeFile(tmp / "notas.txt", "hola");
    BOOST_TEST(lib.import((tmp / "notas.txt").string()).problems.contains("not-a-package"));
    BOOST_TEST(listTree(tmp / "lib") == before);

    // The same course again (a newer copy) replaces the installed one.
    const auto again = lib.import(sampleCourse().string());
    BOOST_TEST(again.ok);
    BOOST_TEST(!again.replacedVersion.empty());
    BOOST_TEST(lib.folders().size() == 1u);

    // Bundled zips: only those not installed yet are imported.
    fs::create_directories(tmp / "bundled");
    fs::copy_file(good, tmp / "bundled" / "muestra.zip");
    BOOST_TEST(lib.importMissing((tmp / "bundled").string()).empty());
    classroom::CourseLibrary fresh((tmp / "lib2").string());
    const auto done = fresh.importMissing((tmp / "bundled").string());
    BOOST_REQUIRE(done.size() == 1u);
    BOOST_TEST(done[0].ok);
    BOOST_TEST(fresh.folders().size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_students_copy_leaves_out_only_quizzes_that_can_run_live) {
    TempDir tmp;
    const auto removed = course::studentEdition(sampleCourse().string(), (tmp / "live").string());
    BOOST_TEST(removed == std::vector<std::string>{"res-cuestionario"});
    BOOST_TEST(!fs::exists(tmp / "live" / "quizzes" / "repaso.xml"));
    BOOST_TEST(!course::validateFolder((tmp / "live").string()).problems.hasErrors());
    // A practice quiz (self-paced only) stays, with its key: the PC grades it.
    copyTree(sampleCourse(), tmp / "practica");
    replaceInFile(tmp / "practica" / "quizzes" / "repaso.xml", "mode=\"both\"",
                  "mode=\"self-paced\"");
    BOOST_TEST(course::studentEdition((tmp / "practica").string(), (tmp / "out").string()).empty());
    BOOST_TEST(fs::exists(tmp / "out" / "quizzes" / "repaso.xml"));
    // A broken course is refused and nothing is made.
    copyTree(sampleCourse(), tmp / "roto");
    replaceInFile(tmp / "roto" / "imsmanifest.xml", "identifierref=\"res-leccion\"",
                  "identifierref=\"res-nada\"");
    BOOST_CHECK_THROW(course::studentEdition((tmp / "roto").string(), (tmp / "nada").string()),
                      Error);
    BOOST_TEST(!fs::exists(tmp / "nada"));
}

BOOST_AUTO_TEST_CASE(practice_answers_are_graded_again_on_the_teacher) {
    Classroom c;
    copyTree(sampleCourse(), c.tmp / "practica");
    replaceInFile(c.tmp / "practica" / "quizzes" / "repaso.xml", "mode=\"both\"",
                  "mode=\"self-paced\"");
    c.teacher->addCourse((c.tmp / "practica").string());
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    store::Event e;
    e.learner = "luis";
    e.course = kCourse;
    e.content = "res-cuestionario";
    e.kind = store::EventKind::Answer;
    e.item = "q1";
    e.text = "\"c\"";     // wrong
    e.result = "correct"; // as a doctored PC would claim
    e.scoreRaw = 1.0;
    e.scoreMax = 1.0;
    BOOST_TEST(a.agent->record(e).saved);
    e.item = "q3";
    e.text = "false"; // right
    e.result = "incorrect";
    e.scoreRaw = 0.0;
    BOOST_TEST(a.agent->record(e).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE item = 'q1' AND "
                               "result = 'incorrect'") == 1);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE item = 'q3' AND "
                               "result = 'correct'") == 1);
}

BOOST_AUTO_TEST_CASE(showing_a_page_sends_the_course_and_the_console_sees_each_pc) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    BOOST_TEST(!a.store->package(kCourse, "1.0.0").has_value()); // nothing pushed by hand
    const auto state = [&] {
        const auto pcs = c.teacher->courseOnPcs(kCourse);
        return pcs.size() == 1u ? pcs[0].state : CourseOnPc::State::Failed;
    };
    c.teacher->showPage(kCourse, "res-leccion", "p1");
    BOOST_TEST(
        a.agent->waitFor([&] { return a.store->package(kCourse, "1.0.0").has_value(); }, 30000));
    BOOST_TEST(a.agent->waitFor([&] { return state() == CourseOnPc::State::Ready; }, 10000));
    const auto pcs = c.teacher->courseOnPcs(kCourse);
    BOOST_TEST(pcs[0].deviceName == "pc-1");
    BOOST_TEST(pcs[0].learners == std::vector<std::string>{"Luis Mamani"});
    // A latecomer gets it the same way, without a second step.
    Pupil& late = c.join("pc-2");
    BOOST_TEST(late.agent->waitFor(
        [&] { return late.store->package(kCourse, "1.0.0").has_value(); }, 30000));
    BOOST_TEST(late.agent->waitFor(
        [&] {
            const auto all = c.teacher->courseOnPcs(kCourse);
            return all.size() == 2u && all[0].state == CourseOnPc::State::Ready &&
                   all[1].state == CourseOnPc::State::Ready;
        },
        10000));
}

BOOST_AUTO_TEST_CASE(the_teacher_lowers_a_raised_hand_and_the_pc_is_told) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    BOOST_REQUIRE(a.agent->signIn("rosa", ""));
    a.agent->hand("luis", true);
    a.agent->hand("rosa", true);
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().hands.size() == 2u; }, 10000));
    BOOST_TEST(c.teacher->handsUp() == 2);
    c.teacher->lowerHands({"rosa"});
    BOOST_TEST(a.agent->waitFor(
        [&] { return a.agent->view().hands == std::set<std::string>{"luis"}; }, 10000));
    BOOST_TEST(c.teacher->handsUp() == 1);
    c.teacher->lowerHands();
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().hands.empty(); }, 10000));
    BOOST_TEST(c.teacher->handsUp() == 0);
}

BOOST_AUTO_TEST_CASE(a_pc_that_leaves_while_locked_is_reported_until_it_returns) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    Pupil& b = c.join("pc-2");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(b.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    c.teacher->lock(true, {a.store->deviceId()});
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000));
    b.agent->disconnect(); // not locked: leaving is no alert
    a.agent->disconnect();
    BOOST_TEST(a.agent->waitFor([&] { return c.teacher->leftLocked().size() == 1u; }, 10000));
    const auto gone = c.teacher->leftLocked();
    BOOST_TEST(gone[0].deviceName == "pc-1");
    BOOST_TEST(gone[0].learners == std::vector<std::string>{"Luis Mamani"});
    a.agent->connect("127.0.0.1", c.teacher->port());
    BOOST_TEST(a.agent->waitFor([&] { return c.teacher->leftLocked().empty(); }, 10000));
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000)); // still locked
}

BOOST_AUTO_TEST_CASE(a_pc_name_from_the_wire_is_cleaned_and_cut) {
    BOOST_TEST(cleanPcName("  Aula\t 1 \n") == "Aula 1");
    BOOST_TEST(cleanPcName("Ventana Ñ°2") == "Ventana Ñ°2");
    // Terminal escapes, bidi overrides and zero-width characters never reach a screen.
    BOOST_TEST(cleanPcName("\x1b[31mrojo\x07") == "[31mrojo");
    BOOST_TEST(cleanPcName("\u202Egnp.exe\u200B") == "gnp.exe");
    BOOST_TEST(cleanPcName("pc\xff\xfe-1\xc0\xaf") == "pc-1"); // invalid UTF-8 dropped
    BOOST_TEST(cleanPcName(std::string(500, 'a')) == std::string(kPcNameMax, 'a'));
    std::string enes;
    for (int i = 0; i < 40; ++i) {
        enes += "ñ";
    }
    std::string cut;
    for (std::size_t i = 0; i < kPcNameMax; ++i) {
        cut += "ñ";
    }
    BOOST_TEST(cleanPcName(enes) == cut); // characters, not bytes
    BOOST_TEST(cleanPcName("\x01\x02 \u2066 ").empty());
}

BOOST_AUTO_TEST_CASE(pcs_with_the_same_name_get_a_suffix_from_their_device_id) {
    const auto l = pcLabels({{"3f2a0c9e-1111", "vm"},
                             {"9b41d2aa-2222", "vm"},
                             {"77aa0000-3333", "Ventana 1"},
                             {"0000aaaa-4444", ""}});
    BOOST_TEST(l.at("3f2a0c9e-1111") == "vm\u00b73f2a");
    BOOST_TEST(l.at("9b41d2aa-2222") == "vm\u00b79b41");
    BOOST_TEST(l.at("77aa0000-3333") == "Ventana 1"); // alone with its name: no suffix
    BOOST_TEST(l.at("0000aaaa-4444") == "PC");
    // Ids that begin alike: the suffix grows until they differ.
    const auto m = pcLabels({{"3f2a0c9e-1111", "vm"}, {"3f2a0d00-2222", "vm"}});
    BOOST_TEST(m.at("3f2a0c9e-1111") == "vm\u00b73f2a0c");
    BOOST_TEST(m.at("3f2a0d00-2222") == "vm\u00b73f2a0d");
    // Ids without hex digits still differ (by their hash).
    const auto n = pcLabels({{"pc-one", "vm"}, {"pc-two", "vm"}});
    BOOST_TEST(n.at("pc-one") != n.at("pc-two"));
}

namespace {
StudentView viewOf(TeacherService& t, const std::string& learner) {
    for (const auto& v : t.students("es")) {
        if (v.learnerId == learner) {
            return v;
        }
    }
    return {};
}
} // namespace

BOOST_AUTO_TEST_CASE(cloned_pcs_are_told_apart_and_a_chosen_name_is_sent) {
    Classroom c;
    Pupil& a = c.join("vm");                     // two clones keep the host name...
    Pupil& b = c.join("clone/vm");               // (another folder, the same host name)
    Pupil& d = c.join("pc-3", "4321", "Aula 2"); // ...one was named on its join screen
    for (Pupil* p : {&a, &b, &d}) {
        BOOST_REQUIRE(p->agent->waitJoined(10000));
    }
    BOOST_REQUIRE(a.agent->signIn("ana", "1234"));
    BOOST_REQUIRE(b.agent->signIn("luis", ""));
    BOOST_REQUIRE(d.agent->signIn("rosa", ""));
    const auto ana = viewOf(*c.teacher, "ana");
    const auto luis = viewOf(*c.teacher, "luis");
    BOOST_TEST(viewOf(*c.teacher, "rosa").deviceName == "Aula 2");
    BOOST_TEST(ana.deviceName.rfind("vm\u00b7", 0) == 0, ana.deviceName);
    BOOST_TEST(luis.deviceName.rfind("vm\u00b7", 0) == 0, luis.deviceName);
    BOOST_TEST(ana.deviceName != luis.deviceName);
    BOOST_TEST(ana.picture == "llama");
    // Every list that names PCs says the same.
    std::set<std::string> names;
    for (const auto& pc : c.teacher->courseOnPcs(kCourse)) {
        names.insert(pc.deviceName);
    }
    BOOST_TEST((names == std::set<std::string>{ana.deviceName, luis.deviceName, "Aula 2"}));
    // The PC that leaves keeps its suffix on its (offline) tile.
    b.agent->disconnect();
    BOOST_REQUIRE(a.agent->waitFor([&] { return !viewOf(*c.teacher, "luis").online; }, 10000));
    BOOST_TEST(viewOf(*c.teacher, "luis").deviceName == luis.deviceName);
    BOOST_TEST(viewOf(*c.teacher, "luis").activity == "offline");
}

BOOST_AUTO_TEST_CASE(a_hostile_pc_name_is_cleaned_or_refused) {
    Classroom c;
    {
        RawClient raw(c.teacher->port());
        raw.send(net::MsgType::Hello, R"({"version":1,"device":"dev-hostile","name":")" +
                                          std::string("\\u202E") + std::string(300, 'x') +
                                          R"(\n\u001b"})");
        BOOST_REQUIRE(raw.next(net::MsgType::Hello));
        raw.send(net::MsgType::Join, R"({"code":"4321"})");
        BOOST_REQUIRE(raw.next(net::MsgType::Joined));
        std::vector<CourseOnPc> pcs;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (pcs.empty() && std::chrono::steady_clock::now() < until) {
            pcs = c.teacher->courseOnPcs(kCourse); // the PC is listed once its session is up
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        BOOST_REQUIRE_EQUAL(pcs.size(), 1u);
        BOOST_TEST(pcs[0].deviceName == std::string(kPcNameMax, 'x'));
    }
    // A name longer than any PC name could be closes the connection, like any oversized field.
    RawClient raw(c.teacher->port());
    raw.send(net::MsgType::Hello,
             R"({"version":1,"device":"dev-huge","name":")" + std::string(600, 'y') + R"("})");
    bool answered = false;
    try {
        answered = raw.next(net::MsgType::Hello, 3).has_value();
    } catch (const net::ChannelClosed&) {
    }
    BOOST_TEST(!answered);
    BOOST_TEST(c.tlog.said("field \"name\" is too long"));
}

BOOST_AUTO_TEST_CASE(the_class_view_follows_what_the_learner_does) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    Pupil& b = c.join("pc-2");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(b.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    BOOST_REQUIRE(b.agent->signIn("rosa", ""));
    const auto luis = [&] { return viewOf(*c.teacher, "luis"); };
    BOOST_TEST(luis().activity == "idle");
    c.teacher->showPage(kCourse, "res-leccion", "p1");
    a.agent->presence("luis", "reading", "p1", kCourse, "res-leccion");
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "reading"; }, 10000));
    BOOST_TEST(luis().where == "¿Qué es el ratón?"); // the page's title, not "p1"
    BOOST_TEST(viewOf(*c.teacher, "luis").where != "p1");
    // A PC that does not say the course: the teacher's lesson is meant.
    b.agent->presence("rosa", "reading", "p2");
    BOOST_REQUIRE(b.agent->waitFor(
        [&] { return viewOf(*c.teacher, "rosa").where == "Las partes del ratón"; }, 10000));
    // In the teacher's language.
    for (const auto& v : c.teacher->students("en")) {
        if (v.learnerId == "luis") {
            BOOST_TEST(v.where == "What is the mouse?");
        }
    }
    // A live quiz, one question at a time: answering until this learner answered it.
    c.teacher->openQuiz(kCourse, "res-cuestionario", true, 0);
    BOOST_TEST(luis().activity == "answering");
    BOOST_TEST(luis().where == "¿Qué aprendimos?");
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    BOOST_TEST(a.agent->answerLive("luis", "q1", "\"a\"", 2000).saved);
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "done"; }, 10000));
    BOOST_TEST(viewOf(*c.teacher, "rosa").activity == "answering");
    c.teacher->nextQuestion();
    BOOST_TEST(luis().activity == "answering"); // the next question is not answered yet
    // A raised hand comes first: the teacher should look.
    a.agent->hand("luis", true);
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "needs help"; }, 10000));
    a.agent->hand("luis", false);
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "answering"; }, 10000));
    c.teacher->endQuiz();
    BOOST_TEST(luis().activity == "reading");
    // A drill.
    a.agent->presence("luis", "drill", "", kCourse, "res-ejercicio");
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "drill"; }, 10000));
    BOOST_TEST(luis().where == "Escribe con ñ y tildes");
    a.agent->disconnect();
    BOOST_REQUIRE(b.agent->waitFor([&] { return luis().activity == "offline"; }, 10000));
}

BOOST_AUTO_TEST_CASE(a_drill_handed_to_one_pc_opens_there_reports_progress_and_is_graded) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    Pupil& b = c.join("pc-2");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(b.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    BOOST_REQUIRE(b.agent->signIn("rosa", ""));
    BOOST_CHECK_THROW(c.teacher->giveDrill(kCourse, "res-no-such-drill"), Error);
    c.teacher->giveDrill(kCourse, "res-ejercicio", {a.store->deviceId()});
    // Only the chosen PC is handed the drill; the course reaches it as for a lesson.
    BOOST_TEST(a.agent->waitFor(
        [&] {
            const auto v = a.agent->view();
            return v.drill && v.drill->content == "res-ejercicio" && v.drill->course == kCourse &&
                   a.store->package(kCourse, "1.0.0").has_value();
        },
        10000));
    BOOST_TEST(b.agent->waitFor([&] { return b.agent->view().connected; }, 10000));
    BOOST_TEST(!b.agent->view().drill.has_value());
    const int round = a.agent->view().drill->round;
    const auto view = [&](const std::string& learner) {
        for (const auto& v : c.teacher->students()) {
            if (v.learnerId == learner) {
                return v;
            }
        }
        return StudentView{};
    };
    // Progress reaches the teacher's view of the learner.
    a.agent->drillProgress("luis", "res-ejercicio", 3, 10);
    BOOST_TEST(a.agent->waitFor([&] { return view("luis").drillDone == 3; }, 10000));
    BOOST_TEST(view("luis").drillTotal == 10);
    BOOST_TEST(view("luis").state == "drill");
    BOOST_TEST(view("luis").drillResult.empty());
    // The result: saved on the PC, synced, stored as a Drill event, then on the tile.
    const course::Drill* d = &c.teacher->course(kCourse)->drills.at("res-ejercicio");
    const std::string target = d->text.best("es");
    auto e = drill::drillEvent("luis", kCourse, "res-ejercicio",
                               drill::measureTyping(*d, target, target, 20.0));
    BOOST_TEST(a.agent->record(e).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(a.agent->waitFor([&] { return view("luis").drillResult == "passed"; }, 10000));
    BOOST_TEST(view("luis").drillPercent == 100.0);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events WHERE kind = 'drill' AND learner = "
                               "'luis' AND content = 'res-ejercicio'") == 1);
    const auto rows = c.tstore->withDatabase([&](SQLite::Database& db) {
        store::GradeFilter f;
        f.classId = "c1";
        f.learner = "luis";
        return store::gradebook(db, f);
    });
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [](const auto& r) { return r.content == "res-ejercicio"; });
    BOOST_REQUIRE(row != rows.end());
    BOOST_TEST((row->status == store::Status::Passed));
    // The console's saved state keeps the drill (a restarted console hands it out again).
    BOOST_TEST(loadState(saveState(c.teacher->state())).drillFor(a.store->deviceId()));
    BOOST_TEST(!loadState(saveState(c.teacher->state())).drillFor(b.store->deviceId()));
    // Handed to the whole class: both PCs, a new round; ended: taken back from both.
    c.teacher->giveDrill(kCourse, "res-ejercicio");
    BOOST_TEST(b.agent->waitFor([&] { return b.agent->view().drill.has_value(); }, 10000));
    BOOST_TEST(a.agent->waitFor(
        [&] { return a.agent->view().drill && a.agent->view().drill->round == round + 1; }, 10000));
    BOOST_TEST(view("luis").drillResult.empty()); // a new drill starts afresh
    c.teacher->endDrill();
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->view().drill.has_value(); }, 10000));
    BOOST_TEST(b.agent->waitFor([&] { return !b.agent->view().drill.has_value(); }, 10000));
}

BOOST_AUTO_TEST_CASE(hostile_drill_progress_closes_only_that_connection) {
    Classroom c;
    Pupil& a = c.join("pc-1");
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    c.teacher->giveDrill(kCourse, "res-ejercicio");
    const auto hostile = [&](const std::string& presence, const std::string& said) {
        RawClient bad(c.teacher->port());
        bad.joinAs("pc-bad");
        bad.send(net::MsgType::SignIn, R"({"learner":"rosa"})");
        BOOST_REQUIRE(bad.next(net::MsgType::SignedIn));
        const int before = c.tlog.times("closing the connection");
        bad.send(net::MsgType::Presence, presence);
        BOOST_TEST(a.agent->waitFor([&] { return c.tlog.times("closing the connection") > before; },
                                    10000),
                   said);
        const std::string why = c.tlog.last("closing the connection");
        BOOST_TEST(why.find(said) != std::string::npos, why);
    };
    const std::string longPage(129, 'x');
    hostile(R"({"learner":"rosa","state":"drill","page":"","drill":")" + longPage +
                R"(","done":1,"total":10})",
            "\"drill\"");
    hostile(R"({"learner":"rosa","state":"drill","page":"","drill":5,"done":1,"total":10})",
            "\"drill\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":11,"total":10})",
        "\"done\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":-1,"total":10})",
        "\"done\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":1,"total":0})",
        "\"total\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":1,"total":1e12})",
        "\"total\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":"3","total":10})",
        "\"done\"");
    // Nothing of it was kept; the good PC never noticed.
    for (const auto& v : c.teacher->students()) {
        if (v.learnerId == "rosa") {
            BOOST_TEST(v.drillTotal == 0);
            BOOST_TEST(v.state != "drill");
        }
    }
    BOOST_TEST(a.agent->connected());
    a.agent->drillProgress("luis", "res-ejercicio", 2, 5);
    BOOST_TEST(a.agent->waitFor(
        [&] {
            for (const auto& v : c.teacher->students()) {
                if (v.learnerId == "luis" && v.drillDone == 2) {
                    return true;
                }
            }
            return false;
        },
        10000));
}
