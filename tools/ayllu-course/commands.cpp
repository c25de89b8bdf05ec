#include "commands.h"

#include "ayllu/course/author.h"
#include "ayllu/course/info.h"
#include "ayllu/course/labels.h"
#include "ayllu/course/parse.h"
#include "ayllu/course/validate.h"
#include "ayllu/course/write.h"
#include "ayllu/i18n.h"
#include "ayllu/import/quiz_import.h"
#include "ayllu/text.h"
#include "ayllu/zip.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

namespace ayllu::tools {
namespace {

namespace fs = std::filesystem;
using i18n::fmt;

// Positional arguments and --options of one command.
struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; // "--json" -> "" for flags
    bool help = false;

    bool has(const std::string& o) const { return options.count(o) != 0; }
    std::string get(const std::string& o) const { return has(o) ? options.at(o) : std::string(); }
};

struct Command {
    const char* name;
    const char* usage;                // untranslated synopsis
    const char* summary;              // translated with _()
    const char* help;                 // translated with _()
    std::vector<std::string> options; // those it accepts
    int (*run)(const Args&);
};

bool takesValue(const std::string& o) {
    return o == "-o" || o == "--output" || o == "--title" || o == "--lang" || o == "--id";
}

std::string usageError(const std::string& message) {
    std::cerr << "ayllu-course: " << message << '\n' << _("Try 'ayllu-course --help'.") << '\n';
    return message;
}

void printProblems(const Problems& problems, std::ostream& out = std::cout) {
    for (const auto& p : problems.sorted()) {
        out << p.toString() << '\n';
    }
}

void printCounts(const Problems& problems, std::ostream& out = std::cout) {
    const auto errors = problems.errorCount();
    const auto warnings = problems.warningCount();
    // TRANSLATORS: "%1, %2" joins "3 errors" and "1 warning".
    out << fmt(_("%1, %2"), fmt(P_("%1 error", "%1 errors", errors).c_str(), errors),
               fmt(P_("%1 warning", "%1 warnings", warnings).c_str(), warnings))
        << '\n';
}

// Shows a percentage on a terminal while long work goes on.
zip::Progress terminalProgress(const std::string& label) {
    if (isatty(STDERR_FILENO) == 0) {
        return {};
    }
    return [label, last = -1](std::uint64_t done, std::uint64_t total) mutable {
        const int pct = total == 0 ? 100 : static_cast<int>(done * 100 / total);
        if (pct != last) {
            last = pct;
            std::fprintf(stderr, "\r%s %3d%%%s", label.c_str(), pct, pct >= 100 ? "\n" : "");
        }
    };
}

int cmdValidate(const Args& a) {
    const auto v = course::validate(a.positional[0]);
    printProblems(v.problems);
    if (v.problems.hasErrors()) {
        printCounts(v.problems);
        std::cout << fmt(_("%1 is not valid."), a.positional[0]) << '\n';
        return kProblems;
    }
    if (!v.problems.empty()) {
        printCounts(v.problems);
    }
    std::cout << fmt(_("%1 is valid."), a.positional[0]) << '\n';
    return kOk;
}

int cmdPack(const Args& a) {
    const std::string dir = a.positional[0];
    const std::string out = a.get("-o").empty() ? a.get("--output") : a.get("-o");
    if (out.empty()) {
        usageError(_("pack needs -o FILE.zip"));
        return kUsage;
    }
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        std::cerr << fmt(_("%1 is not a folder"), dir) << '\n';
        return kProblems;
    }
    const auto v = course::validateFolder(dir);
    printProblems(v.problems);
    if (v.problems.hasErrors()) {
        printCounts(v.problems);
        std::cout << _("Nothing was packed: fix the errors above first.") << '\n';
        return kProblems;
    }
    try {
        zip::pack(dir, out, terminalProgress(_("Packing")));
    } catch (const Error& e) {
        std::cerr << e.what() << '\n';
        return kProblems;
    }
    std::cout << fmt(_("Packed %1 into %2 (%3 bytes)."), dir, out, fs::file_size(out, ec)) << '\n';
    return kOk;
}

int cmdUnpack(const Args& a) {
    const std::string out = a.get("-o").empty() ? a.get("--output") : a.get("-o");
    if (out.empty()) {
        usageError(_("unpack needs -o DIR"));
        return kUsage;
    }
    const auto problems = zip::unpack(a.positional[0], out, {}, terminalProgress(_("Unpacking")));
    if (!problems.empty()) {
        printProblems(problems, std::cerr);
        std::cerr << _("Nothing was unpacked.") << '\n';
        return kProblems;
    }
    std::cout << fmt(_("Unpacked %1 into %2."), a.positional[0], out) << '\n';
    return kOk;
}

int cmdInfo(const Args& a) {
    const auto v = course::validate(a.positional[0]);
    if (v.package.manifest.line == 0) {
        printProblems(v.problems, std::cerr);
        return kProblems;
    }
    const auto s = course::summarize(v.package);
    if (a.has("--json")) {
        std::cout << course::toJson(s) << '\n';
        return kOk;
    }
    const auto join = [](const std::vector<std::string>& items) {
        std::string out;
        for (const auto& x : items) {
            out += (out.empty() ? "" : ", ") + course::languageName(x) + " (" + x + ")";
        }
        return out;
    };
    std::cout << fmt(_("Identifier: %1"), s.identifier) << '\n'
              << fmt(_("Version:    %1"), s.version) << '\n'
              << fmt(_("Title:      %1"), s.title) << '\n'
              << fmt(_("Languages:  %1"), join(s.languages)) << '\n';
    if (!s.languagesNeedingReview.empty()) {
        std::cout << fmt(_("Awaiting review by native speakers: %1"),
                         join(s.languagesNeedingReview))
                  << '\n';
    }
    std::cout << fmt(_("Lessons: %1 (%2 pages)"), s.lessons, s.pages) << '\n'
              << fmt(_("Quizzes: %1 (%2 questions)"), s.quizzes, s.questions) << '\n';
    for (course::QuestionType t : course::kAllQuestionTypes) {
        if (const auto n = s.questionsByType.at(course::toString(t)); n > 0) {
            std::cout << "  " << course::label(t) << ": " << n << '\n';
        }
    }
    std::cout << fmt(_("Drills:  %1"), s.drills) << '\n';
    // TRANSLATORS: followed by lines such as "qu 100% (412/412)".
    std::cout << _("Learner texts in each language (of those in Spanish):") << '\n';
    for (const auto& c : s.coverage) {
        std::cout << "  " << course::toString(c);
        if (c.partial) {
            // TRANSLATORS: after "qu 40% (80/200)" for a language the manifest marks partial.
            std::cout << ' ' << _("(declared partial)");
        }
        std::cout << '\n';
    }
    if (v.problems.hasErrors()) {
        printCounts(v.problems);
        std::cout << _("Run 'ayllu-course validate' to see the problems.") << '\n';
    }
    return kOk;
}

int cmdImportQuiz(const Args& a) {
    const std::string file = a.positional[0];
    const std::string dir = a.get("-o").empty() ? a.get("--output") : a.get("-o");
    if (dir.empty()) {
        usageError(_("import-quiz needs -o DIR"));
        return kUsage;
    }
    import::Options options;
    options.language = a.has("--lang") ? a.get("--lang") : "es";
    if (!text::isLanguageTag(options.language)) {
        usageError(fmt(_("\"%1\" is not a language code such as es, qu or ay"), options.language));
        return kUsage;
    }
    const std::string stem = fs::path(file).stem().string();
    options.quizId = a.has("--id") ? a.get("--id") : import::makeQuestionId(stem, 1, {});
    const auto result = import::importFile(file, options);
    printProblems(result.problems);
    if (result.problems.hasErrors() || result.quiz.questions.empty()) {
        std::cout << _("Nothing was imported.") << '\n';
        return kProblems;
    }
    const std::string title = a.has("--title") ? a.get("--title") : stem;

    std::error_code ec;
    const bool existing = fs::exists(fs::path(dir) / course::kManifestFile, ec);
    course::Package pkg;
    if (existing) {
        const auto v = course::validateFolder(dir);
        if (v.problems.hasErrors()) {
            printProblems(v.problems);
            std::cout << fmt(_("%1 has errors; fix them before adding a quiz."), dir) << '\n';
            return kProblems;
        }
        pkg = v.package;
    } else {
        if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
            std::cerr << fmt(_("%1 exists and is not a course folder"), dir) << '\n';
            return kProblems;
        }
        pkg = course::newPackage(import::makeQuestionId(title, 1, {}), title);
        if (options.language != course::kRequiredLanguage) {
            pkg.manifest.meta.languages.push_back({options.language, false, {}});
        }
    }
    auto quiz = result.quiz;
    quiz.title.set(options.language, title);
    if (!quiz.title.has(course::kRequiredLanguage)) {
        quiz.title.set(course::kRequiredLanguage, title);
    }
    const std::string resId = course::addQuiz(pkg, quiz, title);
    try {
        course::savePackage(pkg, dir);
    } catch (const Error& e) {
        std::cerr << e.what() << '\n';
        return kProblems;
    }
    const auto check = course::validateFolder(dir);
    printProblems(check.problems);
    std::cout << fmt(P_("Imported %1 question into %2 (%3 skipped).",
                        "Imported %1 questions into %2 (%3 skipped).", result.imported)
                         .c_str(),
                     result.imported, (fs::path(dir) / pkg.manifest.resource(resId)->href).string(),
                     result.skipped)
              << '\n';
    return check.problems.hasErrors() ? kProblems : kOk;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"validate",
         "validate PATH",
         N_("check a course folder or zip and list every problem"),
         N_("Checks the course at PATH (a folder or a .zip) and prints every problem as\n"
            "file:line: error|warning: message. Exit status: 0 valid (warnings allowed),\n"
            "1 problems found, 2 wrong command line."),
         {},
         cmdValidate},
        {"pack",
         "pack DIR -o FILE.zip",
         N_("validate a course folder and pack it into a zip"),
         N_("Validates DIR and, when it has no errors, packs it into FILE.zip with\n"
            "imsmanifest.xml at the root. A course with errors is not packed."),
         {"-o", "--output"},
         cmdPack},
        {"unpack",
         "unpack FILE.zip -o DIR",
         N_("unpack a course zip safely into a new folder"),
         N_("Unpacks FILE.zip into DIR, which must not exist. Unsafe entries (absolute paths,\n"
            "'..', links) and zip bombs are refused, and then nothing is written."),
         {"-o", "--output"},
         cmdUnpack},
        {"info",
         "info PATH [--json]",
         N_("show a course's identity and counts"),
         N_("Prints the identifier, version, title, languages and the counts of lessons,\n"
            "pages, quizzes, questions (by type) and drills, and for each language the share\n"
            "of learner texts written in it, such as \"qu 100% (412/412)\". --json prints\n"
            "them as JSON."),
         {"--json"},
         cmdInfo},
        {"import-quiz",
         "import-quiz FILE -o DIR [--title T] [--lang L] [--id ID]",
         N_("import a GIFT or Moodle XML question file as a quiz"),
         N_("Reads FILE (.gift or .txt: GIFT; .xml: Moodle XML) and writes a quiz into the\n"
            "course folder DIR: a new course when DIR is new or empty, else the quiz is added.\n"
            "Questions that cannot be converted are listed with their line and skipped.\n"
            "--lang says which language the file is written in (default es)."),
         {"-o", "--output", "--title", "--lang", "--id"},
         cmdImportQuiz},
    };
    return list;
}

void printMainHelp() {
    std::cout << _("Usage: ayllu-course COMMAND [ARGUMENTS]") << "\n\n"
              << _("Checks, packs and imports Ayllu course packages.") << "\n\n"
              << _("Commands:") << '\n';
    for (const auto& c : commands()) {
        std::printf("  %-12s %s\n", c.name, _(c.summary));
    }
    std::cout << '\n' << _("'ayllu-course COMMAND --help' describes one command.") << '\n';
}

void loadTranslations(const char* argv0) {
    std::error_code ec;
    std::string exe = fs::read_symlink("/proc/self/exe", ec).string();
    if (ec) {
        exe = argv0;
    }
    const std::string lang = i18n::detectLanguage();
    for (const auto& dir : i18n::localeDirs(exe)) {
        if (i18n::load(dir, lang)) {
            return;
        }
    }
}

} // namespace

int runCourseTool(int argc, char** argv) {
    loadTranslations(argv[0]);
    if (argc < 2) {
        printMainHelp();
        return kUsage;
    }
    const std::string name = argv[1];
    if (name == "-h" || name == "--help" || name == "help") {
        printMainHelp();
        return kOk;
    }
    if (name == "--version") {
        std::cout << "ayllu-course " << AYLLU_VERSION << '\n';
        return kOk;
    }
    const Command* cmd = nullptr;
    for (const auto& c : commands()) {
        if (name == c.name) {
            cmd = &c;
        }
    }
    if (cmd == nullptr) {
        usageError(fmt(_("unknown command \"%1\""), name));
        return kUsage;
    }
    Args args;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-h" || a == "--help") {
            args.help = true;
        } else if (a.size() > 1 && a[0] == '-') {
            if (std::find(cmd->options.begin(), cmd->options.end(), a) == cmd->options.end()) {
                usageError(fmt(_("%1 does not take the option %2"), cmd->name, a));
                return kUsage;
            }
            if (takesValue(a)) {
                if (i + 1 >= argc) {
                    usageError(fmt(_("%1 needs a value"), a));
                    return kUsage;
                }
                args.options[a] = argv[++i];
            } else {
                args.options[a] = "";
            }
        } else {
            args.positional.push_back(a);
        }
    }
    if (args.help) {
        std::cout << _("Usage:") << " ayllu-course " << cmd->usage << "\n\n"
                  << _(cmd->help) << '\n';
        return kOk;
    }
    if (args.positional.size() != 1) {
        usageError(fmt(_("usage: ayllu-course %1"), cmd->usage));
        return kUsage;
    }
    try {
        return cmd->run(args);
    } catch (const std::exception& e) {
        std::cerr << "ayllu-course: " << e.what() << '\n';
        return kProblems;
    }
}

} // namespace ayllu::tools
