// A picture of a window as the X server shows it, kept in build/screenshots/ to look at.
// For Boost tests that use support.h and wx_harness.h.
#pragma once

#include "support.h"
#include "wx_harness.h"

#include <boost/test/unit_test.hpp>

namespace ayllu::test {

inline void screenshot(wxWindow* w, const std::string& name) {
    w->Raise();
    w->Refresh();
    w->Update();
    // GTK draws on its frame clock: let a quarter of a second of events run so the picture
    // shows the view just chosen (only the picture waits on this, no assertion does).
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(250);
    while (std::chrono::steady_clock::now() < until) {
        wxEventLoopBase::GetActive()->DispatchTimeout(20);
        wxTheApp->ProcessPendingEvents();
    }
    const wxRect r = w->GetScreenRect();
    const auto dir = fs::path(AYLLU_BINARY_DIR) / "screenshots";
    fs::create_directories(dir);
    // The X server's own picture of the window (what a person would see), by ImageMagick.
    const auto shot = run("import -window root -crop " + std::to_string(r.width) + "x" +
                          std::to_string(r.height) + "+" + std::to_string(r.x) + "+" +
                          std::to_string(r.y) + " +repage " + quote((dir / name).string()));
    BOOST_TEST(shot.status == 0, shot.out);
}

} // namespace ayllu::test
