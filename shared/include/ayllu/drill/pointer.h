// Click and double-click drills: targets appear one at a time at random places in the practice
// area; the learner points at each and clicks (or double-clicks). GUI-free: the client passes
// the presses in and draws current().
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/store/progress.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ayllu::drill {

struct Target {
    int x = 0; // centre, in the practice area's pixels
    int y = 0;
    int size = 0; // diameter
};

struct PointerResult {
    int targets = 0;
    int hits = 0;
    int misses = 0;
    double accuracy = 0; // percent of presses that hit
    double seconds = 0;
    bool passed = false;
};

class PointerDrill {
public:
    // `drill` is a click or double-click drill; `seed` makes the places repeatable in tests.
    PointerDrill(const course::Drill& drill, int width, int height, std::uint32_t seed);

    bool doubleClick() const { return double_; }
    int targets() const { return targets_; }
    int hits() const { return hits_; }
    int misses() const { return misses_; }
    bool finished() const { return hits_ >= targets_; }
    const Target& current() const { return current_; }

    // A click (`isDouble` false) or double-click at (x, y). Returns true when it hit the target;
    // the next one then appears. In a double-click drill single clicks neither hit nor miss
    // (they are the first half of a double click); a double click beside the target misses.
    bool press(int x, int y, bool isDouble);
    // The practice area changed size: the target stays inside it.
    void resize(int width, int height);

    PointerResult result(double seconds) const;

private:
    void place();
    void clampInside();
    course::Drill drill_;
    bool double_ = false;
    int targets_ = 10;
    int width_, height_;
    int hits_ = 0;
    int misses_ = 0;
    Target current_;
    std::mt19937 random_;
};

// A scroll drill: a page `pages` screens tall with one marked picture in its lower part; the
// learner turns the mouse wheel to find it and clicks on it. Positions are in page pixels.
class ScrollDrill {
public:
    ScrollDrill(const course::Drill& drill, int viewWidth, int viewHeight, std::uint32_t seed);
    int pageHeight() const { return pageHeight_; }
    int pageWidth() const { return viewWidth_; }
    const Target& mark() const { return mark_; } // centre and size of the picture to find
    bool finished() const { return found_; }
    // The learner scrolled so the view's top is at `top`; remembers how far they went.
    void scrolledTo(int top) { deepest_ = std::max(deepest_, top); }
    int deepest() const { return deepest_; }
    // A click at (x, y) in page pixels: true when it is on the picture (the drill is then done).
    bool press(int x, int y);
    PointerResult result(double seconds) const;

private:
    course::Drill drill_;
    int viewWidth_, viewHeight_, pageHeight_;
    Target mark_;
    int misses_ = 0;
    int deepest_ = 0;
    bool found_ = false;
};

// A drag-and-drop drill: numbered items on the left, each to be carried onto the place with
// its number on the right. Dropping an item on another item's place is a miss (the item goes
// back); dropping it on empty ground just leaves it there.
class DragDrill {
public:
    DragDrill(const course::Drill& drill, int width, int height, std::uint32_t seed);
    int count() const { return static_cast<int>(items_.size()); }
    const Target& item(int i) const { return items_[static_cast<std::size_t>(i)]; }
    const Target& place(int i) const { return places_[static_cast<std::size_t>(i)]; }
    bool placed(int i) const { return placed_[static_cast<std::size_t>(i)]; }
    // The item not yet placed under (x, y), the last drawn first; -1 when none.
    int itemAt(int x, int y) const;
    // While dragging: the item follows the pointer.
    void move(int i, int x, int y);
    // The practice area changed size: everything is laid out again; items not yet placed go
    // back to their starting places.
    void resize(int width, int height);
    // The button is let go with item `i` at (x, y): true when it landed on its own place.
    bool drop(int i, int x, int y);
    bool finished() const;
    int hits() const { return hits_; }
    int misses() const { return misses_; }
    PointerResult result(double seconds) const;

private:
    course::Drill drill_;
    std::vector<int> order_; // which row each item's place is in
    std::vector<Target> items_, homes_, places_;
    std::vector<bool> placed_;
    int hits_ = 0;
    int misses_ = 0;
};

// Hits, misses and time against the drill's success measures: accuracy is the share of
// presses (or drops, or saves) that hit; passing needs the drill finished.
PointerResult scorePresses(const course::Drill& drill, int targets, int hits, int misses,
                           bool finished, double seconds);

// The progress event recording a finished click, double-click, drag, scroll or save drill.
store::Event drillEvent(const std::string& learner, const std::string& course,
                        const std::string& drillResource, const PointerResult& r);

} // namespace ayllu::drill
