// Running real wx windows inside a test or benchmark process: the GTK toolkit on the X display
// of xvfb-run, an active event loop, and pumping it until a condition holds.
#pragma once

#include <chrono>
#include <functional>
#include <stdexcept>
#include <wx/apptrait.h>
#include <wx/evtloop.h>
#include <wx/modalhook.h>
#include <wx/wx.h>

namespace ayllu::test {

struct WxRuntime {
    wxEventLoopBase* loop = nullptr;
    WxRuntime() {
        static char name[] = "ayllu-test";
        static char* argv[] = {name, nullptr};
        int argc = 1;
        wxApp::SetInstance(new wxApp);
        if (!wxEntryStart(argc, argv)) {
            throw std::runtime_error("wx could not start: is there an X display (xvfb-run)?");
        }
        wxImage::AddHandler(new wxPNGHandler);
        loop = wxTheApp->GetTraits()->CreateEventLoop();
        wxEventLoopBase::SetActive(loop);
    }
    ~WxRuntime() {
        wxEventLoopBase::SetActive(nullptr);
        delete loop;
        wxEntryCleanup();
    }
};

// Runs the windows' events until `done` holds (false after `ms`). Each turn waits for the next
// event, up to 50 ms; it never sleeps blindly.
inline bool pumpUntil(const std::function<bool()>& done, int ms = 15000) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    auto* loop = wxEventLoopBase::GetActive();
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) {
            return false;
        }
        loop->DispatchTimeout(50);
        wxTheApp->ProcessPendingEvents();
        wxTheApp->ProcessIdle();
    }
    return true;
}

// Handles what is waiting now, without waiting for more.
inline void pumpIdle() {
    auto* loop = wxEventLoopBase::GetActive();
    while (loop->Pending()) {
        loop->Dispatch();
    }
    wxTheApp->ProcessPendingEvents();
}

// Sees a modal dialog open (a Save dialog, Settings...), so a test can look at it and answer it
// as a person would. Register() before the dialog opens, Unregister() after.
struct SeeDialogs : wxModalDialogHook {
    wxDialog* open = nullptr;
    int Enter(wxDialog* d) override {
        open = d;
        return wxID_NONE;
    }
    void Exit(wxDialog*) override { open = nullptr; }
};

} // namespace ayllu::test
