#define BOOST_TEST_MODULE engine_loop
// The classroom engine never blocks: one PC that stops reading does not hold up the others or
// the console, a quiz opened during a course push goes ahead of the package, and the engine's
// threads do not grow with the connections. Real TLS sockets on loopback.
#include "ayllu/classroom/student_agent.h"
#include "ayllu/classroom/teacher_service.h"
#include "support.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <random>

using namespace ayllu;
using namespace ayllu::classroom;
using namespace ayllu::test;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

const char* const kCourse = "pe.ayllu.muestra";
const char* const kQuiz = "res-cuestionario";

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct TeacherLog : TeacherObserver {
    std::mutex m;
    std::vector<std::string> lines;
    void log(const std::string& l) override {
        std::lock_guard<std::mutex> g(m);
        lines.push_back(l);
    }
    bool said(const std::string& needle) {
        std::lock_guard<std::mutex> g(m);
        return std::any_of(lines.begin(), lines.end(),
                           [&](const auto& l) { return l.find(needle) != std::string::npos; });
    }
};

// Polls `condition` until it holds or `ms` pass.
bool within(int ms, const std::function<bool()>& condition) {
    const auto until = Clock::now() + std::chrono::milliseconds(ms);
    while (!condition()) {
        if (Clock::now() > until) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

// The sample course with `extraBytes` of incompressible media, so a push takes a while.
fs::path bigCourse(const TempDir& tmp, std::size_t extraBytes) {
    const fs::path dir = tmp / "curso";
    fs::copy(sampleCourse(), dir, fs::copy_options::recursive);
    std::mt19937 rng(7);
    std::string bytes(extraBytes, '\0');
    for (auto& c : bytes) {
        c = static_cast<char>(rng());
    }
    std::ofstream(dir / "media" / "relleno.bin", std::ios::binary) << bytes;
    return dir;
}

struct Pc {
    std::unique_ptr<store::StudentStore> store;
    std::unique_ptr<StudentAgent> agent;
};

struct Engine {
    TempDir tmp;
    std::unique_ptr<store::TeacherStore> tstore;
    TeacherLog tlog;
    std::unique_ptr<TeacherService> teacher;
    std::vector<std::unique_ptr<Pc>> pcs;

    explicit Engine(TeacherConfig cfg = {}, std::size_t extraBytes = 0, int learners = 8) {
        tstore = std::make_unique<store::TeacherStore>((tmp / "teacher" / "teacher.db").string());
        tstore->saveClass({"c1", "3° A", "4321", false});
        for (int i = 1; i <= learners; ++i) {
            tstore->saveLearner(
                {"l" + std::to_string(i), "c1", "Learner " + std::to_string(i), "llama", "", "es"});
        }
        cfg.dataDir = (tmp / "teacher").string();
        cfg.classId = "c1";
        cfg.teacherName = "Profesora";
        cfg.bindHost = "127.0.0.1";
        cfg.announce = false;
        teacher = std::make_unique<TeacherService>(*tstore, cfg, &tlog);
        teacher->addCourse(extraBytes > 0 ? bigCourse(tmp, extraBytes).string()
                                          : sampleCourse().string());
        teacher->start();
    }

    StudentAgent& join(const std::string& name, const std::string& learner) {
        auto pc = std::make_unique<Pc>();
        pc->store = std::make_unique<store::StudentStore>((tmp / name / "student.db").string());
        StudentConfig cfg;
        cfg.dataDir = (tmp / name).string();
        cfg.deviceName = name;
        cfg.confirmTeacher = [](const std::string&, const std::string&) { return true; };
        pc->agent = std::make_unique<StudentAgent>(*pc->store, cfg);
        pc->agent->connect("127.0.0.1", teacher->port(), "4321");
        BOOST_REQUIRE(pc->agent->waitJoined(10000));
        BOOST_REQUIRE(pc->agent->signIn(learner, ""));
        pcs.push_back(std::move(pc));
        return *pcs.back()->agent;
    }

    // Where the course stands on `device`: (bytes sent, total).
    std::pair<std::uint64_t, std::uint64_t> progress(const std::string& device) {
        for (const auto& pc : teacher->courseOnPcs(kCourse)) {
            if (pc.device == device) {
                return {pc.done, pc.total};
            }
        }
        return {0, 0};
    }
};

// A PC spoken for by hand: it reads only when the test says so.
struct RawPc {
    std::unique_ptr<Poco::Net::SecureStreamSocket> socket;
    std::unique_ptr<net::Channel> ch;
    // `receiveBuffer`: a small window, so what the teacher has sent and this PC has not read
    // is mostly still queued on the teacher.
    explicit RawPc(std::uint16_t port, int receiveBuffer = 0) {
        Poco::Net::StreamSocket plain(Poco::Net::SocketAddress::IPv4);
        if (receiveBuffer > 0) {
            plain.setReceiveBufferSize(receiveBuffer);
        }
        plain.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(5, 0));
        socket = std::make_unique<Poco::Net::SecureStreamSocket>(
            Poco::Net::SecureStreamSocket::attach(plain, net::clientContext()));
        ch = std::make_unique<net::Channel>(*socket, "teacher");
    }
    void send(net::MsgType t, const std::string& json) { ch->sendRaw(t, json); }
    std::optional<net::Frame> next(net::MsgType wanted, int seconds = 10) {
        const auto until = Clock::now() + std::chrono::seconds(seconds);
        while (Clock::now() < until) {
            auto f = ch->receive(Poco::Timespan(0, 200000));
            if (f && f->type == wanted) {
                return f;
            }
        }
        return std::nullopt;
    }
    void joinAs(const std::string& device) {
        send(net::MsgType::Hello, R"({"version":1,"device":")" + device + R"(","name":"raw"})");
        BOOST_REQUIRE(next(net::MsgType::Hello));
        send(net::MsgType::Join, R"({"code":"4321"})");
        BOOST_REQUIRE(next(net::MsgType::Joined));
    }
    void signIn(const std::string& device, const std::string& learner) {
        joinAs(device);
        send(net::MsgType::SignIn, R"({"learner":")" + learner + R"("})");
        const auto f = next(net::MsgType::SignedIn);
        BOOST_REQUIRE(f);
        BOOST_REQUIRE(f->payload.find("\"ok\":true") != std::string::npos);
    }
    void requestCourse() {
        send(net::MsgType::PackageRequest,
             std::string(R"({"identifier":")") + kCourse + R"(","version":"1.0.0","offset":0})");
    }
};

int threadsOfThisProcess() {
    return static_cast<int>(
        std::distance(fs::directory_iterator("/proc/self/task"), fs::directory_iterator()));
}

} // namespace

BOOST_AUTO_TEST_CASE(a_pc_that_stops_reading_holds_up_neither_the_others_nor_the_console) {
    TeacherConfig cfg;
    cfg.chunkSize = 64 * 1024;
    cfg.limits.sendBufferBytes = 32 * 1024;
    cfg.limits.stallMs = 6000;
    Engine e(cfg, 4u << 20);
    StudentAgent& a = e.join("pc-a", "l1");
    StudentAgent& b = e.join("pc-b", "l2");
    RawPc stalled(e.teacher->port(), 16 * 1024);
    stalled.signIn("pc-stalled", "l3");
    e.teacher->pushCourse(kCourse);
    stalled.requestCourse(); // and it never reads again
    BOOST_REQUIRE(within(10000, [&] { return e.progress("pc-stalled").first > 0; }));
    const auto total = e.progress("pc-stalled").second;

    // While it is stalled, every change reaches the others at once and no call of the console
    // waits for the network.
    double slowestCall = 0, slowestArrival = 0;
    for (int i = 0; i < 4; ++i) {
        const bool locked = i % 2 == 0;
        const auto t0 = Clock::now();
        e.teacher->lock(locked);
        e.teacher->students();
        slowestCall = std::max(slowestCall, msSince(t0));
        BOOST_TEST(a.waitFor([&] { return a.view().locked == locked; }, 3000));
        BOOST_TEST(b.waitFor([&] { return b.view().locked == locked; }, 3000));
        slowestArrival = std::max(slowestArrival, msSince(t0));
    }
    BOOST_TEST_MESSAGE("with a PC that stopped reading: slowest console call "
                       << slowestCall << " ms, slowest change to reach the others "
                       << slowestArrival << " ms");
    BOOST_TEST(slowestCall < 500.0);
    BOOST_TEST(slowestArrival < 3000.0);
    // All that while the stalled PC was still connected, its course stuck part way.
    BOOST_TEST(!e.tlog.said("stopped reading"));
    BOOST_TEST(e.progress("pc-stalled").first < total);

    // Then it is closed and logged, never waited for; the others stay.
    BOOST_TEST(within(30000, [&] { return e.tlog.said("stopped reading"); }));
    BOOST_TEST(a.connected());
    BOOST_TEST(b.connected());
    e.teacher->lock(false);
    BOOST_TEST(a.waitFor([&] { return !a.view().locked; }, 3000));
    BOOST_TEST(b.waitFor([&] { return !b.view().locked; }, 3000));
}

BOOST_AUTO_TEST_CASE(a_quiz_opened_during_a_course_push_goes_ahead_of_the_package) {
    TeacherConfig cfg;
    cfg.limits.sendBufferBytes = 64 * 1024;
    Engine e(cfg, 8u << 20);
    std::vector<StudentAgent*> agents;
    for (int i = 1; i <= 3; ++i) {
        agents.push_back(&e.join("pc-" + std::to_string(i), "l" + std::to_string(i)));
    }
    RawPc slow(e.teacher->port(), 64 * 1024);
    slow.signIn("pc-slow", "l4");
    e.teacher->pushCourse(kCourse);
    slow.requestCourse(); // it reads nothing more until the quiz is open
    BOOST_REQUIRE(within(10000, [&] { return e.progress("pc-slow").first > 0; }));
    const auto total = e.progress("pc-slow").second;

    const auto t0 = Clock::now();
    e.teacher->openQuiz(kCourse, kQuiz, false, 0);
    const double callMs = msSince(t0);
    for (auto* a : agents) {
        BOOST_TEST(a->waitFor([&] { return a->view().quiz.has_value(); }, 5000));
    }
    const double fanoutMs = msSince(t0);

    // The slow PC reads now: the quiz comes after what was already on its way (a few chunks and
    // the sockets' buffers), not after the rest of the package.
    std::uint64_t chunkBytesBefore = 0;
    bool quizSeen = false;
    int chunksAfter = 0;
    const auto until = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < until && (!quizSeen || chunksAfter == 0)) {
        const auto f = slow.ch->receive(Poco::Timespan(0, 200000));
        if (!f) {
            continue;
        }
        if (f->type == net::MsgType::PackageChunk) {
            if (quizSeen) {
                ++chunksAfter;
            } else {
                chunkBytesBefore += f->payload.size();
            }
        } else if (f->type == net::MsgType::ClassState && !quizSeen) {
            quizSeen = f->payload.find("\"quiz\"") != std::string::npos;
        }
    }
    BOOST_TEST_MESSAGE("a quiz opened during an "
                       << total / 1024 << " KiB push: openQuiz returned in " << callMs
                       << " ms, every PC had it in " << fanoutMs
                       << " ms; the PC that had stopped reading got " << chunkBytesBefore / 1024
                       << " KiB of the package before it");
    BOOST_TEST(quizSeen);
    BOOST_TEST(chunksAfter > 0); // the push was still going on behind it
    BOOST_TEST(chunkBytesBefore < total / 4);
    BOOST_TEST(fanoutMs < 3000.0);
}

BOOST_AUTO_TEST_CASE(the_engine_threads_do_not_grow_with_the_connections) {
    constexpr int kPcs = 200;
    Engine e({}, 0, kPcs);
    const int before = threadsOfThisProcess();
    std::vector<std::unique_ptr<RawPc>> pcs;
    for (int i = 0; i < kPcs; ++i) {
        pcs.push_back(std::make_unique<RawPc>(e.teacher->port()));
        pcs.back()->signIn("pc-" + std::to_string(i), "l" + std::to_string(i + 1));
    }
    BOOST_REQUIRE(e.teacher->courseOnPcs(kCourse).size() == static_cast<std::size_t>(kPcs));
    const int after = threadsOfThisProcess();
    // None of these PCs reads: the console's call still returns at once.
    const auto t0 = Clock::now();
    e.teacher->openQuiz(kCourse, kQuiz, false, 0);
    const double callMs = msSince(t0);
    BOOST_TEST_MESSAGE(kPcs << " connections: " << after << " threads in this process (" << before
                            << " before they came; the engine's own: " << e.teacher->engineThreads()
                            << "); openQuiz returned in " << callMs << " ms");
    BOOST_TEST(after <= before + 1);
    BOOST_TEST(e.teacher->engineThreads() <= 8u);
    BOOST_TEST(callMs < 1000.0);
    // And every PC gets the quiz.
    for (auto& pc : pcs) {
        const auto f = pc->next(net::MsgType::ClassState, 10);
        BOOST_REQUIRE(f);
        if (f->payload.find("\"quiz\"") == std::string::npos) {
            BOOST_TEST(pc->next(net::MsgType::ClassState, 10).has_value());
        }
    }
}
