#define BOOST_TEST_MODULE session
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(a_student_joins_confirms_the_code_and_signs_in) {
    Classroom c;
    Pupil& p = c.joined("pc-1");
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
    Pupil& a = c.joined("pc-1");
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
    Pupil& p = c.joined("pc-1", {"luis"});
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

BOOST_AUTO_TEST_CASE(hostile_frames_close_only_that_connection) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis"});
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
