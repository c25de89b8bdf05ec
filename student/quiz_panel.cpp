#include "quiz_panel.h"

#include "ayllu/quiz/grading.h"
#include "ayllu/quiz/response.h"
#include "ayllu/quiz/reveal.h"
#include "ayllu/store/database.h"
#include "tr.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <sstream>
#include <wx/rearrangectrl.h>
#include <wx/regex.h>

namespace ayllu::student {

using gui::u8;

using Poco::JSON::Object;

namespace {
const wxColour kRight(20, 110, 50);
const wxColour kWrong(170, 30, 30);
} // namespace

QuizPanel::QuizPanel(wxWindow* parent, Host host)
    : wxPanel(parent), host_(std::move(host)), clock_(this) {
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
    // Any change to an answer control (a choice, a letter, a moved item) may allow saving.
    const auto changed = [this](wxCommandEvent& e) {
        touched_ = true;
        updateSave();
        e.Skip();
    };
    for (const auto& type : {wxEVT_RADIOBUTTON, wxEVT_CHECKBOX, wxEVT_CHOICE, wxEVT_CHECKLISTBOX}) {
        body_->Bind(type, changed);
    }
    body_->Bind(wxEVT_TEXT, changed);
    body_->Bind(wxEVT_BUTTON, changed); // the ordering list's up and down buttons
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
    // The keys press the buttons, so they do exactly what a click does (a disabled Save too:
    // nothing).
    for (auto [id, button] :
         {std::pair{saveId, saveButton_}, std::pair{prevId, prev}, std::pair{nextId, next}}) {
        Bind(
            wxEVT_MENU,
            [button = button](wxCommandEvent&) {
                if (!button->IsEnabled()) {
                    return;
                }
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
                      quiz.course == quiz_.course && learner == learner_;
    const bool changed = quiz.open != quiz_.open || reveal != reveal_ ||
                         quiz.questions.size() != quiz_.questions.size() || language != language_;
    quiz_ = quiz;
    learner_ = learner;
    language_ = language;
    tick(); // the timer shows at once, not a second later
    if (reveal != reveal_) {
        reveal_ = reveal;
        keys_.clear();
        mine_.clear();
        if (!reveal_.empty()) {
            try {
                Poco::JSON::Parser parser;
                const auto o = parser.parse(reveal_).extract<Object::Ptr>();
                const auto key = o->getArray("key");
                for (std::size_t i = 0; key && i < key->size(); ++i) {
                    const auto k = key->getObject(static_cast<unsigned>(i));
                    std::ostringstream out;
                    k->stringify(out);
                    keys_[k->getValue<std::string>("id")] = out.str();
                }
                const auto results = o->getObject("results");
                const auto mine = results ? results->getObject(learner_) : nullptr;
                for (const auto& q : mine ? mine->getNames() : std::vector<std::string>{}) {
                    mine_[q] = mine->getObject(q)->getValue<std::string>("result");
                }
            } catch (const std::exception&) {
                // a reveal we cannot read shows nothing rather than something wrong
            }
        }
    }
    if (!same) {
        results_.clear();
        summary_->SetLabel("");
        savedHere_ = 0;
        // Answers committed before a restart are still on this PC: shown as they were given,
        // on the question the learner was on.
        saved_ = host_.saved ? host_.saved() : std::map<std::string, std::string>{};
        const std::size_t at = host_.position ? host_.position() : 0;
        showQuestion(std::min(at, quiz_.questions.empty() ? 0 : quiz_.questions.size() - 1));
    } else if (changed) {
        showQuestion(std::min(index_, quiz_.questions.empty() ? 0 : quiz_.questions.size() - 1));
    }
}

void QuizPanel::showQuestion(std::size_t index) {
    if (index != index_ && host_.remember) {
        host_.remember(index);
    }
    index_ = index;
    touched_ = false;
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
    question_ = quiz_.questions[index]; // as the teacher made it: no text on the way
    const std::string id = question_->getValue<std::string>("id");
    const std::string type = question_->getValue<std::string>("type");
    const auto title = quiz_.titles.find(language_);
    header_->SetLabel(u8(title != quiz_.titles.end() ? title->second : quiz_.title) + u8("  —  ") +
                      wxString::Format(_("Question %d of %d"), static_cast<int>(index + 1),
                                       static_cast<int>(quiz_.questions.size())));
    const auto promptTexts = question_->getObject("prompt");
    std::string prompt;
    for (const std::string& l : {language_, std::string("es")}) {
        if (prompt.empty() && promptTexts && promptTexts->has(l)) {
            prompt = promptTexts->getValue<std::string>(l);
        }
    }
    if (prompt.empty() && promptTexts && promptTexts->size() > 0) {
        prompt = promptTexts->get(*promptTexts->getNames().begin()).toString();
    }
    wxString shown = u8(prompt);
    // Blanks of a fill-in question read as a numbered line, "(1) ____".
    wxRegEx("\\{\\{([^}]*)\\}\\}").ReplaceAll(&shown, "(\\1) ____");
    auto* p = new wxStaticText(body_, wxID_ANY, shown);
    p->SetFont(p->GetFont().Scale(1.8).Bold());
    p->Wrap(std::max(400, GetClientSize().x - 80));
    sizer->Add(p, 0, wxBOTTOM, 20);
    const auto given = saved_.find(id);
    addControls(sizer, type, given == saved_.end() ? std::string() : given->second);
    wxString state;
    revealed_.clear();
    const bool revealed = !reveal_.empty();
    if (revealed) {
        const auto r = mine_.find(id);
        revealed_ = id + " " + (r == mine_.end() ? std::string("unanswered") : r->second);
        showReveal(sizer, id, given == saved_.end() ? std::string() : given->second);
    } else if (results_.count(id) != 0) {
        const auto& result = results_.at(id);
        state = result == "correct"   ? _("✔ Correct")
                : result == "partial" ? _("◐ Partly correct")
                                      : _("✘ Not correct");
    } else if (given != saved_.end()) {
        state = _("✔ Saved");
    } else if (!quiz_.open) {
        state = _("The quiz is closed.");
    }
    status_->SetLabel(state);
    // After the reveal, and once graded (self-paced), an answer stays as it was.
    const bool frozen = !quiz_.open || revealed || results_.count(id) != 0;
    for (auto* w : controls_) {
        w->Enable(!frozen);
    }
    body_->SetSizer(sizer);
    updateSave();
    Layout();
    Thaw();
    // The keyboard starts on the answer: Tab goes on to Previous, Save and Next.
    if (!controls_.empty() && controls_.front()->IsEnabled()) {
        controls_.front()->SetFocus();
    }
    shownAtMs_ = store::nowMs();
}

void QuizPanel::addControls(wxSizer* sizer, const std::string& type, const std::string& given) {
    const wxFont big = GetFont().Scale(1.5);
    const auto answer = quiz::decodeResponse(given).response.value_or(quiz::Response{});
    const auto options = [&](const char* key) {
        return quiz::publicOptions(question_, key, language_);
    };
    if (type == "single" || type == "multiple" || type == "truefalse") {
        const auto opts =
            type == "truefalse"
                ? std::vector<std::pair<std::string, std::string>>{{"true",
                                                                    _("True").utf8_string()},
                                                                   {"false",
                                                                    _("False").utf8_string()}}
                : options("choices");
        std::vector<std::string> chosen = answer.asIds();
        if (const auto* b = answer.truthValue()) {
            chosen.push_back(*b ? "true" : "false");
        }
        if (type != "multiple") {
            // A GTK radio group always has one button on: this hidden one holds "nothing
            // chosen yet", so no option is ever chosen for the learner.
            auto* none = new wxRadioButton(body_, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                           wxRB_GROUP);
            none->SetValue(true);
            none->Hide();
        }
        for (const auto& [oid, text] : opts) {
            const bool on = std::find(chosen.begin(), chosen.end(), oid) != chosen.end();
            wxWindow* w = nullptr;
            if (type == "multiple") {
                auto* c = new wxCheckBox(body_, wxID_ANY, u8(text));
                c->SetValue(on);
                w = c;
            } else {
                auto* r = new wxRadioButton(body_, wxID_ANY, u8(text));
                if (on) {
                    r->SetValue(true);
                }
                w = r;
            }
            w->SetFont(big);
            sizer->Add(w, 0, wxBOTTOM, 14);
            controls_.push_back(w);
            ids_.push_back(oid);
        }
    } else if (type == "short" || type == "numeric") {
        auto* t = new wxTextCtrl(body_, wxID_ANY, "", wxDefaultPosition, wxSize(420, -1),
                                 wxTE_PROCESS_ENTER);
        t->ChangeValue(u8(answer.asText()));
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
            const auto it = std::find(ids_.begin(), ids_.end(), answer.entry(lid));
            if (it != ids_.end()) {
                c->SetSelection(static_cast<int>(it - ids_.begin()));
            }
            grid->Add(l, 0, wxALIGN_CENTER_VERTICAL);
            grid->Add(c, 0);
            controls_.push_back(c);
        }
        sizer->Add(grid, 0, wxBOTTOM, 14);
    } else if (type == "ordering") {
        auto items = options("items");
        if (const auto* saved = answer.idsValue()) { // the learner's own order, as saved
            std::vector<std::pair<std::string, std::string>> mine;
            for (const auto& oid : *saved) {
                for (const auto& it : items) {
                    if (it.first == oid) {
                        mine.push_back(it);
                    }
                }
            }
            if (mine.size() == items.size()) {
                items = mine;
            }
        }
        wxArrayString names;
        wxArrayInt order;
        int n = 0;
        for (const auto& [oid, text] : items) {
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
        const auto blanks = question_->getArray("blanks");
        for (std::size_t i = 0; blanks && i < blanks->size(); ++i) {
            const std::string bid = blanks->getElement<std::string>(static_cast<unsigned>(i));
            auto* row = new wxBoxSizer(wxHORIZONTAL);
            auto* l = new wxStaticText(body_, wxID_ANY, u8("(" + bid + ")"));
            l->SetFont(big);
            auto* t = new wxTextCtrl(body_, wxID_ANY, "", wxDefaultPosition, wxSize(300, -1),
                                     wxTE_PROCESS_ENTER);
            t->ChangeValue(u8(answer.entry(bid)));
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

void QuizPanel::showReveal(wxSizer* sizer, const std::string& id, const std::string& given) {
    const auto r = mine_.find(id);
    const std::string result = r == mine_.end() ? std::string() : r->second;
    const wxFont font = GetFont().Scale(1.4).Bold();
    const auto line = [&](const wxString& text, const wxColour& colour) {
        auto* t = new wxStaticText(body_, wxID_ANY, text);
        t->SetFont(font);
        t->SetForegroundColour(colour);
        t->Wrap(std::max(400, GetClientSize().x - 80));
        sizer->Add(t, 0, wxTOP, 8);
    };
    // The verdict in words and colour (never colour alone).
    const wxString verdict = given.empty()         ? _("You did not answer this question.")
                             : result == "correct" ? _("✔ Correct")
                             : result == "partial" ? _("◐ Partly correct")
                             : result == "closed"  ? _("Saved after the quiz closed: not counted.")
                             : result == "incorrect" ? _("✘ Not correct")
                                                     : _("✔ Saved");
    line(verdict, result == "correct"   ? kRight
                  : result == "partial" ? wxColour(150, 100, 0)
                                        : kWrong);
    const auto key = keys_.find(id);
    if (key == keys_.end()) {
        return;
    }
    const auto parts = quiz::describeReveal(question_, key->second, given, result, language_);
    const bool single = parts.size() == 1 && parts.front().label.empty();
    for (const auto& part : parts) {
        const wxString mark = part.ok ? _("✔ right") : _("✘ wrong");
        const wxString yours = part.yours.empty() ? _("(no answer)") : u8(part.yours);
        if (single) {
            if (!given.empty()) {
                line(wxString::Format(_("Your answer: %s"), yours) + "   " + mark,
                     part.ok ? kRight : kWrong);
            }
            line(wxString::Format(_("Right answer: %s"), u8(part.right)), kRight);
        } else {
            // One line a part: "Rueda → Subir y bajar ✔ right" or "... ✘ wrong (right: Elegir)".
            wxString text = u8(part.label) + "  " + yours + "   " + mark;
            if (!part.ok) {
                text += "   " + wxString::Format(_("(right: %s)"), u8(part.right));
            }
            line(text, part.ok ? kRight : kWrong);
        }
    }
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
    quiz::Response r;
    if (type == "single" || type == "truefalse") {
        for (std::size_t i = 0; i < controls_.size(); ++i) {
            if (static_cast<wxRadioButton*>(controls_[i])->GetValue()) {
                r = type == "truefalse" ? quiz::Response::truth(ids_[i] == "true")
                                        : quiz::Response::choice(ids_[i]);
            }
        }
    } else if (type == "multiple") {
        quiz::Response::Ids chosen;
        for (std::size_t i = 0; i < controls_.size(); ++i) {
            if (static_cast<wxCheckBox*>(controls_[i])->GetValue()) {
                chosen.push_back(ids_[i]);
            }
        }
        if (!chosen.empty()) {
            r = quiz::Response::choices(std::move(chosen));
        }
    } else if (type == "short" || type == "numeric") {
        // A number as typed ("3,5"): the teacher's grading reads it.
        const std::string v =
            static_cast<wxTextCtrl*>(controls_[0])->GetValue().Strip(wxString::both).utf8_string();
        if (!v.empty()) {
            r = quiz::Response::text(v);
        }
    } else if (type == "matching") {
        quiz::Response::Entries pairs;
        for (auto* w : controls_) {
            auto* c = static_cast<wxChoice*>(w);
            if (c->GetSelection() == wxNOT_FOUND) {
                continue; // a pair left open counts as not matched
            }
            pairs.emplace_back(c->GetName().utf8_string(),
                               ids_[static_cast<std::size_t>(c->GetSelection())]);
        }
        if (!pairs.empty()) {
            r = quiz::Response::entries(std::move(pairs));
        }
    } else if (type == "ordering") {
        quiz::Response::Ids order;
        for (int i : static_cast<wxRearrangeCtrl*>(controls_[0])->GetList()->GetCurrentOrder()) {
            order.push_back(ids_[static_cast<std::size_t>(i < 0 ? ~i : i)]);
        }
        r = quiz::Response::order(std::move(order));
    } else if (type == "fill") {
        quiz::Response::Entries blanks;
        bool any = false;
        for (auto* w : controls_) {
            auto* t = static_cast<wxTextCtrl*>(w);
            const wxString v = t->GetValue().Strip(wxString::both);
            any = any || !v.empty();
            blanks.emplace_back(t->GetName().utf8_string(), v.utf8_string());
        }
        if (any) {
            r = quiz::Response::entries(std::move(blanks));
        }
    }
    return r.empty() ? std::string() : quiz::encodeResponse(r);
}

void QuizPanel::updateSave() {
    // Save asks for something chosen or typed: the ordering list counts once an item was moved
    // (it starts shuffled, which is no answer), or when this order was saved before.
    bool answered = !response().empty();
    if (question_ && question_->getValue<std::string>("type") == "ordering") {
        answered = touched_ || saved_.count(question_->getValue<std::string>("id")) != 0;
    }
    const std::string id = question_ ? question_->getValue<std::string>("id") : std::string();
    saveButton_->Enable(question_ && quiz_.open && reveal_.empty() && results_.count(id) == 0 &&
                        answered);
}

void QuizPanel::onSave() {
    if (!saveButton_->IsEnabled()) {
        return; // Enter in a box with nothing typed, or a closed quiz: nothing is stored
    }
    const std::string r = response();
    if (r.empty()) {
        status_->SetLabel(_("Choose or write an answer first."));
        return;
    }
    const std::string id = question_->getValue<std::string>("id");
    const auto result = host_.save(id, r, store::nowMs() - shownAtMs_);
    if (result.saved) {
        saved_[id] = r; // only now: the answer is committed on this PC
        ++savedHere_;
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
        touched_ = true;
        updateSave();
        wxCommandEvent click(wxEVT_BUTTON, wxID_SAVE);
        click.SetEventObject(saveButton_);
        saveButton_->GetEventHandler()->ProcessEvent(click);
    }
    showQuestion(0);
}

} // namespace ayllu::student
