#include "ayllu/course/author.h"

#include "ayllu/course/validate.h"
#include "ayllu/course/write.h"
#include "ayllu/i18n.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

namespace ayllu::course {

Package newPackage(const std::string& identifier, const std::string& title) {
    Package p;
    p.manifest.identifier = identifier;
    p.manifest.version = "1.0.0";
    p.manifest.meta.title.set(kRequiredLanguage, title);
    p.manifest.meta.languages.push_back({kRequiredLanguage, false, {}});
    p.manifest.defaultOrganization = "org";
    Organization org;
    org.id = "org";
    org.title = title;
    p.manifest.organizations.push_back(org);
    return p;
}

std::string addQuiz(Package& pkg, Quiz quiz, const std::string& title) {
    std::set<std::string> ids;
    for (const auto& r : pkg.manifest.resources) {
        ids.insert(r.id);
        ids.insert(r.href);
    }
    std::function<void(const std::vector<Item>&)> collect = [&](const std::vector<Item>& items) {
        for (const auto& i : items) {
            ids.insert(i.id);
            collect(i.children);
        }
    };
    for (const auto& o : pkg.manifest.organizations) {
        ids.insert(o.id);
        collect(o.items);
    }
    std::string base = quiz.id.empty() ? "quiz" : quiz.id;
    std::string id = base;
    for (int n = 2;
         ids.count("res-" + id) || ids.count("item-" + id) || ids.count("quizzes/" + id + ".xml");
         ++n) {
        id = base + "-" + std::to_string(n);
    }
    quiz.id = id;
    if (quiz.title.empty()) {
        quiz.title.set(kRequiredLanguage, title);
    }
    Resource r;
    r.id = "res-" + id;
    r.type = ResourceType::Quiz;
    r.href = "quizzes/" + id + ".xml";
    r.files.push_back(r.href);
    pkg.manifest.resources.push_back(r);
    Item item;
    item.id = "item-" + id;
    item.ref = r.id;
    item.title = title;
    if (pkg.manifest.organizations.empty()) {
        Organization org;
        org.id = "org";
        org.title = title;
        pkg.manifest.organizations.push_back(org);
        pkg.manifest.defaultOrganization = "org";
    }
    pkg.manifest.organizations.front().items.push_back(item);
    pkg.quizzes[r.id] = std::move(quiz);
    return r.id;
}

} // namespace ayllu::course

namespace ayllu::course {

std::vector<std::string> studentEdition(const std::string& dir, const std::string& outDir) {
    namespace fs = std::filesystem;
    auto v = validateFolder(dir);
    if (v.problems.hasErrors()) {
        throw Error(i18n::fmt(_("the course in %1 has errors"), dir));
    }
    Package& pkg = v.package;
    std::set<std::string> out;
    for (const auto& [id, quiz] : pkg.quizzes) {
        if (quiz.mode != QuizMode::SelfPaced) {
            out.insert(id);
        }
    }
    fs::copy(dir, outDir, fs::copy_options::recursive);
    auto& resources = pkg.manifest.resources;
    for (const auto& r : resources) {
        if (out.count(r.id) != 0) {
            for (const auto& f : r.files) {
                fs::remove(fs::path(outDir) / f);
            }
            fs::remove(fs::path(outDir) / r.href);
        }
    }
    resources.erase(std::remove_if(resources.begin(), resources.end(),
                                   [&](const Resource& r) { return out.count(r.id) != 0; }),
                    resources.end());
    for (auto& r : resources) {
        auto& d = r.dependencies;
        d.erase(std::remove_if(d.begin(), d.end(),
                               [&](const std::string& id) { return out.count(id) != 0; }),
                d.end());
    }
    std::function<void(std::vector<Item>&)> prune = [&](std::vector<Item>& items) {
        items.erase(std::remove_if(items.begin(), items.end(),
                                   [&](const Item& i) { return out.count(i.ref) != 0; }),
                    items.end());
        for (auto& i : items) {
            prune(i.children);
        }
    };
    for (auto& org : pkg.manifest.organizations) {
        prune(org.items);
    }
    writeFileAtomically((fs::path(outDir) / kManifestFile).string(), writeManifest(pkg.manifest));
    const auto check = validateFolder(outDir);
    if (check.problems.hasErrors()) {
        throw Error(i18n::fmt(_("the students' copy of %1 has errors: %2"), dir,
                              check.problems.sorted().front().toString()));
    }
    return {out.begin(), out.end()};
}

} // namespace ayllu::course
