// Translations for the GUI-free core and the command-line tools.
//
// The catalogs are ordinary gettext .mo files (po/*.po compiled by msgfmt), read by our own loader
// so that no system locale has to be generated on the lab PCs: a fresh Debian or Windows machine
// has no es_PE or qu_PE locale. The wx apps use wxTranslations over the same files.
//
// Include this header from .cpp files only: wx defines its own _() macro.
#pragma once

#include <string>
#include <vector>

namespace ayllu::i18n {

// Loads the catalog for `language` ("es", "qu_PE", "ay", ...) from
// <localeDir>/<lang>/LC_MESSAGES/ayllu.mo, trying the full code then the bare language, and makes
// it the current one. Returns false (and keeps the current language) when no catalog is found.
bool load(const std::string& localeDir, const std::string& language);

// Switches to `language` at once ("en": the source text), loading its catalog from a folder a
// catalog was found in before. Safe while other threads translate: catalogs are never freed,
// so strings already handed out stay valid. False when there is no such catalog.
bool use(const std::string& language);

// The languages of the interface, with their names in their own language; `draft` when the
// catalog is a draft awaiting review by native speakers (the menus say so).
struct Language {
    std::string code;
    std::string name;
    bool draft = false;
};
const std::vector<Language>& uiLanguages();

// The user's language from AYLLU_LANG, LANGUAGE, LC_ALL, LC_MESSAGES or LANG; "es" when none
// is set or the setting is "C"/"POSIX" (Spanish is the product's first language).
std::string detectLanguage();

// Candidate locale folders: $AYLLU_LOCALEDIR, the build tree, then the installed share/locale.
std::vector<std::string> localeDirs(const std::string& executablePath);

// The translation of msgid, or msgid itself.
const char* translate(const char* msgid);

// The singular or plural translation for n (rule n != 1, which Spanish, Quechua, Aymara and
// English share in our catalogs).
std::string translatePlural(const char* singular, const char* plural, unsigned long n);

// The language of the loaded catalog ("en" when none).
const std::string& currentLanguage();

// Replaces %1..%9 in a translated pattern with the arguments, so translators can reorder them.
std::string format(const std::string& pattern, const std::vector<std::string>& args);

inline std::string toArg(const std::string& s) {
    return s;
}
inline std::string toArg(const char* s) {
    return s;
}
std::string toArg(double v); // shortest form: 2, 0.5, 1e+20
template <typename T>
std::string toArg(const T& v) {
    return std::to_string(v);
}

template <typename... Args>
std::string fmt(const char* pattern, const Args&... args) {
    return format(pattern, {toArg(args)...});
}

} // namespace ayllu::i18n

#ifndef _
#define _(s) ::ayllu::i18n::translate(s)
#endif
#ifndef N_
#define N_(s) s
#endif
#ifndef P_
#define P_(s, p, n) ::ayllu::i18n::translatePlural(s, p, n)
#endif
