// Benchmark: how fast a course is validated, packed and unpacked, on a synthetic course of the
// size a real one reaches (lessons, quizzes, images). Prints figures; asserts only that the work
// was right (the course is valid, the unpacked files equal the packed ones).
//
//   bench_course [--lessons N] [--pages N] [--quizzes N] [--questions N] [--images N]
//                [--image-kb N] [--rounds N]
#include "ayllu/course/author.h"
#include "ayllu/course/validate.h"
#include "ayllu/course/write.h"
#include "ayllu/zip.h"
#include "media.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>
namespace fs = std::filesystem;
using namespace ayllu;
using namespace ayllu::course;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    int lessons = 30;
    int pages = 8;
    int quizzes = 6;
    int questions = 20;
    int images = 40;
    int imageKb = 120;
    int rounds = 5;
};

LText es(const std::string& s) {
    LText t;
    t.set("es", s);
    t.set("qu", s + " (qu)");
    return t;
}

void makeCourse(const fs::path& dir, const Options& o) {
    std::mt19937 rng(42);
    Package pkg = newPackage("bench.course", "Curso de prueba de velocidad");
    pkg.manifest.meta.languages.push_back({"qu", true, {}});
    pkg.manifest.meta.authors.push_back("bench");
    pkg.manifest.meta.licence = "CC0";
    for (int i = 0; i < o.images; ++i) {
        const std::string name = "media/img" + std::to_string(i) + ".png";
        fs::create_directories(dir / "media");
        const std::string png =
            test::makePng(256, static_cast<unsigned>(std::max(1, o.imageKb * 4)), rng() | 1);
        std::ofstream(dir / name, std::ios::binary)
            .write(png.data(), static_cast<long>(png.size()));
    }
    for (int l = 0; l < o.lessons; ++l) {
        Lesson lesson;
        lesson.id = "l" + std::to_string(l);
        lesson.title = es("Lección " + std::to_string(l));
        Resource r;
        r.id = "res-" + lesson.id;
        r.type = ResourceType::Lesson;
        r.href = "lessons/" + lesson.id + ".xml";
        r.files.push_back(r.href);
        for (int p = 0; p < o.pages; ++p) {
            Page page;
            page.id = "p" + std::to_string(p);
            page.title = es("Página " + std::to_string(p));
            Block para;
            para.kind = BlockKind::Paragraph;
            para.text =
                es("El ratón mueve la flecha en la pantalla; la rueda sube y baja el texto. "
                   "Tómalo con la mano, sin apretar, y haz clic una vez.");
            page.blocks.push_back(para);
            if (o.images > 0) {
                Block img;
                img.kind = BlockKind::Image;
                img.src = "media/img" + std::to_string((l * o.pages + p) % o.images) + ".png";
                img.alt = es("Una imagen");
                page.blocks.push_back(img);
                if (std::find(r.files.begin(), r.files.end(), img.src) == r.files.end()) {
                    r.files.push_back(img.src);
                }
            }
            lesson.pages.push_back(page);
        }
        pkg.manifest.resources.push_back(r);
        Item item;
        item.id = "item-" + lesson.id;
        item.ref = r.id;
        item.title = "Lección " + std::to_string(l);
        pkg.manifest.organizations.front().items.push_back(item);
        pkg.lessons[r.id] = lesson;
    }
    for (int q = 0; q < o.quizzes; ++q) {
        Quiz quiz;
        quiz.id = "quiz" + std::to_string(q);
        for (int k = 0; k < o.questions; ++k) {
            Question question;
            question.id = "q" + std::to_string(k);
            question.prompt = es("¿Qué botón usamos para elegir? (" + std::to_string(k) + ")");
            question.choices = {{"a", es("Izquierdo"), 100, {}, 0}, {"b", es("Derecho"), 0, {}, 0}};
            quiz.questions.push_back(question);
        }
        addQuiz(pkg, quiz, "Cuestionario " + std::to_string(q));
    }
    savePackage(pkg, dir.string());
}

std::uint64_t treeBytes(const fs::path& dir) {
    std::uint64_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) {
            n += e.file_size();
        }
    }
    return n;
}

template <typename F>
double medianMs(int rounds, F&& f) {
    std::vector<double> ms;
    for (int i = 0; i < rounds; ++i) {
        const auto t0 = Clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "bench_course: %s\n", why.c_str());
    std::exit(1);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (a == "--lessons")
            o.lessons = v;
        else if (a == "--pages")
            o.pages = v;
        else if (a == "--quizzes")
            o.quizzes = v;
        else if (a == "--questions")
            o.questions = v;
        else if (a == "--images")
            o.images = v;
        else if (a == "--image-kb")
            o.imageKb = v;
        else if (a == "--rounds")
            o.rounds = std::max(1, v);
        else
            fail("unknown option " + a);
    }
    const fs::path root = fs::temp_directory_path() / ("ayllu-bench-" + std::to_string(::getpid()));
    fs::remove_all(root);
    const fs::path dir = root / "course";
    makeCourse(dir, o);
    const double mib = static_cast<double>(treeBytes(dir)) / (1 << 20);

    Validation v;
    const double validateMs = medianMs(o.rounds, [&] { v = validate(dir.string()); });
    if (v.problems.hasErrors()) {
        fail("the synthetic course is not valid: " + v.problems.items().front().toString());
    }
    const fs::path zipPath = root / "course.zip";
    const double packMs = medianMs(o.rounds, [&] { zip::pack(dir.string(), zipPath.string()); });
    const double zipMib = static_cast<double>(fs::file_size(zipPath)) / (1 << 20);
    int n = 0;
    const double unpackMs = medianMs(o.rounds, [&] {
        const auto out = root / ("out" + std::to_string(n++));
        if (zip::unpack(zipPath.string(), out.string()).hasErrors()) {
            fail("unpacking failed");
        }
    });
    if (treeBytes(root / "out0") != treeBytes(dir)) {
        fail("unpacked bytes differ from packed bytes");
    }
    const double zipValidateMs = medianMs(o.rounds, [&] { v = validate(zipPath.string()); });

    // A 64 MiB bomb (zeros) must be refused quickly, without writing it out.
    {
        const fs::path bombDir = root / "bomb";
        fs::create_directories(bombDir);
        std::ofstream(bombDir / "zeros.bin", std::ios::binary) << std::string(64u << 20, '\0');
        zip::pack(bombDir.string(), (root / "bomb.zip").string());
    }
    Problems bomb;
    const double bombMs = medianMs(o.rounds, [&] {
        bomb = zip::unpack((root / "bomb.zip").string(), (root / "bomb-out").string());
    });
    if (!bomb.contains("zip-bomb")) {
        fail("the bomb was not refused");
    }
    const std::size_t pages =
        static_cast<std::size_t>(o.lessons) * static_cast<std::size_t>(o.pages);
    std::printf("course: %d lessons, %zu pages, %d quizzes x %d questions, %d images; %.1f MiB "
                "(zip %.1f MiB)\n",
                o.lessons, pages, o.quizzes, o.questions, o.images, mib, zipMib);
    std::printf("validate folder: %8.1f ms  (%.0f pages/s, media decoded)\n", validateMs,
                1000.0 * static_cast<double>(pages) / validateMs);
    std::printf("validate zip:    %8.1f ms\n", zipValidateMs);
    std::printf("pack:            %8.1f ms  (%.1f MiB/s)\n", packMs, mib * 1000 / packMs);
    std::printf("unpack:          %8.1f ms  (%.1f MiB/s)\n", unpackMs, mib * 1000 / unpackMs);
    std::printf("refuse 64 MiB zip bomb: %.2f ms (ratio check before inflating)\n", bombMs);
    std::printf("median of %d rounds\n", o.rounds);
    fs::remove_all(root);
    return 0;
}
