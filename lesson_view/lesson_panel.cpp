#include "lesson_panel.h"

#include "tr.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <wx/bmpbndl.h>
#include <wx/gauge.h>
#include <wx/statbmp.h>
#include <wx/wrapsizer.h>

namespace ayllu::lesson_view {

using gui::u8;

LessonPanel::LessonPanel(wxWindow* parent) : wxPanel(parent) {
    SetBackgroundColour(*wxWHITE);
    // Text is wrapped for the width it is shown at: a page shown before the window had its
    // final size (or a resized window) is wrapped again, unless it is being read aloud.
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        if (shownPage_ && !speaking_ && std::abs(GetClientSize().x - wrappedAt_) > 40) {
            wrappedAt_ = GetClientSize().x;
            CallAfter([this] {
                if (shownLesson_ && shownPage_ && !speaking_) {
                    const auto lesson = *shownLesson_;
                    const auto page = *shownPage_;
                    showPage(lesson, page, shownLanguage_);
                }
            });
        }
    });
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    // The tools wrap to a second row where the page is narrow (the console's preview beside its
    // lesson and drill columns on a 1024-pixel screen), rather than being cut off.
    auto* top = new wxWrapSizer(wxHORIZONTAL);
    read_ = new wxButton(this, wxID_ANY, _("Read aloud (F5)"), wxDefaultPosition, wxSize(-1, 48));
    read_->SetFont(read_->GetFont().Scale(1.3));
    readStatus_ = new wxStaticText(this, wxID_ANY, "");
    readStatus_->SetFont(readStatus_->GetFont().Scale(1.1));
    auto* smaller = new wxButton(this, wxID_ANY, _("A-"), wxDefaultPosition, wxSize(64, 48));
    auto* bigger = new wxButton(this, wxID_ANY, _("A+"), wxDefaultPosition, wxSize(64, 48));
    contrast_ =
        new wxButton(this, wxID_ANY, _("High contrast (F6)"), wxDefaultPosition, wxSize(-1, 48));
    smaller->SetToolTip(_("Smaller text (Ctrl+-)"));
    bigger->SetToolTip(_("Bigger text (Ctrl++)"));
    for (wxButton* b : {smaller, bigger, contrast_}) {
        b->SetFont(b->GetFont().Scale(1.3));
    }
    barButtons_ = {read_, smaller, bigger, contrast_};
    smaller->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { changeTextSize(-1); });
    bigger->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { changeTextSize(+1); });
    contrast_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { toggleContrast(); });
    top->Add(read_, 0, wxALL, 8);
    top->Add(smaller, 0, wxTOP | wxBOTTOM | wxLEFT, 8);
    top->Add(bigger, 0, wxTOP | wxBOTTOM | wxRIGHT, 8);
    top->Add(contrast_, 0, wxALL, 8);
    top->Add(readStatus_, 1, wxALIGN_CENTER_VERTICAL | wxALL, 8);
    sizer->Add(top, 0, wxEXPAND | wxLEFT, 16);
    read_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (speaking_) {
            stopReading();
        } else {
            readAloud();
        }
    });
    const int readId = wxWindow::NewControlId();
    const int contrastId = wxWindow::NewControlId();
    const int biggerId = wxWindow::NewControlId();
    const int smallerId = wxWindow::NewControlId();
    const int prevId = wxWindow::NewControlId();
    const int nextId = wxWindow::NewControlId();
    const int wholeId = wxWindow::NewControlId();
    wxAcceleratorEntry keys[] = {
        {wxACCEL_NORMAL, WXK_F5, readId},     {wxACCEL_NORMAL, WXK_ESCAPE, wholeId},
        {wxACCEL_ALT, WXK_LEFT, prevId},      {wxACCEL_ALT, WXK_RIGHT, nextId},
        {wxACCEL_NORMAL, WXK_F6, contrastId}, {wxACCEL_CTRL, '+', biggerId},
        {wxACCEL_CTRL, '=', biggerId},        {wxACCEL_CTRL, WXK_NUMPAD_ADD, biggerId},
        {wxACCEL_CTRL, '-', smallerId},       {wxACCEL_CTRL, WXK_NUMPAD_SUBTRACT, smallerId}};
    SetAcceleratorTable(wxAcceleratorTable(static_cast<int>(std::size(keys)), keys));
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { speaking_ ? stopReading() : readAloud(); }, readId);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { toggleContrast(); }, contrastId);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { changeTextSize(+1); }, biggerId);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { changeTextSize(-1); }, smallerId);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { selectBlock(-1); }, wholeId);
    // Alt+Left / Alt+Right turn the page, as in a web browser, when the learner may.
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (nav_->IsShown() && prev_->IsEnabled()) {
                press(-1);
            }
        },
        prevId);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (nav_->IsShown() && next_->IsEnabled()) {
                press(+1);
            }
        },
        nextId);
    readTimer_.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        bool still = speech::RecordingPlayer::instance().playing();
        try {
            still = still || speech::Speaker::instance(speech::Speaker::Mode::Playback).speaking();
        } catch (const std::exception&) {
        }
        if (!still) {
            readTimer_.Stop();
            if (readStatus_->GetLabel() == _("A recorded voice reads this page.")) {
                readStatus_->SetLabel("");
            }
            updateReadButton(false);
        }
    });
    page_ = new wxScrolledWindow(this);
    page_->SetScrollRate(0, 20);
    page_->SetBackgroundColour(*wxWHITE);
    sizer->Add(page_, 1, wxEXPAND);
    nav_ = new wxPanel(this);
    auto* navSizer = new wxBoxSizer(wxHORIZONTAL);
    prev_ = new wxButton(nav_, wxID_BACKWARD, _("◀ Previous"), wxDefaultPosition, wxSize(180, 56));
    next_ = new wxButton(nav_, wxID_FORWARD, _("Next ▶"), wxDefaultPosition, wxSize(180, 56));
    where_ = new wxStaticText(nav_, wxID_ANY, "");
    // The last page ends with this: back to the learner's courses, the lesson marked done.
    finishButton_ =
        new wxButton(nav_, wxID_ANY, _("Finish the lesson"), wxDefaultPosition, wxSize(-1, 56));
    finishButton_->SetBackgroundColour(wxColour(200, 235, 205));
    for (wxWindow* w : {static_cast<wxWindow*>(prev_), static_cast<wxWindow*>(next_),
                        static_cast<wxWindow*>(where_), static_cast<wxWindow*>(finishButton_)}) {
        w->SetFont(w->GetFont().Scale(1.4));
    }
    navSizer->Add(prev_, 0, wxALL, 10);
    navSizer->Add(where_, 0, wxALIGN_CENTER_VERTICAL | wxALL, 10);
    navSizer->Add(next_, 0, wxALL, 10);
    navSizer->Add(finishButton_, 0, wxALL, 10);
    finishButton_->Hide();
    finishButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (finish_) {
            finish_();
        }
    });
    nav_->SetSizer(navSizer);
    sizer->Add(nav_, 0, wxLEFT, 14);
    SetSizer(sizer);
    nav_->Hide();
    prev_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { press(-1); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { press(+1); });
}

void LessonPanel::showNavigation(bool show, std::size_t index, std::size_t count) {
    nav_->Show(show);
    if (show) {
        where_->SetLabel(wxString::Format(_("Page %d of %d"), static_cast<int>(index + 1),
                                          static_cast<int>(count)));
        prev_->Enable(index > 0);
        next_->Enable(index + 1 < count);
        finishButton_->Show(index + 1 >= count && finish_ != nullptr);
    }
    Layout();
}

void LessonPanel::setReading(Reading r) {
    r.textSize = std::clamp(r.textSize, 100, 200);
    reading_ = r;
    contrast_->SetLabel(r.highContrast ? _("Normal colours (F6)") : _("High contrast (F6)"));
    applyColours();
    if (shownLesson_ && shownPage_) {
        const auto lesson = *shownLesson_; // showPage replaces them
        const auto page = *shownPage_;
        showPage(lesson, page, shownLanguage_);
    }
    Layout();
}

void LessonPanel::userChangedReading(Reading r) {
    setReading(r);
    if (readingChanged_) {
        readingChanged_(reading_);
    }
}

void LessonPanel::changeTextSize(int steps) {
    Reading r = reading_;
    r.textSize = std::clamp(r.textSize + 25 * steps, 100, 200);
    if (r.textSize != reading_.textSize) {
        userChangedReading(r);
    }
}

void LessonPanel::toggleContrast() {
    Reading r = reading_;
    r.highContrast = !r.highContrast;
    userChangedReading(r);
}

void LessonPanel::applyColours() {
    const wxColour bg = reading_.highContrast ? *wxBLACK : *wxWHITE;
    const wxColour fg = reading_.highContrast ? *wxWHITE : *wxBLACK;
    SetBackgroundColour(bg);
    page_->SetBackgroundColour(bg);
    nav_->SetBackgroundColour(bg);
    for (wxWindow* w : {static_cast<wxWindow*>(readStatus_), static_cast<wxWindow*>(where_)}) {
        w->SetForegroundColour(fg);
    }
    Refresh();
}

void LessonPanel::updateReadButton(bool speaking) {
    speaking_ = speaking;
    read_->SetLabel(speaking         ? _("■ Stop reading (F5)")
                    : selected_ >= 0 ? _("Read this part (F5)")
                                     : _("Read aloud (F5)"));
    Layout();
}

void LessonPanel::selectBlock(int index) {
    if (!shownPage_ || index >= static_cast<int>(blockWindows_.size())) {
        return;
    }
    stopReading();
    // Back to how the previous pick looked, then mark the new one.
    for (auto& [w, colour] : normalBackground_) {
        w->SetBackgroundColour(colour);
        w->Refresh();
    }
    normalBackground_.clear();
    selected_ = index;
    if (index >= 0) {
        const wxColour mark =
            reading_.highContrast ? wxColour(0, 70, 140) : wxColour(255, 240, 170);
        for (auto* w : blockWindows_[static_cast<std::size_t>(index)]) {
            normalBackground_[w] = w->GetBackgroundColour();
            w->SetBackgroundColour(mark);
            w->Refresh();
        }
        aloud_ = speech::chooseBlockReading(shownPage_->blocks[static_cast<std::size_t>(index)],
                                            shownLanguage_);
    } else {
        aloud_ = speech::choosePageReading(*shownPage_, shownLanguage_, root_);
    }
    updateReadButton(false);
}

std::vector<wxWindow*> LessonPanel::blockWindows(int index) const {
    if (index < 0 || index >= static_cast<int>(blockWindows_.size())) {
        return {};
    }
    return blockWindows_[static_cast<std::size_t>(index)];
}

void LessonPanel::readAloud() {
    if (aloud_.empty()) {
        readStatus_->SetLabel(_("This page has no text to read."));
        return;
    }
    readStatus_->SetLabel("");
    if (reader_) {
        try {
            reader_(aloud_);
        } catch (const std::exception& e) {
            readStatus_->SetLabel(u8(e.what()));
        }
        return;
    }
    if (aloud_.narrated()) {
        // A person's voice, recorded for this page in the learner's language.
        try {
            speech::RecordingPlayer::instance().play(aloud_.file);
            readStatus_->SetLabel(_("A recorded voice reads this page."));
            updateReadButton(true);
            readTimer_.Start(250);
            return;
        } catch (const std::exception& e) {
            readStatus_->SetLabel(
                wxString::Format(_("The recording could not be played (%s); the computer voice "
                                   "reads instead."),
                                 u8(e.what())));
        }
    }
    if (aloud_.speech.empty()) {
        return;
    }
    try {
        speech::Speaker::instance(speech::Speaker::Mode::Playback).speak(aloud_.speech);
        updateReadButton(true);
        readTimer_.Start(250); // to show "Read aloud" again when the voice ends
    } catch (const std::exception& e) {
        readStatus_->SetLabel(u8(e.what()));
        updateReadButton(false);
    }
}

void LessonPanel::stopReading() {
    readTimer_.Stop();
    if (speaking_ && !reader_) {
        speech::RecordingPlayer::instance().stop();
        try {
            speech::Speaker::instance(speech::Speaker::Mode::Playback).stop();
        } catch (const std::exception&) {
        }
    }
    updateReadButton(false);
}

void LessonPanel::addText(wxSizer* sizer, const wxString& text, double scale, bool bold,
                          const wxColour& bg) {
    wxWindow* host = page_;
    wxSizer* target = sizer;
    if (bg.IsOk()) {
        auto* box = new wxPanel(page_);
        box->SetBackgroundColour(reading_.highContrast ? wxColour(20, 20, 90) : bg);
        auto* inner = new wxBoxSizer(wxVERTICAL);
        box->SetSizer(inner);
        host = box;
        target = inner;
        sizer->Add(box, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 24);
    }
    auto* t = new wxStaticText(host, wxID_ANY, text);
    wxFont f = GetFont().Scale(scale * reading_.textSize / 100.0);
    if (bold) {
        f.MakeBold();
    }
    t->SetFont(f);
    if (reading_.highContrast) {
        t->SetForegroundColour(bg.IsOk() || bold ? wxColour(255, 255, 0) : *wxWHITE);
    }
    t->Wrap(std::max(300, GetClientSize().x - 100));
    // GTK measures a label in a new font only once it has been styled, which may be after the
    // page is laid out: give the size measured with the font itself.
    wxClientDC dc(t);
    dc.SetFont(f);
    t->SetMinSize(dc.GetMultiLineTextExtent(t->GetLabel()));
    target->Add(t, 0, bg.IsOk() ? wxALL : (wxLEFT | wxRIGHT | wxBOTTOM), bg.IsOk() ? 14 : 24);
}

void LessonPanel::showPage(const course::Lesson& lesson, const course::Page& page,
                           const std::string& language) {
    stopReading();
    wrappedAt_ = GetClientSize().x;
    if (shownPage_.get() != &page) {
        shownLesson_ = std::make_unique<course::Lesson>(lesson);
        shownPage_ = std::make_unique<course::Page>(page);
        shownLanguage_ = language;
    }
    aloud_ = speech::choosePageReading(page, language, root_);
    selected_ = -1;
    blockWindows_.assign(page.blocks.size(), {});
    normalBackground_.clear();
    readStatus_->SetLabel("");
    for (wxButton* b : barButtons_) {
        b->Show();
    }
    Freeze();
    page_->DestroyChildren();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->AddSpacer(16);
    addText(sizer, u8(lesson.title.best(language)), 1.2, false);
    if (!page.title.empty()) {
        addText(sizer, u8(page.title.best(language)), 2.0, true);
    }
    for (std::size_t blockIndex = 0; blockIndex < page.blocks.size(); ++blockIndex) {
        const auto& b = page.blocks[blockIndex];
        const auto before = page_->GetChildren().size();
        switch (b.kind) {
        case course::BlockKind::Heading:
            addText(sizer, u8(b.text.best(language)), 1.7, true);
            break;
        case course::BlockKind::Paragraph:
            addText(sizer, u8(b.text.best(language)), 1.4, false);
            break;
        case course::BlockKind::List: {
            int n = 0;
            for (const auto& item : b.items) {
                const std::string mark = b.ordered ? std::to_string(++n) + ". " : "•  ";
                addText(sizer, u8(mark + item.best(language)), 1.4, false);
            }
            break;
        }
        case course::BlockKind::Box:
            addText(sizer,
                    (b.box == course::BoxKind::Warning ? _("Careful: ") : _("Tip: ")) +
                        u8(b.text.best(language)),
                    1.4, false,
                    b.box == course::BoxKind::Warning ? wxColour(255, 225, 215)
                                                      : wxColour(222, 242, 226));
            break;
        case course::BlockKind::Term:
            addText(sizer, u8(b.text.best(language)), 1.5, true, wxColour(230, 236, 250));
            addText(sizer, u8(b.definition.best(language)), 1.3, false);
            break;
        case course::BlockKind::Image: {
            const std::string path = (std::filesystem::path(root_) / b.src).string();
            wxBitmapBundle bundle;
            if (path.size() > 4 && path.compare(path.size() - 4, 4, ".svg") == 0) {
                bundle = wxBitmapBundle::FromSVGFile(u8(path), wxSize(320, 220));
            } else {
                wxBitmap bmp;
                if (bmp.LoadFile(u8(path), wxBITMAP_TYPE_ANY)) {
                    bundle = wxBitmapBundle(bmp);
                }
            }
            if (bundle.IsOk()) {
                auto* img = new wxStaticBitmap(page_, wxID_ANY, bundle);
                img->SetToolTip(u8(b.alt.best(language)));
                sizer->Add(img, 0, wxLEFT | wxBOTTOM, 24);
            }
            if (!b.caption.empty()) {
                addText(sizer, u8(b.caption.best(language)), 1.1, false);
            }
            break;
        }
        case course::BlockKind::Audio:
            addText(sizer, _("(Audio)") + " " + u8(b.caption.best(language)), 1.2, false);
            break;
        }
        // Whatever this block added can be clicked to pick the block for Read aloud.
        const auto& children = page_->GetChildren();
        auto it = children.begin();
        std::advance(it, static_cast<long>(before));
        for (; it != children.end(); ++it) {
            std::vector<wxWindow*> parts{*it};
            for (auto* inner : (*it)->GetChildren()) {
                parts.push_back(inner);
            }
            for (auto* w : parts) {
                blockWindows_[blockIndex].push_back(w);
                w->Bind(wxEVT_LEFT_UP, [this, blockIndex](wxMouseEvent& e) {
                    const int i = static_cast<int>(blockIndex);
                    selectBlock(selected_ == i ? -1 : i);
                    e.Skip();
                });
            }
        }
    }
    page_->SetSizer(sizer);
    page_->FitInside();
    page_->Scroll(0, 0);
    Thaw();
    Layout();
}

void LessonPanel::showMessage(const wxString& message, int percent) {
    stopReading();
    aloud_ = {};
    shownLesson_.reset();
    shownPage_.reset();
    for (wxButton* b : barButtons_) {
        b->Hide();
    }
    Freeze();
    page_->DestroyChildren();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->AddSpacer(60);
    addText(sizer, message, 2.0, true);
    if (percent >= 0) {
        auto* bar = new wxGauge(page_, wxID_ANY, 100, wxDefaultPosition, FromDIP(wxSize(400, 28)));
        bar->SetValue(std::min(percent, 100));
        sizer->Add(bar, 0, wxLEFT | wxTOP, 20);
        auto* figure = new wxStaticText(
            page_, wxID_ANY, wxString::Format(_("%d %% received"), std::min(percent, 100)));
        figure->SetFont(figure->GetFont().Scale(1.4));
        sizer->Add(figure, 0, wxLEFT | wxTOP, 20);
    }
    page_->SetSizer(sizer);
    page_->FitInside();
    nav_->Hide();
    Thaw();
    Layout();
}

void LessonPanel::showOffer(const wxString& message, const wxString& action,
                            std::function<void()> act) {
    showMessage(message);
    auto* button = new wxButton(page_, wxID_ANY, action, wxDefaultPosition, wxSize(-1, 72));
    button->SetFont(button->GetFont().Scale(1.6).Bold());
    // After the click is handled: what it does may redraw this page, and the button with it.
    button->Bind(wxEVT_BUTTON,
                 [this, act = std::move(act)](wxCommandEvent&) { CallAfter([act] { act(); }); });
    page_->GetSizer()->Add(button, 0, wxLEFT | wxTOP, 20);
    page_->FitInside();
    page_->Layout();
    button->SetFocus(); // Enter or Space goes on at once
}

} // namespace ayllu::lesson_view
