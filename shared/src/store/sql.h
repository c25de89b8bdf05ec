// Binding and reading rows without one line per column (private to the store).
//   sql::bind(q, e.learner, e.course, e.attempt, e.scoreRaw);  // ?1, ?2, ...
//   sql::read(q, p.learner, p.course, p.attempt, p.scoreRaw);  // columns 0, 1, ...
// An empty std::optional, a null const char*, or sql::null binds NULL; a NULL column reads as an
// empty optional.
#pragma once

#include <SQLiteCpp/Statement.h>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace ayllu::store::sql {

struct Null {};
inline constexpr Null null{};

inline void bindOne(SQLite::Statement& q, int i, const std::string& v) {
    q.bind(i, v);
}
inline void bindOne(SQLite::Statement& q, int i, const char* v) {
    q.bind(i, v);
}
inline void bindOne(SQLite::Statement& q, int i, int v) {
    q.bind(i, v);
}
inline void bindOne(SQLite::Statement& q, int i, std::int64_t v) {
    q.bind(i, v);
}
inline void bindOne(SQLite::Statement& q, int i, std::uint64_t v) {
    q.bind(i, static_cast<std::int64_t>(v));
}
inline void bindOne(SQLite::Statement& q, int i, double v) {
    q.bind(i, v);
}
inline void bindOne(SQLite::Statement& q, int i, bool v) {
    q.bind(i, v ? 1 : 0);
}
inline void bindOne(SQLite::Statement& q, int i, Null) {
    q.bind(i);
}
template <typename T>
void bindOne(SQLite::Statement& q, int i, const std::optional<T>& v) {
    if (v) {
        bindOne(q, i, *v);
    } else {
        q.bind(i);
    }
}

// Binds `values` to the parameters ?1, ?2, ... in order.
template <typename... T>
void bind(SQLite::Statement& q, const T&... values) {
    int i = 0;
    (bindOne(q, ++i, values), ...);
}

// `text` or NULL when it is empty (columns where "none" is NULL, not "").
inline std::optional<std::string> orNull(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

inline void readOne(const SQLite::Column& c, std::string& out) {
    out = c.getString();
}
inline void readOne(const SQLite::Column& c, int& out) {
    out = c.getInt();
}
inline void readOne(const SQLite::Column& c, std::int64_t& out) {
    out = c.getInt64();
}
inline void readOne(const SQLite::Column& c, double& out) {
    out = c.getDouble();
}
inline void readOne(const SQLite::Column& c, bool& out) {
    out = c.getInt() != 0;
}
// Enumerations are stored as their number.
template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
void readOne(const SQLite::Column& c, E& out) {
    out = static_cast<E>(c.getInt());
}
template <typename T>
void readOne(const SQLite::Column& c, std::optional<T>& out) {
    if (c.isNull()) {
        out.reset();
    } else {
        T v{};
        readOne(c, v);
        out = v;
    }
}

// Reads the current row's columns, from the first, into `out` in order.
template <typename... T>
void read(SQLite::Statement& q, T&... out) {
    int i = 0;
    (readOne(q.getColumn(i++), out), ...);
}

// Every row of `q`, each a T whose `members` are read from the columns in order.
template <typename T, typename... M>
std::vector<T> all(SQLite::Statement& q, M T::*... members) {
    std::vector<T> out;
    while (q.executeStep()) {
        T row;
        read(q, (row.*members)...);
        out.push_back(std::move(row));
    }
    return out;
}

} // namespace ayllu::store::sql
