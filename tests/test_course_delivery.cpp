#define BOOST_TEST_MODULE course_delivery
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(a_course_arrives_resumes_after_cuts_and_is_skipped_when_present) {
    TeacherConfig cfg;
    cfg.chunkSize = 1024;
    cfg.dropAfterChunks = 2; // every connection is cut after two chunks
    Classroom c(cfg);
    Pupil& a = c.joined("pc-1");
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

BOOST_AUTO_TEST_CASE(showing_a_page_sends_the_course_and_the_console_sees_each_pc) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis"});
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
