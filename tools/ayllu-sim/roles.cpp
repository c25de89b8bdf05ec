// The processes ayllu-sim starts: one teacher, and groups of students. They talk to the
// controller in lines on stdin/stdout; everything that counts is read back from their databases.
#include "ayllu/classroom/student_agent.h"
#include "ayllu/classroom/teacher_service.h"
#include "ayllu/quiz/response.h"
#include "sim.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <SQLiteCpp/Statement.h>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

namespace ayllu::sim {

namespace fs = std::filesystem;
using classroom::StudentAgent;
using classroom::TeacherService;

namespace {

std::mutex outMutex;

void say(const std::string& line) {
    std::lock_guard<std::mutex> lock(outMutex);
    std::fputs((line + "\n").c_str(), stdout);
    std::fflush(stdout);
}

struct TeacherEcho : classroom::TeacherObserver {
    void log(const std::string& l) override { say("log teacher " + l); }
};

} // namespace

std::string learnerId(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "s%04d", i);
    return buf;
}

int runTeacher(const Options& o) {
    store::TeacherStore store((fs::path(o.data) / "teacher" / "teacher.db").string());
    if (!store.classById(kSimClass)) {
        store.saveClass({kSimClass, "Simulación", kSimCode, false});
        for (int i = 1; i <= o.students; ++i) {
            store.saveLearner(
                {learnerId(i), kSimClass, "Estudiante " + std::to_string(i), "", "", "es"});
        }
    }
    classroom::TeacherConfig cfg;
    cfg.dataDir = (fs::path(o.data) / "teacher").string();
    cfg.classId = kSimClass;
    cfg.teacherName = "ayllu-sim";
    cfg.bindHost = "127.0.0.1";
    cfg.port = static_cast<std::uint16_t>(o.port);
    cfg.announce = false;
    TeacherEcho echo;
    TeacherService t(store, cfg, o.verbose ? &echo : nullptr);
    t.addCourse(o.course);
    t.start();
    say("ready " + std::to_string(t.port()));
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string cmd;
        in >> cmd;
        if (cmd == "open") {
            std::string course, quiz;
            int oneByOne = 0;
            in >> course >> quiz >> oneByOne;
            const auto at = store::nowMs();
            t.openQuiz(course, quiz, oneByOne != 0, 0);
            say("opened " + std::to_string(at));
        } else if (cmd == "close") {
            t.closeQuiz();
        } else if (cmd == "cut") {
            int ms = 0;
            in >> ms;
            t.cut(ms);
            say("cut");
        } else if (cmd == "quit") {
            break;
        }
    }
    say("bytes " + std::to_string(t.bytesSent()));
    t.stop();
    return 0;
}

namespace {

// A plausible answer to a public question, chosen by the seed.
quiz::Response pickResponse(const quiz::PublicQuestion& q, std::mt19937& rng) {
    using quiz::Response;
    const std::string type = q->getValue<std::string>("type");
    const auto ids = [&](const char* key) {
        std::vector<std::string> out;
        if (const auto arr = q->getArray(key)) {
            for (std::size_t i = 0; i < arr->size(); ++i) {
                out.push_back(
                    arr->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
            }
        }
        return out;
    };
    if (type == "single") {
        const auto c = ids("choices");
        return Response::choice(c[rng() % c.size()]);
    }
    if (type == "multiple") {
        Response::Ids chosen;
        for (const auto& id : ids("choices")) {
            if (rng() % 2) {
                chosen.push_back(id);
            }
        }
        return Response::choices(chosen);
    }
    if (type == "truefalse") {
        return Response::truth(rng() % 2 != 0);
    }
    if (type == "short") {
        const char* options[] = {"clic", "Click", "doble clic"};
        return Response::text(options[rng() % 3]);
    }
    if (type == "numeric") {
        return Response::number(static_cast<double>(rng() % 4));
    }
    if (type == "matching") {
        const auto left = ids("left");
        const auto right = ids("right");
        Response::Entries pairs;
        for (const auto& l : left) {
            pairs.emplace_back(l, right[rng() % right.size()]);
        }
        return Response::entries(pairs);
    }
    if (type == "ordering") {
        auto items = ids("items");
        std::shuffle(items.begin(), items.end(), rng);
        return Response::order(items);
    }
    if (type == "fill") {
        Response::Entries blanks;
        if (const auto list = q->getArray("blanks")) {
            const char* words[] = {"clic", "izquierdo", "derecho"};
            for (std::size_t i = 0; i < list->size(); ++i) {
                blanks.emplace_back(list->getElement<std::string>(static_cast<unsigned>(i)),
                                    words[rng() % 3]);
            }
        }
        return Response::entries(blanks);
    }
    return Response{};
}

struct StudentEcho : classroom::StudentObserver {
    std::string learner;
    std::mutex m;
    std::condition_variable cv;
    std::int64_t quizSeenMs = 0;
    void classChanged(const classroom::ClassView& v) override {
        std::lock_guard<std::mutex> lock(m);
        if (quizSeenMs == 0 && v.quiz && !v.quiz->questions.empty()) {
            quizSeenMs = store::nowMs(); // the first time this PC has the questions
        }
        cv.notify_all();
    }
    void acknowledged(const std::vector<std::int64_t>& seqs) override {
        const auto now = store::nowMs();
        for (auto s : seqs) {
            say("acked " + learner + " " + std::to_string(s) + " " + std::to_string(now));
        }
    }
};

void oneStudent(const Options& o, int i, std::atomic<bool>& stop) {
    const std::string learner = learnerId(i);
    const fs::path dir = fs::path(o.data) / "students" / learner;
    store::StudentStore store((dir / "student.db").string());
    StudentEcho echo;
    echo.learner = learner;
    classroom::StudentConfig cfg;
    cfg.dataDir = dir.string();
    cfg.deviceName = learner;
    cfg.confirmTeacher = [](const std::string&, const std::string&) { return true; };
    cfg.backoffMinMs = 100;
    cfg.backoffMaxMs = 1000;
    StudentAgent agent(store, cfg, &echo);
    agent.connect("127.0.0.1", static_cast<std::uint16_t>(o.port), kSimCode);
    if (!agent.waitJoined(120000)) {
        say("failed " + learner + " join " + agent.refusal());
        return;
    }
    while (!stop && !agent.signIn(learner, "", nullptr, 5000)) {
    }
    say("joined " + learner);
    if (!agent.waitFor([&] { return agent.view().quiz && !agent.view().quiz->questions.empty(); },
                       300000)) {
        say("failed " + learner + " no quiz");
        return;
    }
    {
        // The view can hold the quiz a moment before the observer is told: the time it was
        // first seen is the observer's, so wait for it (reported as 0, the PC's fan-out was
        // left out of the figures).
        std::unique_lock<std::mutex> lock(echo.m);
        if (!echo.cv.wait_for(lock, std::chrono::seconds(60),
                              [&] { return echo.quizSeenMs != 0; })) {
            say("failed " + learner + " quiz never shown");
            return;
        }
        say("quiz " + learner + " " + std::to_string(echo.quizSeenMs));
    }
    std::mt19937 rng(static_cast<unsigned>(o.seed * 7919 + i));
    const auto quiz = *agent.view().quiz;
    for (const auto& pub : quiz.questions) {
        const std::string qid = pub->getValue<std::string>("id");
        // After a restart: a question answered (and committed) before is not answered again.
        const int already = store.withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db, "SELECT count(*) FROM events WHERE kind = 'answer' AND "
                                    "learner = ? AND content = ? AND attempt = ? AND item = ?");
            q.bind(1, learner);
            q.bind(2, quiz.content);
            q.bind(3, quiz.attempt);
            q.bind(4, qid);
            q.executeStep();
            return q.getColumn(0).getInt();
        });
        if (already > 0) {
            continue;
        }
        // A learner thinks before answering: 20-150 ms here (a person takes seconds).
        {
            std::unique_lock<std::mutex> lock(echo.m);
            echo.cv.wait_for(lock, std::chrono::milliseconds(20 + rng() % 130),
                             [&] { return stop.load(); });
        }
        const std::string response = quiz::encodeResponse(pickResponse(pub, rng));
        const auto r = agent.answerLive(learner, qid, response, 1000 + rng() % 9000);
        if (!r.saved) {
            say("unsaved " + learner + " " + qid + " " + r.error);
            continue;
        }
        say("answered " + learner + " " + qid + " " + std::to_string(r.seq) + " " +
            std::to_string(store::nowMs()));
    }
    if (agent.waitSynced(300000)) {
        say("done " + learner);
    } else {
        say("failed " + learner + " not synced");
    }
    say("bytes " + learner + " " + std::to_string(agent.bytesSent()));
}

} // namespace

int runStudents(const Options& o) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int i = o.first; i < o.first + o.count; ++i) {
        threads.emplace_back([&o, i, &stop] { oneStudent(o, i, stop); });
    }
    for (auto& t : threads) {
        t.join();
    }
    std::string line;
    while (std::getline(std::cin, line) && line != "quit") {
    }
    return 0;
}

} // namespace ayllu::sim
