// The floor under the student client: the smallest wxWidgets program that shows a window with
// one line of text, measured the same way (resident memory once the window is up). The client's
// figures are printed as a ratio against it by bench_student.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <wx/wx.h>

namespace {

const auto g_started = std::chrono::steady_clock::now();

long residentKb() {
    long kb = 0;
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f) != nullptr) {
            if (std::sscanf(line, "VmRSS: %ld", &kb) == 1) {
                break;
            }
        }
        std::fclose(f);
    }
    return kb;
}

class FloorApp : public wxApp {
public:
    bool OnInit() override {
        auto* frame = new wxFrame(nullptr, wxID_ANY, "floor", wxDefaultPosition, wxSize(1000, 720));
        new wxStaticText(frame, wxID_ANY, "Allinllachu");
        frame->Show();
        Bind(wxEVT_IDLE, [frame](wxIdleEvent&) {
            static bool done = false;
            if (!done && frame->IsShown()) {
                done = true;
                const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - g_started)
                                    .count();
                std::printf("shown floor\nstartup_ms %ld\nrss_kb %ld\n", static_cast<long>(ms),
                            residentKb());
                std::fflush(stdout);
                frame->Close();
            }
        });
        return true;
    }
};

} // namespace

int main(int argc, char** argv) {
    ::setenv("GDK_GL", "disable", 0); // as the client does
    wxApp::SetInstance(new FloorApp);
    return wxEntry(argc, argv);
}
