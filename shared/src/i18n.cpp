#include "ayllu/i18n.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace ayllu::i18n {
namespace {

bool parseMo(const std::string& data, std::unordered_map<std::string, std::string>& out);

struct Catalog {
    std::string language = "en";
    std::unordered_map<std::string, std::string> strings;
    // Quechua and Aymara learners read Spanish better than English: untranslated strings fall
    // back to the Spanish catalog before the English source text.
    std::unordered_map<std::string, std::string> fallback;
};

bool readCatalog(const std::string& localeDir, const std::string& lang,
                 std::unordered_map<std::string, std::string>& out) {
    std::ifstream in(localeDir + "/" + lang + "/LC_MESSAGES/ayllu.mo", std::ios::binary);
    if (!in) {
        return false;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::unordered_map<std::string, std::string> strings;
    if (!parseMo(data, strings)) {
        return false;
    }
    out = std::move(strings);
    return true;
}

// Every catalog loaded stays in memory for the life of the program, so a string handed out by
// translate() stays valid after the language changes; switching is one atomic store, so a
// learner's language switch never races with a thread that is translating.
struct Catalogs {
    std::mutex m;
    std::map<std::string, std::unique_ptr<Catalog>> loaded; // by language
    std::vector<std::string> dirs;                          // where catalogs were found
    Catalog english;                                        // the source text
    std::atomic<const Catalog*> current{&english};
};

Catalogs& catalogs() {
    static Catalogs c;
    return c;
}

const Catalog& catalog() {
    return *catalogs().current.load(std::memory_order_acquire);
}

std::uint32_t readU32(const std::string& data, std::size_t at, bool swap) {
    if (at + 4 > data.size()) {
        return 0;
    }
    std::uint32_t v;
    std::memcpy(&v, data.data() + at, 4);
    if (swap) {
        v = ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
    }
    return v;
}

// Parses a GNU .mo file; returns false on anything malformed.
bool parseMo(const std::string& data, std::unordered_map<std::string, std::string>& out) {
    if (data.size() < 28) {
        return false;
    }
    const std::uint32_t magic = readU32(data, 0, false);
    bool swap;
    if (magic == 0x950412deu) {
        swap = false;
    } else if (magic == 0xde120495u) {
        swap = true;
    } else {
        return false;
    }
    const std::uint32_t count = readU32(data, 8, swap);
    const std::uint32_t originals = readU32(data, 12, swap);
    const std::uint32_t translations = readU32(data, 16, swap);
    if (count > data.size() / 8) {
        return false;
    }
    auto entry = [&](std::uint32_t table, std::uint32_t i, std::string& s) {
        const std::uint64_t at = std::uint64_t{table} + std::uint64_t{i} * 8;
        if (at + 8 > data.size()) {
            return false;
        }
        const std::uint32_t len = readU32(data, at, swap);
        const std::uint32_t off = readU32(data, at + 4, swap);
        if (std::uint64_t{off} + len > data.size()) {
            return false;
        }
        s.assign(data, off, len);
        return true;
    };
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string id, str;
        if (!entry(originals, i, id) || !entry(translations, i, str)) {
            return false;
        }
        if (id.empty()) {
            continue; // the header
        }
        // Plural entries: the key is the singular; the value keeps every form, separated by
        // NULs, so c_str() of it is the singular form.
        id = id.substr(0, id.find('\0'));
        if (!str.empty() && str[0] != '\0') {
            out.emplace(std::move(id), std::move(str));
        }
    }
    return true;
}

std::string firstNonEmptyEnv(std::initializer_list<const char*> names) {
    for (const char* n : names) {
        const char* v = std::getenv(n);
        if (v != nullptr && *v != '\0') {
            return v;
        }
    }
    return {};
}

} // namespace

bool load(const std::string& localeDir, const std::string& language) {
    std::vector<std::string> tries{language};
    const auto cut = language.find_first_of("_.@-");
    if (cut != std::string::npos) {
        tries.push_back(language.substr(0, cut));
    }
    Catalogs& all = catalogs();
    std::lock_guard<std::mutex> lock(all.m);
    // Remembered even when this language has no catalog there: a later use() of another one
    // (a program started in English, switched to Quechua) looks in the same folders.
    if (std::find(all.dirs.begin(), all.dirs.end(), localeDir) == all.dirs.end()) {
        all.dirs.push_back(localeDir);
    }
    for (const auto& lang : tries) {
        if (lang == "en") {
            continue;
        }
        if (const auto it = all.loaded.find(lang); it != all.loaded.end()) {
            all.current.store(it->second.get(), std::memory_order_release);
            return true;
        }
        auto c = std::make_unique<Catalog>();
        if (!readCatalog(localeDir, lang, c->strings)) {
            continue;
        }
        c->language = lang;
        if (lang != "es") {
            readCatalog(localeDir, "es", c->fallback);
        }
        all.current.store(c.get(), std::memory_order_release);
        all.loaded.emplace(lang, std::move(c));
        return true;
    }
    return false;
}

bool use(const std::string& language) {
    if (language == "en") {
        catalogs().current.store(&catalogs().english, std::memory_order_release);
        return true;
    }
    std::vector<std::string> dirs;
    {
        std::lock_guard<std::mutex> lock(catalogs().m);
        dirs = catalogs().dirs;
    }
    for (const auto& dir : dirs) {
        if (load(dir, language)) {
            return true;
        }
    }
    return false;
}

std::string detectLanguage() {
    std::string v = firstNonEmptyEnv({"AYLLU_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"});
    v = v.substr(0, v.find(':')); // LANGUAGE may be a list
    if (v.empty() || v == "C" || v == "POSIX" || v.rfind("C.", 0) == 0) {
        return "es";
    }
    return v.substr(0, v.find_first_of(".@"));
}

std::vector<std::string> localeDirs(const std::string& executablePath) {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("AYLLU_LOCALEDIR"); env != nullptr && *env != '\0') {
        dirs.emplace_back(env);
    }
    const auto slash = executablePath.rfind('/');
    const std::string exeDir = slash == std::string::npos ? "." : executablePath.substr(0, slash);
    dirs.push_back(exeDir + "/../share/locale"); // build tree (bin/ beside share/) and installs
    dirs.emplace_back("/usr/share/locale");
    dirs.emplace_back("/usr/local/share/locale");
    return dirs;
}

const char* translate(const char* msgid) {
    const Catalog& c = catalog();
    if (c.strings.empty() && c.fallback.empty()) {
        return msgid;
    }
    if (const auto it = c.strings.find(msgid); it != c.strings.end()) {
        return it->second.c_str();
    }
    if (const auto it = c.fallback.find(msgid); it != c.fallback.end()) {
        return it->second.c_str();
    }
    return msgid;
}

std::string translatePlural(const char* singular, const char* plural, unsigned long n) {
    const std::size_t form = n == 1 ? 0 : 1;
    const Catalog& c = catalog();
    for (const auto* table : {&c.strings, &c.fallback}) {
        const auto it = table->find(singular);
        if (it == table->end()) {
            continue;
        }
        const std::string& forms = it->second;
        std::size_t start = 0;
        for (std::size_t k = 0; k < form; ++k) {
            const auto nul = forms.find('\0', start);
            if (nul == std::string::npos) {
                start = std::string::npos;
                break;
            }
            start = nul + 1;
        }
        if (start != std::string::npos) {
            return forms.substr(start, forms.find('\0', start) - start);
        }
    }
    return form == 0 ? singular : plural;
}

const std::string& currentLanguage() {
    return catalog().language;
}

const std::vector<Language>& uiLanguages() {
    // Each name in its own language, so a learner finds theirs.
    static const std::vector<Language> all{{"es", "Español", false},
                                           {"qu", "Runasimi", true},
                                           {"ay", "Aymar aru", true},
                                           {"en", "English", false}};
    return all;
}

std::string format(const std::string& pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size() + 16 * args.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
            const std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '1');
            if (n < args.size()) {
                out += args[n];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

std::string toArg(double v) {
    // The shortest form that reads back as the same double: 0.1 stays "0.1", not
    // "0.10000000000000001", yet written numbers round-trip exactly.
    char buf[40];
    for (int precision = 15; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) {
            break;
        }
    }
    return buf;
}

} // namespace ayllu::i18n
