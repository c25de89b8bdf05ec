// What the console window stands on, without any window: the teacher's database, the course
// library and the classroom service, and the first-run setup. The window code only calls this.
#pragma once

#include "ayllu/classroom/course_library.h"
#include "ayllu/classroom/teacher_service.h"
#include "ayllu/store/gradebook.h"
#include "ayllu/store/teacher_store.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ayllu::teacher {

inline constexpr int kDefaultPort = 47800;

// The data folder the teacher chose in Settings, for the next start: kept outside the data
// itself, in $XDG_CONFIG_HOME/ayllu/teacher-data-folder (~/.config when unset). "" when never
// chosen. --data and AYLLU_DATA_DIR still win over it.
std::string chosenDataDir();
// Throws ayllu::Error naming the file when it can't be written.
void chooseDataDir(const std::string& dir);
// The folder to use: `commandLine` if given, else AYLLU_DATA_DIR, else the chosen one, else
// <XDG data>/ayllu/teacher.
std::string dataDirFor(const std::string& commandLine);

struct ConsoleOptions {
    std::string dataDir;              // teacher.db, keys and courses live here
    std::string bundledCourses;       // zips installed on first run ("" for none)
    int port = -1;                    // -1: the saved setting (47800 by default); 0: any free port
    std::string bindHost = "0.0.0.0"; // tests: 127.0.0.1
    bool announce = true;
    std::vector<Poco::Net::SocketAddress> announceTo; // empty: the LAN
};

struct ClassSetup {
    std::string teacher;
    std::string className;
    std::string language = "es";
    bool pinRequired = false;
};

class Console {
public:
    explicit Console(ConsoleOptions options); // throws StorageError when the data can't be used
    ~Console();

    // First run: no class yet.
    bool configured();
    // Makes the class (with a fresh 6-digit class code) and keeps the teacher's choices.
    void setup(const ClassSetup& s);

    // Installs the bundled courses not installed yet, offers every installed course, listens
    // and announces. Returns the problems of courses that could not be offered.
    std::vector<std::string> start(classroom::TeacherObserver* observer);
    void stop();
    // Another window takes the running service's reports (the console made again in another
    // language, without dropping a single student); nullptr: nobody.
    void attach(classroom::TeacherObserver* observer) { relay_.set(observer); }
    bool running() const { return service_ != nullptr; }

    // Imports a package into the library and offers it to the class.
    classroom::CourseImport importCourse(const std::string& path,
                                         const zip::Progress& progress = {});
    // The offered courses, by title.
    std::vector<const course::Package*> courses() const;
    std::string courseFolder(const std::string& identifier) const;
    // The lessons, quizzes and drills of a course in its own order, titled in `language`.
    std::vector<store::CourseItem> courseItems(const std::string& identifier,
                                               const std::string& language) const;

    store::TeacherStore& store() { return *store_; }
    classroom::TeacherService& service() { return *service_; }
    store::ClassInfo classInfo();
    std::string setting(const std::string& name, const std::string& fallback = {}) {
        return store_->setting(name, fallback);
    }
    const ConsoleOptions& options() const { return options_; }

private:
    // The service reports to whichever window is attached now (under a lock: reports come from
    // the service's threads; a window's handlers only set flags and queue).
    class Relay : public classroom::TeacherObserver {
    public:
        void set(classroom::TeacherObserver* target) {
            std::lock_guard<std::mutex> lock(m_);
            target_ = target;
        }
        void studentsChanged() override {
            call([](auto* t) { t->studentsChanged(); });
        }
        void quizChanged(const classroom::QuizStatus& s) override {
            call([&](auto* t) { t->quizChanged(s); });
        }
        void packageProgress(const std::string& d, std::uint64_t done,
                             std::uint64_t total) override {
            call([&](auto* t) { t->packageProgress(d, done, total); });
        }
        void packageDelivered(const std::string& d, const std::string& id, bool ok,
                              const std::string& why) override {
            call([&](auto* t) { t->packageDelivered(d, id, ok, why); });
        }
        void log(const std::string& line) override {
            call([&](auto* t) { t->log(line); });
        }

    private:
        template <typename F>
        void call(F f) {
            std::lock_guard<std::mutex> lock(m_);
            if (target_ != nullptr) {
                f(target_);
            }
        }
        std::mutex m_;
        classroom::TeacherObserver* target_ = nullptr;
    };
    Relay relay_;
    ConsoleOptions options_;
    std::unique_ptr<store::TeacherStore> store_;
    std::unique_ptr<classroom::CourseLibrary> library_;
    std::unique_ptr<classroom::TeacherService> service_;
    std::vector<std::string> offered_; // identifiers
};

} // namespace ayllu::teacher
