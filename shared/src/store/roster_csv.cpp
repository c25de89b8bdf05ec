#include "ayllu/store/roster_csv.h"

#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "ayllu/text.h"

#include <algorithm>
#include <map>

namespace ayllu::store {

using namespace ayllu::text;

const std::vector<std::string>& signInPictures() {
    static const std::vector<std::string> pictures = {
        "llama",    "condor",   "vicuna", "puma",     "colibri", "trucha", "sol",
        "luna",     "estrella", "papa",   "maiz",     "quinua",  "flor",   "cactus",
        "arbol",    "montana",  "lago",   "casa",     "rio",     "nube",   "rayo",
        "arcoiris", "tambor",   "quena",  "charango", "poncho",  "chullo"};
    return pictures;
}

namespace {

struct Row {
    int line = 0;
    std::vector<std::string> cells;
};

// RFC 4180 with the separator found on the first line (LibreOffice in Spanish writes ';').
std::vector<Row> readRows(std::string_view text) {
    if (startsWith(text, "\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    const auto firstEnd = text.find('\n');
    const auto first = text.substr(0, firstEnd);
    const char sep =
        std::count(first.begin(), first.end(), ';') > std::count(first.begin(), first.end(), ',')
            ? ';'
            : ',';
    std::vector<Row> rows;
    Row row{1, {}};
    std::string cell;
    bool quoted = false;
    int line = 1;
    auto endRow = [&] {
        row.cells.push_back(cell);
        cell.clear();
        const bool blank = std::all_of(row.cells.begin(), row.cells.end(),
                                       [](const std::string& c) { return trim(c).empty(); });
        if (!blank) {
            rows.push_back(row);
        }
        row = Row{line, {}};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') {
                    ++line;
                }
                cell += c;
            }
        } else if (c == '"' && trim(cell).empty()) {
            cell.clear();
            quoted = true;
        } else if (c == sep) {
            row.cells.push_back(cell);
            cell.clear();
        } else if (c == '\n') {
            ++line;
            endRow();
        } else if (c != '\r') {
            cell += c;
        }
    }
    endRow();
    return rows;
}

std::string column(const std::string& header) {
    const auto h = toLower(stripAccents(trim(header)));
    static const std::map<std::string, std::string> names = {
        {"nombre", "name"},       {"name", "name"},       {"nombres", "name"},
        {"pin", "pin"},           {"clave", "pin"},       {"idioma", "language"},
        {"language", "language"}, {"lengua", "language"}, {"dibujo", "picture"},
        {"picture", "picture"},   {"imagen", "picture"}};
    const auto it = names.find(h);
    return it == names.end() ? std::string() : it->second;
}

} // namespace

RosterImport parseRosterCsv(const std::string& text, const std::string& classId,
                            const std::string& source, const std::vector<std::string>& taken) {
    RosterImport out;
    if (const auto bad = invalidUtf8At(text)) {
        out.problems.error(source, lineAt(text, *bad), "invalid-utf8",
                           _("the file is not UTF-8 text; save it from the spreadsheet as "
                             "\"CSV UTF-8\""));
        return out;
    }
    auto rows = readRows(text);
    std::vector<std::string> order = {"name", "pin", "language", "picture"};
    if (!rows.empty() && !column(rows.front().cells.front()).empty()) {
        order.clear();
        for (const auto& h : rows.front().cells) {
            order.push_back(column(h));
        }
        rows.erase(rows.begin());
    }
    if (std::find(order.begin(), order.end(), "name") == order.end()) {
        out.problems.error(source, 1, "no-name-column",
                           _("the first row has no \"nombre\" (name) column"));
        return out;
    }
    const auto& pictures = signInPictures();
    std::vector<std::string> used = taken;
    // The next picture not used yet (any, once all are used).
    auto freePicture = [&] {
        for (const auto& p : pictures) {
            if (std::find(used.begin(), used.end(), p) == used.end()) {
                return p;
            }
        }
        return pictures[used.size() % pictures.size()];
    };
    for (const auto& row : rows) {
        RosterEntry e;
        e.classId = classId;
        e.id = "l-" + crypto::randomHex(8);
        bool ok = true;
        for (std::size_t i = 0; i < row.cells.size() && i < order.size(); ++i) {
            const auto value = collapseSpace(row.cells[i]);
            if (order[i] == "name") {
                e.name = value;
            } else if (order[i] == "pin") {
                e.pin = value;
            } else if (order[i] == "language" && !value.empty()) {
                e.language = toLower(value);
            } else if (order[i] == "picture") {
                e.picture = toLower(stripAccents(value));
            }
        }
        if (e.name.empty()) {
            out.problems.error(source, row.line, "no-name", _("this row has no name"));
            ok = false;
        } else if (e.name.size() > 80) {
            out.problems.error(source, row.line, "long-name",
                               _("the name is longer than 80 characters"));
            ok = false;
        }
        if (!e.pin.empty() && (e.pin.size() < 4 || e.pin.size() > 8 ||
                               !std::all_of(e.pin.begin(), e.pin.end(),
                                            [](char c) { return c >= '0' && c <= '9'; }))) {
            out.problems.error(source, row.line, "bad-pin",
                               i18n::fmt(_("the PIN of %1 must be 4 to 8 digits"), e.name));
            ok = false;
        }
        static const std::vector<std::string> languages = {"es", "qu", "ay", "en"};
        if (std::find(languages.begin(), languages.end(), e.language) == languages.end()) {
            out.problems.error(
                source, row.line, "bad-language",
                i18n::fmt(_("unknown language \"%1\": use es, qu, ay or en"), e.language));
            ok = false;
        }
        if (e.picture.empty()) {
            e.picture = freePicture();
        } else if (std::find(pictures.begin(), pictures.end(), e.picture) == pictures.end()) {
            out.problems.error(source, row.line, "bad-picture",
                               i18n::fmt(_("unknown picture \"%1\""), e.picture));
            ok = false;
        }
        for (const auto& earlier : out.learners) {
            if (ok && toLower(earlier.name) == toLower(e.name)) {
                out.problems.error(source, row.line, "duplicate-name",
                                   i18n::fmt(_("%1 is already on an earlier row"), e.name));
                ok = false;
            }
        }
        if (ok) {
            used.push_back(e.picture);
            out.learners.push_back(std::move(e));
        }
    }
    if (rows.empty()) {
        out.problems.error(source, 0, "empty", _("the file has no learners"));
    }
    return out;
}

} // namespace ayllu::store
