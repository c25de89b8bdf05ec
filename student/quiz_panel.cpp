#include "quiz_panel.h"

#include "ayllu/store/database.h"
#include "tr.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <sstream>
#include <wx/rearrangectrl.h>

namespace ayllu::student {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {
// The text of a {lang: text} object in the learner's language, else Spanish, else any.
std::string pick(const Object::Ptr& texts, const std::string& lang) {
    if (!texts) {
        return {};
    }
    for (const std::string& l : {lang, std::string("es")}) {
        if (texts->has(l)) {
            return texts->getValue<std::string>(l);
        }
    }
    return texts->size() > 0 ? texts->get(*texts->getNames().begin()).toString() : std::string();
}
std::string quoted(const std::string& s) {
    std::ostringstream out;
    Poco::JSON::Stringifier::formatString(s, out);
    return out.str();
}
} // namespace

QuizPanel::QuizPanel(wxWindow* parent, Save save, IsSaved isSaved)
    : wxPanel(parent), save_(std::move(save)), isSaved_(std::move(isSaved)), clock_(this) {
    SetBackgroundColour(*wxWHITE);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    header_ = new wxStaticText(this, wxID_ANY, "");
    header_->SetFont(header_->GetFont().Scale(1.3));
    timer_ = new wxStaticText(this, wxID_ANY, "");
    timer_->SetFont(timer_->GetFont().Scale(1.5).Bold());
    top->Add(header_, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(timer_, 0, wxALIGN_CENTER_VERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, 20);
    summary_ = new wxStaticText(this, wxID_ANY, "");
    summary_->SetFont(summary_->GetFont().Scale(1.5).Bold());
    summary_->SetForegroundColour(wxColour(30, 110, 60));
    sizer->Add(summary_, 0, wxLEFT | wxRIGHT, 20);
    body_ = new wxPanel(this);
    body_->SetBackgroundColour(*wxWHITE);
    sizer->Add(body_, 1, wxEXPAND | wxLEFT | wxRIGHT, 20);
    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    auto* prev =
        new wxButton(this, wxID_BACKWARD, _("◀ Previous"), wxDefaultPosition, wxSize(180, 60));
    saveButton_ =
        new wxButton(this, wxID_SAVE, _("Save my answer"), wxDefaultPosition, wxSize(260, 60));
    auto* next = new wxButton(this, wxID_FORWARD, _("Next ▶"), wxDefaultPosition, wxSize(180, 60));
    for (auto* b : {prev, saveButton_, next}) {
        b->SetFont(b->GetFont().Scale(1.4));
    }
    saveButton_->SetFont(saveButton_->GetFont().Bold());
    bottom->Add(prev, 0, wxRIGHT, 10);
    bottom->Add(saveButton_, 0, wxRIGHT, 10);
    bottom->Add(next, 0);
    sizer->Add(bottom, 0, wxALL, 20);
    status_ = new wxStaticText(this, wxID_ANY, "");
    status_->SetFont(status_->GetFont().Scale(1.4).Bold());
    sizer->Add(status_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    SetSizer(sizer);
    prev->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (index_ > 0) {
            showQuestion(index_ - 1);
        }
    });
    next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (index_ + 1 < quiz_.questions.size()) {
            showQuestion(index_ + 1);
        }
    });
    saveButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onSave(); });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { tick(); });
    // Keys: Ctrl+S saves the answer (Enter too, in a box to type in); Alt+Left and Alt+Right
    // go to the previous and next question.
    const int saveId = wxWindow::NewControlId();
    const int prevId = wxWindow::NewControlId();
    const int nextId = wxWindow::NewControlId();
    wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, 'S', saveId},
                                 {wxACCEL_ALT, WXK_LEFT, prevId},
                                 {wxACCEL_ALT, WXK_RIGHT, nextId}};
    SetAcceleratorTable(wxAcceleratorTable(static_cast<int>(std::size(keys)), keys));
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { onSave(); }, saveId);
    // The keys press the buttons, so they do exactly what a click does.
    for (auto [id, button] : {std::pair{prevId, prev}, std::pair{nextId, next}}) {
        Bind(
            wxEVT_MENU,
            [button = button](wxCommandEvent&) {
                wxCommandEvent click(wxEVT_BUTTON, button->GetId());
                click.SetEventObject(button);
                button->ProcessWindowEvent(click);
            },
            id);
    }
    clock_.Start(1000);
}

void QuizPanel::setQuiz(const classroom::LiveQuizView& quiz, const std::string& learner,
                        const std::string& language, const std::string& reveal) {
    const bool same = quiz.content == quiz_.content && quiz.attempt == quiz_.attempt &&
                      quiz.questions.size() == quiz_.questions.size() && learner == learner_;
    const bool changed = quiz.open != quiz_.open || reveal != reveal_;
    quiz_ = quiz;
    learner_ = learner;
    language_ = language;
    reveal_ = reveal;
    tick(); // the timer shows at once, not a second later
    if (!same) {
        saved_.clear();
        results_.clear();
        summary_->SetLabel("");
        // Answers committed before a restart are still on this PC: show them as saved.
        for (const auto& q : quiz_.questions) {
            Poco::JSON::Parser p;
            const std::string qid = p.parse(q).extract<Object::Ptr>()->getValue<std::string>("id");
            if (isSaved_ && isSaved_(qid)) {
                saved_[qid] = true;
            }
        }
        showQuestion(std::min(index_, quiz_.questions.empty() ? 0 : quiz_.questions.size() - 1));
    } else if (changed) {
        showQuestion(index_);
    }
}

void QuizPanel::showQuestion(std::size_t index) {
    index_ = index;
    Freeze();
    body_->DestroyChildren();
    controls_.clear();
    ids_.clear();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    if (quiz_.questions.empty()) {
        body_->SetSizer(sizer);
        Thaw();
        return;
    }
    Poco::JSON::Parser parser;
    question_ = parser.parse(quiz_.questions[index]).extract<Object::Ptr>();
    const std::string id = question_->getValue<std::string>("id");
    const std::string type = question_->getValue<std::string>("type");
    header_->SetLabel(u8(quiz_.title) + u8("  —  ") +
                      wxString::Format(_("Question %d of %d"), static_cast<int>(index + 1),
                                       static_cast<int>(quiz_.questions.size())));
    std::string prompt = pick(question_->getObject("prompt"), language_);
    auto* p = new wxStaticText(body_, wxID_ANY, u8(prompt));
    p->SetFont(p->GetFont().Scale(1.8).Bold());
    p->Wrap(std::max(400, GetClientSize().x - 80));
    sizer->Add(p, 0, wxBOTTOM, 20);
    const wxFont big = GetFont().Scale(1.5);
    const auto options = [&](const char* key) {
        std::vector<std::pair<std::string, std::string>> out;
        if (const auto arr = question_->getArray(key)) {
            for (std::size_t i = 0; i < arr->size(); ++i) {
                const auto o = arr->getObject(static_cast<unsigned>(i));
                out.emplace_back(o->getValue<std::string>("id"),
                                 pick(o->getObject("text"), language_));
            }
        }
        return out;
    };
    if (type == "single" || type == "multiple" || type == "truefalse") {
        auto opts =
            type == "truefalse"
                ? std::vector<std::pair<std::string, std::string>>{{"true",
                                                                    _("True").utf8_string()},
                                                                   {"false",
                                                                    _("False").utf8_string()}}
                : options("choices");
        bool first = true;
        for (const auto& [oid, text] : opts) {
            wxWindow* w = type == "multiple"
                              ? static_cast<wxWindow*>(new wxCheckBox(body_, wxID_ANY, u8(text)))
                              : static_cast<wxWindow*>(
                                    new wxRadioButton(body_, wxID_ANY, u8(text), wxDefaultPosition,
                                                      wxDefaultSize, first ? wxRB_GROUP : 0));
            first = false;
            w->SetFont(big);
            sizer->Add(w, 0, wxBOTTOM, 14);
            controls_.push_back(w);
            ids_.push_back(oid);
        }
        if (type != "multiple") {
            // Nothing chosen until the learner chooses (GTK selects the first radio by itself).
            for (auto* w : controls_) {
                static_cast<wxRadioButton*>(w)->SetValue(false);
            }
        }
    } else if (type == "short" || type == "numeric") {
        auto* t = new wxTextCtrl(body_, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1),
                                 wxTE_PROCESS_ENTER);
        t->SetFont(big);
        t->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { onSave(); });
        sizer->Add(t, 0, wxBOTTOM, 14);
        controls_.push_back(t);
    } else if (type == "matching") {
        const auto rights = options("right");
        wxArrayString names;
        for (const auto& [rid, text] : rights) {
            names.Add(u8(text));
            ids_.push_back(rid);
        }
        auto* grid = new wxFlexGridSizer(2, 12, 20);
        for (const auto& [lid, text] : options("left")) {
            auto* l = new wxStaticText(body_, wxID_ANY, u8(text));
            l->SetFont(big);
            auto* c = new wxChoice(body_, wxID_ANY, wxDefaultPosition, wxDefaultSize, names);
            c->SetFont(big);
            c->SetName(u8(lid));
            grid->Add(l, 0, wxALIGN_CENTER_VERTICAL);
            grid->Add(c, 0);
            controls_.push_back(c);
        }
        sizer->Add(grid, 0, wxBOTTOM, 14);
    } else if (type == "ordering") {
        wxArrayString names;
        wxArrayInt order;
        int n = 0;
        for (const auto& [oid, text] : options("items")) {
            names.Add(u8(text));
            order.Add(n++);
            ids_.push_back(oid);
        }
        auto* r =
            new wxRearrangeCtrl(body_, wxID_ANY, wxDefaultPosition, wxSize(520, 200), order, names);
        r->GetList()->SetFont(big);
        sizer->Add(r, 0, wxBOTTOM, 14);
        controls_.push_back(r);
    } else if (type == "fill") {
        if (const auto blanks = question_->getArray("blanks")) {
            for (std::size_t i = 0; i < blanks->size(); ++i) {
                const std::string bid = blanks->getElement<std::string>(static_cast<unsigned>(i));
                auto* row = new wxBoxSizer(wxHORIZONTAL);
                auto* l = new wxStaticText(body_, wxID_ANY, u8("{{" + bid + "}}"));
                l->SetFont(big);
                auto* t = new wxTextCtrl(body_, wxID_ANY, "", wxDefaultPosition, wxSize(300, -1),
                                         wxTE_PROCESS_ENTER);
                t->SetFont(big);
                t->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { onSave(); });
                t->SetName(u8(bid));
                row->Add(l, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
                row->Add(t, 0);
                sizer->Add(row, 0, wxBOTTOM, 12);
                controls_.push_back(t);
            }
        }
    }
    // Results, once the teacher reveals them.
    wxString state;
    revealed_.clear();
    if (!reveal_.empty()) {
        try {
            const auto r = parser.parse(reveal_).extract<Object::Ptr>();
            const auto mine = r->getObject("results")->getObject(learner_);
            revealed_ = id + " unanswered";
            if (mine && mine->has(id)) {
                const std::string result = mine->getObject(id)->getValue<std::string>("result");
                revealed_ = id + " " + result;
                state = result == "correct"   ? _("✔ Correct")
                        : result == "partial" ? _("◐ Partly correct")
                                              : _("✘ Not correct");
            } else {
                state = _("You did not answer this question.");
            }
        } catch (const std::exception&) {
        }
    } else if (results_.count(id) != 0) {
        const auto& result = results_.at(id);
        state = result == "correct"   ? _("✔ Correct")
                : result == "partial" ? _("◐ Partly correct")
                                      : _("✘ Not correct");
    } else if (saved_.count(id) != 0) {
        state = _("✔ Saved");
    } else if (!quiz_.open) {
        state = _("The quiz is closed.");
    }
    status_->SetLabel(state);
    // Once graded (self-paced), an answer stays as it was.
    saveButton_->Enable(quiz_.open && reveal_.empty() && results_.count(id) == 0);
    body_->SetSizer(sizer);
    Layout();
    Thaw();
    // The keyboard starts on the answer: Tab goes on to Previous, Save and Next.
    if (!controls_.empty() && controls_.front()->IsEnabled()) {
        controls_.front()->SetFocus();
    }
    shownAtMs_ = store::nowMs();
}

void QuizPanel::showResult(const std::string& question, const std::string& result) {
    results_[question] = result;
    showQuestion(index_);
}

void QuizPanel::setSummary(const wxString& text) {
    summary_->SetLabel(text);
    Layout();
}

std::string QuizPanel::response() const {
    if (!question_) {
        return {};
    }
    const std::string type = question_->getValue<std::string>("type");
    if (type == "single" || type == "truefalse") {
        for (std::size_t i = 0; i < controls_.size(); ++i) {
            if (static_cast<wxRadioButton*>(controls_[i])->GetValue()) {
                return type == "truefalse" ? ids_[i] : quoted(ids_[i]);
            }
        }
        return {};
    }
    if (type == "multiple") {
        std::string out = "[";
        for (std::size_t i = 0; i < controls_.size(); ++i) {
            if (static_cast<wxCheckBox*>(controls_[i])->GetValue()) {
                out += (out.size() > 1 ? "," : "") + quoted(ids_[i]);
            }
        }
        return out == "[" ? std::string() : out + "]";
    }
    if (type == "short" || type == "numeric") {
        const std::string v = static_cast<wxTextCtrl*>(controls_[0])->GetValue().utf8_string();
        return v.empty() ? std::string() : quoted(v);
    }
    if (type == "matching") {
        std::string out = "{";
        for (auto* w : controls_) {
            auto* c = static_cast<wxChoice*>(w);
            if (c->GetSelection() == wxNOT_FOUND) {
                return {};
            }
            out += (out.size() > 1 ? "," : "") + quoted(c->GetName().utf8_string()) + ":" +
                   quoted(ids_[static_cast<std::size_t>(c->GetSelection())]);
        }
        return out + "}";
    }
    if (type == "ordering") {
        const auto order =
            static_cast<wxRearrangeCtrl*>(controls_[0])->GetList()->GetCurrentOrder();
        std::string out = "[";
        for (int i : order) {
            out += (out.size() > 1 ? "," : "") +
                   quoted(ids_[static_cast<std::size_t>(i < 0 ? ~i : i)]);
        }
        return out + "]";
    }
    if (type == "fill") {
        std::string out = "{";
        for (auto* w : controls_) {
            auto* t = static_cast<wxTextCtrl*>(w);
            out += (out.size() > 1 ? "," : "") + quoted(t->GetName().utf8_string()) + ":" +
                   quoted(t->GetValue().utf8_string());
        }
        return out + "}";
    }
    return {};
}

int QuizPanel::markedCount() const {
    return static_cast<int>(saved_.size());
}

void QuizPanel::onSave() {
    const std::string r = response();
    if (r.empty()) {
        status_->SetLabel(_("Choose or write an answer first."));
        return;
    }
    const std::string id = question_->getValue<std::string>("id");
    const auto result = save_(id, r, store::nowMs() - shownAtMs_);
    if (result.saved) {
        saved_[id] = true; // only now: the answer is committed on this PC
        status_->SetLabel(_("✔ Saved"));
    } else {
        status_->SetLabel(_("Not saved yet: ") + u8(result.error));
    }
    Layout();
}

void QuizPanel::tick() {
    if (quiz_.deadlineMs == 0 || !quiz_.open) {
        timer_->SetLabel("");
        return;
    }
    const auto left = std::max<std::int64_t>(0, (quiz_.deadlineMs - store::nowMs()) / 1000);
    timer_->SetLabel(wxString::Format(_("Time left: %d:%02d"), static_cast<int>(left / 60),
                                      static_cast<int>(left % 60)));
}

void QuizPanel::answerAllForTest() {
    // Like a person: set each question's controls, press Save, go on.
    for (std::size_t i = 0; i < quiz_.questions.size(); ++i) {
        showQuestion(i);
        const std::string type = question_->getValue<std::string>("type");
        if (type == "single" || type == "truefalse") {
            static_cast<wxRadioButton*>(controls_.front())->SetValue(true);
        } else if (type == "multiple") {
            static_cast<wxCheckBox*>(controls_.front())->SetValue(true);
        } else if (type == "short") {
            static_cast<wxTextCtrl*>(controls_.front())->SetValue("clic");
        } else if (type == "numeric") {
            static_cast<wxTextCtrl*>(controls_.front())->SetValue("2");
        } else if (type == "matching") {
            for (auto* w : controls_) {
                static_cast<wxChoice*>(w)->SetSelection(0);
            }
        } else if (type == "fill") {
            for (auto* w : controls_) {
                static_cast<wxTextCtrl*>(w)->SetValue("clic");
            }
        }
        wxCommandEvent click(wxEVT_BUTTON, wxID_SAVE);
        click.SetEventObject(saveButton_);
        saveButton_->GetEventHandler()->ProcessEvent(click);
    }
    showQuestion(0);
}

} // namespace ayllu::student
