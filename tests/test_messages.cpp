#define BOOST_TEST_MODULE messages
#include "ayllu/classroom/messages.h"
#include "support.h"

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>
#include <functional>

using namespace ayllu;
using namespace ayllu::classroom;
using net::MsgType;

namespace {

// Decoding `payload` as M fails with a ProtocolError whose message contains `why`.
template <typename M>
void refuses(const std::string& payload, const std::string& why) {
    BOOST_TEST_CONTEXT(net::name(M::kType) << " " << payload) {
        try {
            M::decode(payload);
            BOOST_ERROR("decoded: " + payload);
        } catch (const net::ProtocolError& e) {
            BOOST_TEST(std::string(e.what()).find(why) != std::string::npos, e.what());
        }
    }
}

// Through a real frame: encoded, framed, read back, decoded.
template <typename M>
M roundTrip(const M& m) {
    const std::string bytes = net::encodeFrame(M::kType, m.encode());
    net::FrameReader r;
    r.feed(bytes.data(), bytes.size());
    const auto f = r.next();
    BOOST_REQUIRE(f);
    BOOST_TEST(static_cast<int>(f->type) == static_cast<int>(M::kType));
    return M::decode(f->payload);
}

Poco::JSON::Object::Ptr json(const std::string& text) {
    Poco::JSON::Parser p;
    return p.parse(text).extract<Poco::JSON::Object::Ptr>();
}

store::Event answer(std::int64_t seq, const std::string& learner) {
    store::Event e;
    e.device = "pc-7f3a";
    e.seq = seq;
    e.learner = learner;
    e.course = "org.ayllu.raton";
    e.content = "res-cuestionario";
    e.attempt = 2;
    e.item = "q" + std::to_string(seq);
    e.kind = store::EventKind::Answer;
    e.atMs = 1700000000000 + seq;
    e.text = "[\"a\",\"c\"]";
    e.latencyMs = 4200 + seq;
    return e;
}

} // namespace

BOOST_AUTO_TEST_CASE(session_messages_round_trip) {
    const auto sh = roundTrip(msg::StudentHello{1, "pc-7f3a", "Ventana 3"});
    BOOST_TEST(sh.version == 1);
    BOOST_TEST(sh.device == "pc-7f3a");
    BOOST_TEST(sh.name == "Ventana 3");

    const auto th = roundTrip(msg::TeacherHello{1, "cls-5b", "Quinto B", "Prof. Mamani"});
    BOOST_TEST(th.classId == "cls-5b");
    BOOST_TEST(th.className == "Quinto B");
    BOOST_TEST(th.teacher == "Prof. Mamani");

    BOOST_TEST(roundTrip(msg::Join{"QX7-41"}).code == "QX7-41");
    BOOST_TEST(roundTrip(msg::Resume{std::string(64, 'e')}).token == std::string(64, 'e'));

    msg::Joined j;
    j.token = "tok-dev";
    j.classId = "cls-5b";
    j.className = "Quinto B";
    j.pinRequired = true;
    j.roster = {{"l1", "Sisa", "llama.png", "qu", true}, {"l2", "Amaru", "", "es", false}};
    const auto jb = roundTrip(j);
    BOOST_TEST(jb.token == "tok-dev");
    BOOST_TEST(jb.classId == "cls-5b");
    BOOST_TEST(jb.className == "Quinto B");
    BOOST_TEST(jb.pinRequired);
    BOOST_TEST((jb.roster == j.roster));

    const auto rf = roundTrip(msg::Refused{"code", "Ese no es el código."});
    BOOST_TEST(rf.reason == "code");
    BOOST_TEST(rf.message == "Ese no es el código.");

    const auto si = roundTrip(msg::SignIn{"l1", "", "4711"});
    BOOST_TEST(si.learner == "l1");
    BOOST_TEST(si.pin == "4711");
    BOOST_TEST(si.token.empty());
    const auto back = roundTrip(msg::SignIn{"l2", "tok-l2", ""});
    BOOST_TEST(back.token == "tok-l2");
    BOOST_TEST(back.pin.empty());

    const auto yes = roundTrip(msg::SignedIn{"l1", true, "tok-l1", ""});
    BOOST_TEST(yes.ok);
    BOOST_TEST(yes.token == "tok-l1");
    const auto no = roundTrip(msg::SignedIn{"l2", false, "", "wait"});
    BOOST_TEST(!no.ok);
    BOOST_TEST(no.learner == "l2");
    BOOST_TEST(no.reason == "wait");
    BOOST_TEST(no.token.empty());

    BOOST_TEST(roundTrip(msg::SignOut{"l9"}).learner == "l9");
    BOOST_TEST(msg::Ping{}.encode() == "{}");
    BOOST_TEST(msg::Pong{}.encode() == "{}");
    BOOST_TEST(msg::Bye{}.encode() == "{}");
}

BOOST_AUTO_TEST_CASE(presence_and_hand_round_trip) {
    msg::Presence p;
    p.learner = "l1";
    p.state = "reading";
    p.page = "p3";
    p.course = "org.ayllu.raton";
    p.content = "res-leccion";
    const auto pb = roundTrip(p);
    BOOST_TEST(pb.learner == "l1");
    BOOST_TEST(pb.state == "reading");
    BOOST_TEST(pb.page == "p3");
    BOOST_TEST(pb.course == "org.ayllu.raton");
    BOOST_TEST(pb.content == "res-leccion");
    BOOST_TEST(!pb.drill);

    msg::Presence d;
    d.learner = "l2";
    d.state = "drill";
    d.content = "res-teclas";
    d.drill = msg::DrillProgress{"res-teclas", 7, 12};
    const auto db = roundTrip(d);
    BOOST_REQUIRE(db.drill);
    BOOST_TEST((*db.drill == msg::DrillProgress{"res-teclas", 7, 12}));

    const auto h = roundTrip(msg::Hand{"l3", true});
    BOOST_TEST(h.learner == "l3");
    BOOST_TEST(h.up);
    BOOST_TEST(!roundTrip(msg::Hand{"l3", false}).up);
}

BOOST_AUTO_TEST_CASE(sync_messages_round_trip) {
    msg::Events ev;
    ev.events.push_back(answer(1, "l1"));
    store::Event status;
    status.device = "pc-7f3a";
    status.seq = 2;
    status.learner = "l2";
    status.course = "org.ayllu.raton";
    status.content = "res-leccion";
    status.attempt = 1;
    status.kind = store::EventKind::Status;
    status.status = store::Status::Completed;
    status.atMs = 1700000000500;
    status.durationMs = 61000;
    status.scoreRaw = 3.5;
    status.scoreMax = 4;
    ev.events.push_back(status);
    const auto back = roundTrip(ev);
    BOOST_REQUIRE(back.events.size() == 2u);
    const auto& a = back.events[0];
    BOOST_TEST(a.device == "pc-7f3a");
    BOOST_TEST(a.seq == 1);
    BOOST_TEST(a.learner == "l1");
    BOOST_TEST(a.attempt == 2);
    BOOST_TEST(a.item == "q1");
    BOOST_TEST((a.kind == store::EventKind::Answer));
    BOOST_TEST(a.text == "[\"a\",\"c\"]");
    BOOST_TEST(a.latencyMs == 4201);
    BOOST_TEST(a.atMs == 1700000000001);
    const auto& s = back.events[1];
    BOOST_TEST((s.status == store::Status::Completed));
    BOOST_TEST(s.durationMs == 61000);
    BOOST_TEST(*s.scoreRaw == 3.5);
    BOOST_TEST(*s.scoreMax == 4.0);

    BOOST_TEST((roundTrip(msg::EventsAck{{4, 9, 12}}).seqs == std::vector<std::int64_t>{4, 9, 12}));
}

BOOST_AUTO_TEST_CASE(class_state_round_trips_with_its_question_objects) {
    msg::ClassStateMsg m;
    m.mode = Mode::Paced;
    m.course = "org.ayllu.raton";
    m.lesson = "res-leccion";
    m.page = "p2";
    m.locked = true;
    m.hands = {"l1", "l4"};
    m.drill = msg::DrillHandout{"org.ayllu.raton", "res-teclas", 3};
    msg::LiveQuizPublic q;
    q.course = "org.ayllu.raton";
    q.content = "res-cuestionario";
    q.title = "El ratón";
    q.titles = {{"es", "El ratón"}, {"qu", "Ukucha"}};
    q.attempt = 4;
    q.oneByOne = true;
    q.open = true;
    q.revealed = false;
    q.remainingMs = 29000;
    q.questions = {json(R"({"id":"q1","type":"single","prompt":{"es":"¿Cuál?"}})"),
                   json(R"({"id":"q2","type":"truefalse"})")};
    m.quiz = q;
    const auto b = roundTrip(m);
    BOOST_TEST((b.mode == Mode::Paced));
    BOOST_TEST(b.course == "org.ayllu.raton");
    BOOST_TEST(b.lesson == "res-leccion");
    BOOST_TEST(b.page == "p2");
    BOOST_TEST(b.locked);
    BOOST_TEST((b.hands == std::set<std::string>{"l1", "l4"}));
    BOOST_REQUIRE(b.drill);
    BOOST_TEST((*b.drill == msg::DrillHandout{"org.ayllu.raton", "res-teclas", 3}));
    BOOST_REQUIRE(b.quiz);
    BOOST_TEST(b.quiz->content == "res-cuestionario");
    BOOST_TEST(b.quiz->title == "El ratón");
    BOOST_TEST((b.quiz->titles == q.titles));
    BOOST_TEST(b.quiz->attempt == 4);
    BOOST_TEST(b.quiz->oneByOne);
    BOOST_TEST(b.quiz->open);
    BOOST_TEST(!b.quiz->revealed);
    BOOST_TEST(b.quiz->remainingMs == 29000);
    BOOST_REQUIRE(b.quiz->questions.size() == 2u);
    BOOST_TEST(b.quiz->questions[0]->getValue<std::string>("id") == "q1");
    BOOST_TEST(b.quiz->questions[0]->getObject("prompt")->getValue<std::string>("es") == "¿Cuál?");
    BOOST_TEST(b.quiz->questions[1]->getValue<std::string>("type") == "truefalse");

    msg::ClassStateMsg idle;
    idle.mode = Mode::SelfPaced;
    const auto ib = roundTrip(idle);
    BOOST_TEST((ib.mode == Mode::SelfPaced));
    BOOST_TEST(!ib.locked);
    BOOST_TEST(!ib.drill);
    BOOST_TEST(!ib.quiz);
    BOOST_TEST(ib.hands.empty());
}

BOOST_AUTO_TEST_CASE(quiz_reveal_round_trips) {
    msg::QuizReveal r;
    r.course = "org.ayllu.raton";
    r.content = "res-cuestionario";
    r.attempt = 3;
    r.key = {json(R"({"id":"q1","weights":{"a":1}})"), json(R"({"id":"q2","answer":true})")};
    r.results["l1"]["q1"] = {"correct", 1, 1};
    r.results["l1"]["q2"] = {"incorrect", 0, 2};
    r.results["l2"]; // signed in here, answered nothing
    const auto b = roundTrip(r);
    BOOST_TEST(b.course == "org.ayllu.raton");
    BOOST_TEST(b.content == "res-cuestionario");
    BOOST_TEST(b.attempt == 3);
    BOOST_REQUIRE(b.key.size() == 2u);
    BOOST_TEST(b.key[1]->getValue<bool>("answer"));
    BOOST_TEST(b.results.size() == 2u);
    BOOST_TEST(b.results.at("l1").at("q1").result == "correct");
    BOOST_TEST(b.results.at("l1").at("q2").max == 2.0);
    BOOST_TEST(b.results.at("l2").empty());
}

BOOST_AUTO_TEST_CASE(course_delivery_messages_round_trip) {
    const auto o =
        roundTrip(msg::PackageOffer{"org.ayllu.raton", "1.2.0", 734003, std::string(64, 'a')});
    BOOST_TEST(o.identifier == "org.ayllu.raton");
    BOOST_TEST(o.version == "1.2.0");
    BOOST_TEST(o.size == 734003u);
    BOOST_TEST(o.sha256 == std::string(64, 'a'));

    const auto from = roundTrip(msg::PackageRequest{"org.ayllu.raton", "1.2.0", false, 262144});
    BOOST_TEST(!from.have);
    BOOST_TEST(from.offset == 262144u);
    const auto have = roundTrip(msg::PackageRequest{"org.ayllu.teclado", "2.0", true, 0});
    BOOST_TEST(have.have);
    BOOST_TEST(have.identifier == "org.ayllu.teclado");

    const std::string bytes("PK\x03\x04\x00\xff zip", 10);
    const auto c = roundTrip(msg::PackageChunk{"org.ayllu.raton", "1.2.0", 524288, "beef", bytes});
    BOOST_TEST(c.offset == 524288u);
    BOOST_TEST(c.sha256 == "beef");
    BOOST_TEST(c.bytes == bytes);

    const auto ok = roundTrip(msg::PackageDone{"org.ayllu.raton", "1.2.0", true, ""});
    BOOST_TEST(ok.ok);
    BOOST_TEST(ok.version == "1.2.0");
    const auto bad = roundTrip(msg::PackageDone{"org.ayllu.raton", "1.2.0", false, "disk full"});
    BOOST_TEST(!bad.ok);
    BOOST_TEST(bad.reason == "disk full");
}

BOOST_AUTO_TEST_CASE(decoders_refuse_bad_input_naming_the_field) {
    // Not an object, not JSON, not UTF-8: refused before any field is read.
    refuses<msg::Join>("[1]", "not a JSON object");
    refuses<msg::Join>("{", "not JSON");
    refuses<msg::Join>("{\"code\":\"\xff\"}", "UTF-8");

    refuses<msg::StudentHello>(R"({"version":1})", "\"device\"");
    refuses<msg::StudentHello>(R"({"version":1,"device":""})", "empty device id");
    refuses<msg::StudentHello>(R"({"version":0,"device":"x"})", "\"version\"");
    refuses<msg::StudentHello>(R"({"version":1,"device":")" + std::string(65, 'd') + "\"}",
                               "\"device\" is too long");
    refuses<msg::TeacherHello>(R"({"version":1,"className":"x"})", "\"classId\"");
    refuses<msg::Join>(R"({"code":5})", "\"code\" missing or not text");
    refuses<msg::Resume>(R"({"token":")" + std::string(129, 't') + "\"}", "\"token\" is too long");
    refuses<msg::Joined>(R"({"roster":[]})", "\"token\"");
    refuses<msg::Joined>(R"({"token":"t","roster":[5]})", "\"roster\" is not an object");
    refuses<msg::Joined>(R"({"token":"t","roster":[{"id":"a","name":"b"}]})", "\"pin\"");
    refuses<msg::Joined>(R"({"token":"t","roster":{"id":"a"}})", "\"roster\" is not a list");
    refuses<msg::Refused>(R"({"reason":")" + std::string(33, 'r') + "\"}",
                          "\"reason\" is too long");
    refuses<msg::SignIn>(R"({"pin":"1"})", "\"learner\"");
    refuses<msg::SignIn>(R"({"learner":"a","pin":")" + std::string(33, '1') + "\"}", "\"pin\"");
    refuses<msg::SignedIn>(R"({"learner":"a","ok":"yes"})", "\"ok\"");
    refuses<msg::SignedIn>(R"({"learner":"a","ok":true})", "\"token\"");
    refuses<msg::SignOut>(R"({"learner":null})", "\"learner\"");

    refuses<msg::Presence>(R"({"learner":"a","state":"dancing"})", "unknown state");
    refuses<msg::Presence>(R"({"learner":"a","state":"drill","drill":"d","total":5,"done":6})",
                           "\"done\" is out of range");
    refuses<msg::Presence>(R"({"learner":"a","state":"drill","drill":"d","total":0,"done":0})",
                           "\"total\" is out of range");
    refuses<msg::Presence>(R"({"learner":"a","state":"drill","drill":"d","total":100001,"done":0})",
                           "\"total\" is out of range");
    refuses<msg::Presence>(R"({"learner":"a","state":"idle","page":")" + std::string(129, 'p') +
                               "\"}",
                           "\"page\" is too long");
    refuses<msg::Hand>(R"({"learner":"a"})", "\"up\"");

    std::string many = R"({"events":[)";
    for (int i = 0; i < 1001; ++i) {
        many += (i ? ",{}" : "{}");
    }
    refuses<msg::Events>(many + "]}", "at most 1000");
    refuses<msg::Events>(R"({})", "at most 1000");
    refuses<msg::Events>(R"({"events":[7]})", "not an object");
    refuses<msg::Events>(R"({"events":[{"device":"d","seq":0}]})", "\"seq\" is out of range");
    refuses<msg::Events>(
        R"({"events":[{"device":"d","seq":1,"learner":"l","course":"c","content":"x","attempt":1,"kind":"dance","at":0}]})",
        "unknown event kind");
    refuses<msg::Events>(
        R"({"events":[{"device":"d","seq":1,"learner":"l","course":"c","content":"x","attempt":1,"kind":"answer","at":0,"raw":"many"}]})",
        "\"raw\"");
    refuses<msg::EventsAck>(R"({})", "without seqs");
    refuses<msg::EventsAck>(R"({"seqs":["x"]})", "not a whole number");

    refuses<msg::ClassStateMsg>(R"({"mode":"paced"})", "\"locked\"");
    refuses<msg::ClassStateMsg>(R"({"mode":"paced","locked":false,"hands":[3]})", "\"hands\"");
    refuses<msg::ClassStateMsg>(R"({"mode":"paced","locked":false,"drill":{"course":"c"}})",
                                "\"content\"");
    refuses<msg::ClassStateMsg>(
        R"({"mode":"idle","locked":false,"quiz":{"course":"c","content":"q","attempt":1,"open":true,"revealed":false,"oneByOne":false,"remainingMs":-1}})",
        "\"remainingMs\" is out of range");
    refuses<msg::ClassStateMsg>(
        R"({"mode":"idle","locked":false,"quiz":{"course":"c","content":"q","attempt":1,"open":true,"revealed":false,"oneByOne":false,"remainingMs":0,"questions":["{}"]}})",
        "\"questions\" is not an object");
    refuses<msg::ClassStateMsg>(
        R"({"mode":"idle","locked":false,"quiz":{"course":"c","content":"q","attempt":1,"open":true,"revealed":false,"oneByOne":false,"remainingMs":0,"questions":[{"type":"single"}]}})",
        "\"id\"");
    refuses<msg::QuizReveal>(R"({"course":"c","content":"q","attempt":1,"key":[{}]})", "\"id\"");
    refuses<msg::QuizReveal>(
        R"({"course":"c","content":"q","attempt":1,"results":{"l1":{"q1":{"result":"correct","points":"1","max":1}}}})",
        "\"points\"");

    refuses<msg::PackageOffer>(R"({"identifier":"../../etc","version":"1","size":5,"sha256":"x"})",
                               "plain file name");
    refuses<msg::PackageOffer>(R"({"identifier":"a","version":"1","size":0,"sha256":"x"})",
                               "\"size\" is out of range");
    refuses<msg::PackageOffer>(R"({"identifier":"a","version":"1","size":2147483649,"sha256":"x"})",
                               "\"size\"");
    refuses<msg::PackageRequest>(R"({"identifier":"a","version":"1"})", "\"offset\"");
    refuses<msg::PackageRequest>(R"({"identifier":"a","version":"1","have":"yes"})", "\"have\"");
    refuses<msg::PackageChunk>("ab", "too short");
    refuses<msg::PackageChunk>(std::string("\x00\x00\x00\x02{}", 6) + "bytes", "\"identifier\"");
    refuses<msg::PackageDone>(R"({"identifier":"a"})", "\"ok\"");
    refuses<msg::PackageDone>(R"({"ok":true,"identifier":")" + std::string(257, 'i') + "\"}",
                              "\"identifier\" is too long");
}

BOOST_AUTO_TEST_CASE(lists_past_their_bound_are_cut_not_refused) {
    // As before the typed messages: a roster, the hands and the titles keep their first ones.
    std::string roster = R"({"token":"t","roster":[)";
    for (std::size_t i = 0; i < msg::Joined::kMaxRoster + 3; ++i) {
        roster += (i ? "," : "") + std::string(R"({"id":"l)") + std::to_string(i) +
                  R"(","name":"n","pin":false})";
    }
    BOOST_TEST(msg::Joined::decode(roster + "]}").roster.size() == msg::Joined::kMaxRoster);
    std::string hands = R"({"mode":"idle","locked":false,"hands":[)";
    for (int i = 0; i < 70; ++i) {
        hands += (i ? "," : "") + std::string("\"l") + std::to_string(i) + "\"";
    }
    BOOST_TEST(msg::ClassStateMsg::decode(hands + "]}").hands.size() ==
               msg::ClassStateMsg::kMaxHands);
}

BOOST_AUTO_TEST_CASE(another_protocol_version_is_read_far_enough_to_refuse_it) {
    // The host answers a Hello of another version with Refused: the rest is not required.
    BOOST_TEST(msg::StudentHello::decode(R"({"version":2})").version == 2);
    BOOST_TEST(msg::TeacherHello::decode(R"({"version":7})").version == 7);
}

BOOST_AUTO_TEST_CASE(the_saved_class_state_round_trips_and_bad_text_gives_idle) {
    ClassState s;
    s.mode = Mode::Paced;
    s.course = "org.ayllu.raton";
    s.lesson = "res-leccion";
    s.page = "p4";
    s.lockedDevices = {"pc-1", "pc-2"};
    s.quizActive = true;
    s.quiz = LiveQuiz{"org.ayllu.raton",
                      "res-cuestionario",
                      "quiz-1",
                      3,
                      true,
                      2,
                      true,
                      false,
                      1700000009000,
                      77};
    s.drillActive = true;
    s.drill.course = "org.ayllu.raton";
    s.drill.content = "res-teclas";
    s.drill.all = false;
    s.drill.devices = {"pc-2"};
    s.drill.round = 5;
    const auto b = loadState(saveState(s));
    BOOST_TEST((b.mode == Mode::Paced));
    BOOST_TEST(b.page == "p4");
    BOOST_TEST((b.lockedDevices == s.lockedDevices));
    BOOST_TEST(b.quizActive);
    BOOST_TEST(b.quiz.quizId == "quiz-1");
    BOOST_TEST(b.quiz.visible == 2);
    BOOST_TEST(b.quiz.deadlineMs == 1700000009000);
    BOOST_TEST(b.quiz.seed == 77u);
    BOOST_TEST(b.drillFor("pc-2"));
    BOOST_TEST(!b.drillFor("pc-1"));
    BOOST_TEST(b.drill.round == 5);
    BOOST_TEST((loadState("{\"mode\":").mode == Mode::Idle));
    BOOST_TEST((loadState("[]").mode == Mode::Idle));
}
