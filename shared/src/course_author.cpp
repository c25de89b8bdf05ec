#include "ayllu/course/author.h"

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
