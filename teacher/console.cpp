#include "console.h"

#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "ayllu/store/database.h"
#include "ayllu/text.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;

namespace ayllu::teacher {

namespace {
fs::path dataDirChoiceFile() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    const fs::path config = xdg != nullptr && *xdg != '\0'
                                ? fs::path(xdg)
                                : fs::path(home != nullptr ? home : ".") / ".config";
    return config / "ayllu" / "teacher-data-folder";
}
} // namespace

std::string chosenDataDir() {
    std::ifstream in(dataDirChoiceFile());
    std::string line;
    std::getline(in, line);
    return text::trim(line);
}

void chooseDataDir(const std::string& dir) {
    const auto file = dataDirChoiceFile();
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    const auto part = file.string() + ".part";
    {
        std::ofstream out(part, std::ios::trunc);
        out << dir << '\n';
        if (!out) {
            throw Error(i18n::fmt(_("could not write %1"), file.string()));
        }
    }
    fs::rename(part, file, ec);
    if (ec) {
        throw Error(i18n::fmt(_("could not write %1"), file.string()));
    }
}

std::string dataDirFor(const std::string& commandLine) {
    if (!commandLine.empty()) {
        return commandLine;
    }
    const char* env = std::getenv("AYLLU_DATA_DIR");
    if (env == nullptr || *env == '\0') {
        if (auto chosen = chosenDataDir(); !chosen.empty()) {
            return chosen;
        }
    }
    return (fs::path(store::defaultDataDir()) / "teacher").string();
}

Console::Console(ConsoleOptions options) : options_(std::move(options)) {
    fs::create_directories(options_.dataDir);
    store_ =
        std::make_unique<store::TeacherStore>((fs::path(options_.dataDir) / "teacher.db").string());
    library_ = std::make_unique<classroom::CourseLibrary>(
        (fs::path(options_.dataDir) / "courses").string());
}

Console::~Console() {
    stop();
}

bool Console::configured() {
    return !store_->setting("class").empty() && store_->classById(store_->setting("class"));
}

void Console::setup(const ClassSetup& s) {
    store::ClassInfo c;
    c.id = "c-" + crypto::randomHex(6);
    c.name = s.className;
    // Six digits are quick to type for a first-time user and hard to guess in the few tries
    // the console allows.
    const auto r = crypto::randomHex(8);
    c.code = std::to_string(1000000 + std::stoul(r, nullptr, 16) % 900000).substr(1);
    c.pinRequired = s.pinRequired;
    store_->saveClass(c);
    store_->setSetting("teacher", s.teacher);
    store_->setSetting("language", s.language);
    store_->setSetting("class", c.id);
}

store::ClassInfo Console::classInfo() {
    return store_->classById(store_->setting("class")).value_or(store::ClassInfo{});
}

std::vector<std::string> Console::start(classroom::TeacherObserver* observer) {
    std::vector<std::string> problems;
    if (!options_.bundledCourses.empty()) {
        for (const auto& done : library_->importMissing(options_.bundledCourses)) {
            for (const auto& p : done.problems.items()) {
                if (p.severity == Severity::Error) {
                    problems.push_back(p.toString());
                }
            }
        }
    }
    classroom::TeacherConfig cfg;
    cfg.dataDir = options_.dataDir;
    cfg.classId = store_->setting("class");
    cfg.teacherName = store_->setting("teacher");
    cfg.port = static_cast<std::uint16_t>(
        options_.port >= 0 ? options_.port
                           : std::stoi(store_->setting("port", std::to_string(kDefaultPort))));
    cfg.bindHost = options_.bindHost;
    cfg.announce = options_.announce;
    cfg.announceTo = options_.announceTo;
    relay_.set(observer);
    service_ = std::make_unique<classroom::TeacherService>(*store_, cfg, &relay_);
    for (const auto& folder : library_->folders()) {
        try {
            service_->addCourse(folder);
            offered_.push_back(fs::path(folder).filename().string());
        } catch (const std::exception& e) {
            problems.push_back(e.what());
        }
    }
    service_->start();
    return problems;
}

void Console::stop() {
    if (service_) {
        service_->stop();
        service_.reset();
    }
    relay_.set(nullptr);
}

classroom::CourseImport Console::importCourse(const std::string& path,
                                              const zip::Progress& progress) {
    auto done = library_->import(path, progress);
    if (done.ok && service_) {
        service_->addCourse(done.folder);
        if (std::find(offered_.begin(), offered_.end(), done.identifier) == offered_.end()) {
            offered_.push_back(done.identifier);
        }
    }
    return done;
}

std::vector<const course::Package*> Console::courses() const {
    std::vector<const course::Package*> out;
    if (!service_) {
        return out;
    }
    for (const auto& id : offered_) {
        if (const auto* p = service_->course(id)) {
            out.push_back(p);
        }
    }
    std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
        return a->manifest.meta.title.best("es") < b->manifest.meta.title.best("es");
    });
    return out;
}

std::vector<store::CourseItem> Console::courseItems(const std::string& identifier,
                                                    const std::string& language) const {
    std::vector<store::CourseItem> out;
    const auto* p = service_ ? service_->course(identifier) : nullptr;
    if (p == nullptr) {
        return out;
    }
    std::function<void(const std::vector<course::Item>&)> walk =
        [&](const std::vector<course::Item>& items) {
            for (const auto& item : items) {
                if (p->lessons.count(item.ref) != 0) {
                    out.push_back({item.ref, p->lessons.at(item.ref).title.best(language)});
                } else if (p->quizzes.count(item.ref) != 0) {
                    out.push_back({item.ref, p->quizzes.at(item.ref).title.best(language)});
                } else if (p->drills.count(item.ref) != 0) {
                    out.push_back({item.ref, p->drills.at(item.ref).title.best(language)});
                }
                walk(item.children);
            }
        };
    for (const auto& org : p->manifest.organizations) {
        walk(org.items);
    }
    return out;
}

std::string Console::courseFolder(const std::string& identifier) const {
    return (fs::path(library_->dir()) / identifier).string();
}

} // namespace ayllu::teacher
