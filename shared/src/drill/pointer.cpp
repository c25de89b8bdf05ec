#include "ayllu/drill/pointer.h"

#include "common.h"

#include <Poco/JSON/Object.h>
#include <algorithm>
#include <cmath>

namespace ayllu::drill {

namespace {

int param(const course::Drill& d, const char* name, int fallback, int lo, int hi) {
    const auto it = d.params.find(name);
    if (it == d.params.end()) {
        return fallback;
    }
    try {
        return std::clamp(std::stoi(it->second), lo, hi);
    } catch (const std::exception&) {
        return fallback; // the validator reports it; the learner still gets a drill
    }
}

} // namespace

PointerDrill::PointerDrill(const course::Drill& drill, int width, int height, std::uint32_t seed)
    : drill_(drill), double_(drill.kind == course::DrillKind::DoubleClick),
      targets_(param(drill, "targets", 10, 1, 100)), width_(std::max(width, 1)),
      height_(std::max(height, 1)), random_(seed) {
    current_.size = param(drill, "size", 80, 16, 400);
    place();
}

void PointerDrill::clampInside() {
    // Big targets shrink to fit a small window (an old 800x600 screen).
    current_.size = std::min(current_.size, std::max(16, std::min(width_, height_) / 2));
    const int r = current_.size / 2;
    current_.x = std::clamp(current_.x, r, std::max(r, width_ - r));
    current_.y = std::clamp(current_.y, r, std::max(r, height_ - r));
}

void PointerDrill::place() {
    const Target before = current_;
    clampInside();
    const int r = current_.size / 2;
    // Somewhere else each time, so the learner has to move the mouse.
    for (int tries = 0; tries < 20; ++tries) {
        std::uniform_int_distribution<int> xs(r, std::max(r, width_ - r));
        std::uniform_int_distribution<int> ys(r, std::max(r, height_ - r));
        current_.x = xs(random_);
        current_.y = ys(random_);
        if (hits_ == 0 && misses_ == 0) {
            break;
        }
        if (std::hypot(current_.x - before.x, current_.y - before.y) >= current_.size) {
            break;
        }
    }
}

bool PointerDrill::press(int x, int y, bool isDouble) {
    if (finished()) {
        return false;
    }
    if (double_ && !isDouble) {
        return false;
    }
    const double r = current_.size / 2.0;
    if (std::hypot(x - current_.x, y - current_.y) <= r) {
        ++hits_;
        if (!finished()) {
            place();
        }
        return true;
    }
    ++misses_;
    return false;
}

void PointerDrill::resize(int width, int height) {
    width_ = std::max(width, 1);
    height_ = std::max(height, 1);
    clampInside();
}

PointerResult PointerDrill::result(double seconds) const {
    return scorePresses(drill_, targets_, hits_, misses_, finished(), seconds);
}

ScrollDrill::ScrollDrill(const course::Drill& drill, int viewWidth, int viewHeight,
                         std::uint32_t seed)
    : drill_(drill), viewWidth_(std::max(viewWidth, 200)), viewHeight_(std::max(viewHeight, 150)) {
    const int pages = param(drill, "pages", 5, 1, 50);
    pageHeight_ = viewHeight_ * pages;
    mark_.size = std::min(120, std::min(viewWidth_, viewHeight_) / 2);
    std::mt19937 random(seed);
    const int r = mark_.size / 2;
    // In the last screen of a one-screen page, else below the first screen (never visible
    // without scrolling) and mostly in the lower half, where a learner has to keep going.
    const int top = pages == 1 ? r : std::max(viewHeight_ + r, pageHeight_ / 2);
    std::uniform_int_distribution<int> ys(top, std::max(top, pageHeight_ - r));
    std::uniform_int_distribution<int> xs(r, std::max(r, viewWidth_ - r));
    mark_.x = xs(random);
    mark_.y = ys(random);
}

bool ScrollDrill::press(int x, int y) {
    if (found_) {
        return false;
    }
    const int r = mark_.size / 2;
    if (std::abs(x - mark_.x) <= r && std::abs(y - mark_.y) <= r) {
        found_ = true;
        return true;
    }
    ++misses_;
    return false;
}

PointerResult ScrollDrill::result(double seconds) const {
    return scorePresses(drill_, 1, found_ ? 1 : 0, misses_, found_, seconds);
}

DragDrill::DragDrill(const course::Drill& drill, int width, int height, std::uint32_t seed)
    : drill_(drill) {
    const int n = param(drill, "items", 5, 1, 20);
    for (int i = 0; i < n; ++i) {
        order_.push_back(i);
    }
    std::mt19937 random(seed);
    std::shuffle(order_.begin(), order_.end(), random); // places are not in the items' order
    placed_.assign(static_cast<std::size_t>(n), false);
    resize(width, height);
}

void DragDrill::resize(int width, int height) {
    width = std::max(width, 200);
    height = std::max(height, 150);
    const int n = static_cast<int>(order_.size());
    // Items and places share the height; two columns of each when there are many.
    const int columns = n > 6 ? 2 : 1;
    const int rows = (n + columns - 1) / columns;
    const int rowHeight = height / rows;
    // A place is a quarter bigger than its item and must fit its row.
    const int size =
        std::clamp(std::min(param(drill_, "size", 80, 16, 400), (rowHeight - 6) * 4 / 5), 16,
                   std::max(16, width / (4 * columns + 2)));
    homes_.clear();
    places_.assign(static_cast<std::size_t>(n), Target{});
    for (int k = 0; k < n; ++k) {
        const int column = k / rows;
        const int row = k % rows;
        const int y = row * rowHeight + rowHeight / 2;
        homes_.push_back(Target{(column * 2 + 1) * width / (4 * columns + 2) + size / 2, y, size});
        places_[static_cast<std::size_t>(order_[static_cast<std::size_t>(k)])] = Target{
            width - (column * 2 + 1) * width / (4 * columns + 2) - size / 2, y, size + size / 4};
    }
    items_.clear();
    for (int i = 0; i < n; ++i) {
        const auto u = static_cast<std::size_t>(i);
        items_.push_back(placed_[u] ? Target{places_[u].x, places_[u].y, size} : homes_[u]);
    }
}

int DragDrill::itemAt(int x, int y) const {
    for (int i = count() - 1; i >= 0; --i) {
        const auto& t = item(i);
        if (!placed(i) && std::abs(x - t.x) <= t.size / 2 && std::abs(y - t.y) <= t.size / 2) {
            return i;
        }
    }
    return -1;
}

void DragDrill::move(int i, int x, int y) {
    if (i >= 0 && i < count() && !placed(i)) {
        items_[static_cast<std::size_t>(i)].x = x;
        items_[static_cast<std::size_t>(i)].y = y;
    }
}

bool DragDrill::drop(int i, int x, int y) {
    if (i < 0 || i >= count() || placed(i)) {
        return false;
    }
    const auto u = static_cast<std::size_t>(i);
    for (int k = 0; k < count(); ++k) {
        const auto& p = place(k);
        if (placed(k) || std::abs(x - p.x) > p.size / 2 || std::abs(y - p.y) > p.size / 2) {
            continue;
        }
        if (k == i) {
            items_[u] = Target{p.x, p.y, items_[u].size};
            placed_[u] = true;
            ++hits_;
            return true;
        }
        ++misses_; // another item's place: back to where it started
        items_[u] = homes_[u];
        return false;
    }
    move(i, x, y); // empty ground: it stays where it was let go
    return false;
}

bool DragDrill::finished() const {
    return std::all_of(placed_.begin(), placed_.end(), [](bool b) { return b; });
}

PointerResult DragDrill::result(double seconds) const {
    return scorePresses(drill_, count(), hits_, misses_, finished(), seconds);
}

PointerResult scorePresses(const course::Drill& drill, int targets, int hits, int misses,
                           bool finished, double seconds) {
    PointerResult r;
    r.targets = targets;
    r.hits = hits;
    r.misses = misses;
    r.seconds = std::max(0.0, seconds);
    r.accuracy = hits + misses == 0 ? 0 : 100.0 * hits / (hits + misses);
    r.passed = finished && r.accuracy + 1e-9 >= drill.minAccuracy &&
               (drill.maxSeconds <= 0 || r.seconds <= drill.maxSeconds);
    return r;
}

store::Event drillEvent(const std::string& learner, const std::string& course,
                        const std::string& drillResource, const PointerResult& r) {
    Poco::JSON::Object m(Poco::JSON_PRESERVE_KEY_ORDER);
    m.set("targets", r.targets);
    m.set("hits", r.hits);
    m.set("misses", r.misses);
    m.set("accuracy", detail::oneDecimal(r.accuracy));
    m.set("seconds", detail::oneDecimal(r.seconds));
    return detail::drillEvent(learner, course, drillResource, m, r.passed, r.accuracy, r.seconds);
}

} // namespace ayllu::drill
