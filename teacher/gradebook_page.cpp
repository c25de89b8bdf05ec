#include "gradebook_page.h"

#include "accessible.h"
#include "ayllu/course/catalog.h"
#include "ayllu/i18n.h"
#include "ayllu/store/gradebook.h"
#include "tr.h"

#include <algorithm>
#include <fstream>
#include <wx/filedlg.h>

namespace ayllu::teacher {

using gui::u8;

GradebookPage::GradebookPage(wxWindow* parent, Console& console)
    : wxPanel(parent), console_(console) {
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    view_ = new wxChoice(this, wxID_ANY);
    view_->Append(_("By learner"));
    view_->Append(_("By lesson, quiz or drill"));
    view_->Append(_("By question (hardest first)"));
    view_->Append(_("Every grade"));
    view_->SetSelection(0);
    view_->SetName(_("Show"));
    classes_ = new wxChoice(this, wxID_ANY);
    classes_->SetName(_("Class"));
    period_ = new wxChoice(this, wxID_ANY);
    period_->Append(_("All dates"));
    period_->Append(_("Today"));
    period_->Append(_("Last 7 days"));
    period_->Append(_("Last 30 days"));
    period_->SetSelection(0);
    period_->SetName(_("Period"));
    auto* exportButton = new wxButton(this, wxID_ANY, _("&Export CSV…"));
    exportButton->SetToolTip(_("Ctrl+E"));
    auto* refreshButton = new wxButton(this, wxID_REFRESH, _("&Refresh"));
    auto* reportButton = new wxButton(this, wxID_ANY, _("Class &report (PDF)…"));
    auto* printButton = new wxButton(this, wxID_PRINT, _("&Print the report…"));
    auto* certificateButton = new wxButton(this, wxID_ANY, _("Cer&tificate…"));
    mark_ = new wxButton(this, wxID_ANY, _("&Mark the lesson as done"));
    mark_->SetToolTip(_("For the selected learner and lesson (seen on paper or on another PC)"));
    top->Add(new wxStaticText(this, wxID_ANY, _("Show")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    top->Add(view_, 0, wxRIGHT, 12);
    top->Add(new wxStaticText(this, wxID_ANY, _("Class")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    top->Add(classes_, 0, wxRIGHT, 12);
    top->Add(period_, 0, wxRIGHT, 12);
    top->AddStretchSpacer();
    top->Add(refreshButton, 0, wxRIGHT, 6);
    top->Add(exportButton, 0);
    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    bottom->Add(reportButton, 0, wxRIGHT, 6);
    bottom->Add(printButton, 0, wxRIGHT, 6);
    bottom->Add(certificateButton, 0);
    bottom->AddStretchSpacer();
    bottom->Add(mark_, 0);

    summary_ = new wxStaticText(this, wxID_ANY, "");
    summary_->SetFont(summary_->GetFont().Bold());
    // A native table: a screen reader (and the end-to-end test) reads every cell.
    list_ = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxDV_SINGLE | wxDV_ROW_LINES | wxDV_HORIZ_RULES);
    gui::setAccessible(list_, _("Gradebook"));
    list_->SetMinSize(FromDIP(wxSize(400, 160)));
    chart_ = new BarChart(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, 10);
    sizer->Add(summary_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    sizer->Add(list_, 3, wxEXPAND | wxLEFT | wxRIGHT, 10);
    sizer->Add(chart_, 2, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
    sizer->Add(bottom, 0, wxEXPAND | wxALL, 10);
    SetSizer(sizer);
    reportButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { askClassReport(); });
    printButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printClassReport(); });
    certificateButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { askCertificate(); });
    mark_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const int row = list_->GetSelectedRow();
        if (row == wxNOT_FOUND || static_cast<std::size_t>(row) >= grades_.size()) {
            return;
        }
        const auto& g = grades_[static_cast<std::size_t>(row)];
        // Status only moves forward: there is no undo, so the teacher confirms.
        if (wxMessageBox(
                wxString::Format(_("Mark \"%s\" as done for %s?"), u8(g.title), u8(g.learnerName)),
                _("Gradebook"), wxYES_NO | wxICON_QUESTION, this) == wxYES) {
            markCompleted(row);
        }
    });
    list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { updateMark(); });

    for (auto* c : {view_, classes_, period_}) {
        c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
    }
    refreshButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refresh(); });
    exportButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { askAndExport(); });
}

store::GradeFilter GradebookPage::filter() {
    // The classes of this console, the current one first.
    const auto current = console_.classInfo().id;
    if (classIds_.empty()) {
        for (const auto& c : console_.store().classes()) {
            if (c.id == current) {
                classIds_.insert(classIds_.begin(), c.id);
                classes_->Insert(u8(c.name), 0);
            } else {
                classIds_.push_back(c.id);
                classes_->Append(u8(c.name));
            }
        }
        classes_->SetSelection(classIds_.empty() ? wxNOT_FOUND : 0);
    }
    store::GradeFilter f;
    f.classId = classes_->GetSelection() == wxNOT_FOUND
                    ? current
                    : classIds_[static_cast<std::size_t>(classes_->GetSelection())];
    const auto now = store::nowMs();
    const std::int64_t day = 24LL * 3600 * 1000;
    switch (period_->GetSelection()) {
    case 1: {
        const wxDateTime today = wxDateTime::Today();
        f.sinceMs = static_cast<std::int64_t>(today.GetValue().GetValue());
        break;
    }
    case 2:
        f.sinceMs = now - 7 * day;
        break;
    case 3:
        f.sinceMs = now - 30 * day;
        break;
    default:
        break;
    }
    return f;
}

store::Catalog GradebookPage::catalog() const {
    return course::catalogOf(console_.courses(), i18n::currentLanguage());
}

void GradebookPage::setPeriod(int period) {
    period_->SetSelection(period);
    refresh();
}

void GradebookPage::setView(View v) {
    view_->SetSelection(static_cast<int>(v));
    refresh();
}

void GradebookPage::refresh() {
    const auto f = filter();
    const auto titles = catalog();
    const auto view = static_cast<View>(view_->GetSelection());
    list_->Freeze();
    list_->DeleteAllItems();
    list_->ClearColumns();
    grades_.clear();
    std::vector<Bar> bars;
    auto columns = [this](std::initializer_list<wxString> names) {
        int i = 0;
        for (const auto& n : names) {
            list_->AppendTextColumn(n, wxDATAVIEW_CELL_INERT,
                                    i++ == 0 ? FromDIP(280) : FromDIP(120), wxALIGN_LEFT,
                                    wxDATAVIEW_COL_RESIZABLE);
        }
    };
    auto row = [this](const std::vector<wxString>& cells) {
        wxVector<wxVariant> values;
        for (const auto& c : cells) {
            values.push_back(wxVariant(c));
        }
        list_->AppendItem(values);
    };
    auto scoreBar = [](const wxString& label, const std::optional<double>& score) {
        Bar b;
        b.label = label;
        const double v = score.value_or(0);
        b.parts = {{v, v >= 60 ? colourCorrect() : colourWrong()}};
        b.value = percentText(score);
        return b;
    };
    store::ClassSummary summary;
    console_.store().withDatabase([&](SQLite::Database& db) {
        // Read once: the class line and the view's figures come from the same rows.
        const auto rows = store::gradebook(db, f, titles);
        summary = store::classSummary(rows);
        switch (view) {
        case View::Learners:
            columns({_("Learner"), _("Started"), _("Completed"), _("Mean score"), _("Time")});
            chart_->setTitle(_("Mean score per learner"));
            for (const auto& l : store::learnerSummary(rows)) {
                row(learnerCells(l));
                bars.push_back(scoreBar(u8(l.learnerName), l.meanScorePercent));
            }
            break;
        case View::Items:
            columns({_("Lesson, quiz or drill"), _("Started"), _("Completed"), _("Mean score"),
                     _("Mean time")});
            chart_->setTitle(_("Mean score per lesson, quiz or drill"));
            for (const auto& i : store::itemSummary(rows)) {
                const auto cells = itemCells(i);
                row(cells);
                bars.push_back(scoreBar(cells.front(), i.meanScorePercent));
            }
            break;
        case View::Questions:
            columns({_("Question"), _("Quiz"), _("Answered"), _("Right"), _("Share right")});
            chart_->setTitle(_("Answers per question"));
            for (const auto& q : store::questionStats(db, f, titles)) {
                row({u8(q.text), u8(q.title), wxString::Format("%d", q.answered),
                     wxString::Format("%d", q.correct),
                     wxString::Format("%.0f %%", q.shareCorrect * 100)});
                Bar b;
                b.label = u8(q.text);
                b.parts = {
                    {static_cast<double>(q.correct), colourCorrect()},
                    {static_cast<double>(q.partial), colourPartial()},
                    {static_cast<double>(q.answered - q.correct - q.partial), colourWrong()}};
                b.value = wxString::Format("%d / %d", q.correct, q.answered);
                bars.push_back(std::move(b));
            }
            break;
        case View::Grades:
            columns({_("Learner"), _("Lesson, quiz or drill"), _("Status"), _("Score"),
                     _("Pages seen"), _("Attempts"), _("Time")});
            // Two names side by side: both wide enough to read.
            list_->GetColumn(0)->SetWidth(FromDIP(190));
            list_->GetColumn(1)->SetWidth(FromDIP(250));
            grades_ = rows;
            for (const auto& g : grades_) {
                row({u8(g.learnerName), u8(g.title), u8(store::statusLabel(g.status)),
                     percentText(g.scorePercent),
                     g.pagesTotal > 0 ? wxString::Format("%d / %d", g.pagesSeen, g.pagesTotal)
                                      : wxString(),
                     wxString::Format("%d", g.attempts),
                     minutesText(static_cast<double>(g.timeMs))});
            }
            break;
        }
        return 0;
    });
    list_->Thaw();
    summary_->SetLabel(summaryText(summary));
    double maximum = 100;
    if (view == View::Questions) {
        maximum = 1;
        for (const auto& b : bars) {
            double sum = 0;
            for (const auto& p : b.parts) {
                sum += p.first;
            }
            maximum = std::max(maximum, sum);
        }
    }
    chart_->Show(view != View::Grades);
    chart_->setBars(std::move(bars), maximum);
    chart_->setEmptyText(_("Nothing yet for this class and period."));
    mark_->Show(view == View::Grades);
    updateMark();
    Layout();
}

void GradebookPage::updateMark() {
    const int row = list_->GetSelectedRow();
    bool can = false;
    if (row != wxNOT_FOUND && static_cast<std::size_t>(row) < grades_.size()) {
        const auto& g = grades_[static_cast<std::size_t>(row)];
        can = g.pagesTotal > 0 && !g.completed();
    }
    mark_->Enable(can);
}

void GradebookPage::markCompleted(int row) {
    if (row < 0 || static_cast<std::size_t>(row) >= grades_.size()) {
        return;
    }
    const auto& g = grades_[static_cast<std::size_t>(row)];
    store::Event e;
    e.learner = g.learnerId;
    e.course = g.course;
    e.content = g.content;
    e.kind = store::EventKind::Status;
    e.status = store::Status::Completed;
    try {
        console_.store().recordOwn({e}); // committed before the list shows it
    } catch (const std::exception& ex) {
        // A full disk or a locked file: nothing was stored, and the teacher is told why.
        wxMessageBox(u8(ex.what()), _("The lesson was not marked as done"), wxOK | wxICON_ERROR,
                     this);
        return;
    }
    refresh();
    if (static_cast<unsigned>(row) < static_cast<unsigned>(list_->GetItemCount())) {
        list_->SelectRow(static_cast<unsigned>(row));
    }
}

std::string GradebookPage::exportCsv(const std::string& path) {
    const auto f = filter();
    const auto titles = catalog();
    const auto style = store::csvStyleFor(i18n::currentLanguage());
    const auto [grades, questions] = console_.store().withDatabase([&](SQLite::Database& db) {
        return std::make_pair(store::gradebookCsv(store::gradebook(db, f, titles), style),
                              store::questionsCsv(store::questionStats(db, f, titles), style));
    });
    // "notas.csv" and "notas - Preguntas.csv", side by side.
    std::string stem = path;
    if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".csv") == 0) {
        stem.resize(stem.size() - 4);
    }
    // The translated word becomes part of a file name: no folder separators from a catalog.
    std::string word = wxString(_("Questions")).utf8_string();
    std::replace_if(
        word.begin(), word.end(), [](char c) { return c == '/' || c == '\\' || c == ':'; }, '-');
    const std::string questionsPath = stem + " - " + word + ".csv";
    // Each written beside and renamed, so a full disk never leaves half a file under the name.
    for (const auto& [file, text] :
         {std::make_pair(path, grades), std::make_pair(questionsPath, questions)}) {
        const std::string part = file + ".part";
        {
            std::ofstream out(part, std::ios::binary | std::ios::trunc);
            out << text;
            out.close();
            if (!out) {
                std::remove(part.c_str());
                throw Error(wxString::Format(_("Could not write %s"), u8(file)).utf8_string());
            }
        }
        if (std::rename(part.c_str(), file.c_str()) != 0) {
            std::remove(part.c_str());
            throw Error(wxString::Format(_("Could not write %s"), u8(file)).utf8_string());
        }
    }
    return questionsPath;
}

void GradebookPage::askAndExport() {
    wxFileDialog ask(this, _("Export the gradebook"), "", u8(console_.classInfo().name) + ".csv",
                     _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    try {
        const auto questions = exportCsv(ask.GetPath().utf8_string());
        wxMessageBox(wxString::Format(_("Saved %s\nand %s"), ask.GetPath(), u8(questions)),
                     _("Gradebook"), wxOK | wxICON_INFORMATION, this);
    } catch (const std::exception& e) {
        wxMessageBox(u8(e.what()), _("The gradebook was not exported"), wxOK | wxICON_ERROR, this);
    }
}

} // namespace ayllu::teacher

namespace ayllu::teacher {

std::unique_ptr<Document> GradebookPage::classReportDocument() {
    const auto f = filter();
    ClassReportData d;
    for (std::size_t i = 0; i < classIds_.size(); ++i) {
        if (classIds_[i] == f.classId) {
            d.className = classes_->GetString(static_cast<unsigned>(i)).utf8_string();
        }
    }
    d.teacher = console_.setting("teacher");
    d.period = period_->GetStringSelection().utf8_string();
    d.madeMs = store::nowMs();
    const auto titles = catalog();
    console_.store().withDatabase([&](SQLite::Database& db) {
        const auto rows = store::gradebook(db, f, titles);
        d.summary = store::classSummary(rows);
        d.learners = store::learnerSummary(rows);
        d.items = store::itemSummary(rows);
        return 0;
    });
    return classReport(std::move(d));
}

void GradebookPage::saveClassReport(const std::string& path) {
    savePdf(*classReportDocument(), path);
}

void GradebookPage::askClassReport() {
    wxFileDialog ask(this, _("Save the class report"), "", u8(console_.classInfo().name) + ".pdf",
                     _("PDF documents (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    try {
        saveClassReport(ask.GetPath().utf8_string());
        wxMessageBox(wxString::Format(_("Saved %s"), ask.GetPath()), _("Class report"),
                     wxOK | wxICON_INFORMATION, this);
    } catch (const std::exception& e) {
        wxMessageBox(u8(e.what()), _("Class report"), wxOK | wxICON_ERROR, this);
    }
}

void GradebookPage::printClassReport() {
    print(this, *classReportDocument(), _("Class report"));
}

std::unique_ptr<Document> GradebookPage::certificateDocument(const std::string& learner,
                                                             const std::string& course) {
    const auto classId = filter().classId;
    const auto items = console_.courseItems(course, i18n::currentLanguage());
    const auto* pkg = console_.service().course(course);
    const std::string title =
        pkg != nullptr ? pkg->manifest.meta.title.best(i18n::currentLanguage()) : course;
    const auto completion = console_.store().withDatabase([&](SQLite::Database& db) {
        return store::courseCompletion(db, classId, learner, course, items, catalog());
    });
    std::string className;
    if (const auto c = console_.store().classById(classId)) {
        className = c->name;
    }
    return certificate(completion, title, className, console_.setting("teacher"));
}

void GradebookPage::saveCertificate(const std::string& learner, const std::string& course,
                                    const std::string& path) {
    savePdf(*certificateDocument(learner, course), path);
}

void GradebookPage::askCertificate() {
    const auto roster = console_.store().roster(filter().classId);
    const auto courses = console_.courses();
    if (roster.empty() || courses.empty()) {
        return;
    }
    wxDialog d(this, wxID_ANY, _("Certificate of completion"));
    auto* learners = new wxChoice(&d, wxID_ANY);
    for (const auto& l : roster) {
        learners->Append(u8(l.name));
    }
    learners->SetSelection(0);
    auto* courseChoice = new wxChoice(&d, wxID_ANY);
    for (const auto* p : courses) {
        courseChoice->Append(u8(p->manifest.meta.title.best(i18n::currentLanguage())));
    }
    courseChoice->SetSelection(0);
    auto* grid = new wxFlexGridSizer(2, 10, 12);
    grid->Add(new wxStaticText(&d, wxID_ANY, _("&Learner")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(learners, 1, wxEXPAND);
    grid->Add(new wxStaticText(&d, wxID_ANY, _("C&ourse")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(courseChoice, 1, wxEXPAND);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* save = new wxButton(&d, wxID_SAVE, _("&Save as PDF…"));
    auto* printIt = new wxButton(&d, wxID_PRINT, _("&Print…"));
    buttons->Add(save, 0, wxRIGHT, 6);
    buttons->Add(printIt, 0, wxRIGHT, 6);
    buttons->Add(new wxButton(&d, wxID_CANCEL, _("Close")), 0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 0, wxEXPAND | wxALL, 16);
    sizer->Add(buttons, 0, wxALIGN_RIGHT | wxALL, 12);
    d.SetSizerAndFit(sizer);
    auto chosen = [&] {
        return std::make_pair(roster[static_cast<std::size_t>(learners->GetSelection())],
                              courses[static_cast<std::size_t>(courseChoice->GetSelection())]);
    };
    auto act = [&](bool toPrinter) {
        const auto [learner, pkg] = chosen();
        try {
            auto doc = certificateDocument(learner.id, pkg->manifest.identifier);
            if (toPrinter) {
                print(&d, *doc, _("Certificate of completion"));
                return;
            }
            wxFileDialog ask(&d, _("Save the certificate"), "", u8(learner.name) + ".pdf",
                             _("PDF documents (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
            if (ask.ShowModal() == wxID_OK) {
                savePdf(*doc, ask.GetPath().utf8_string());
            }
        } catch (const std::exception& e) {
            wxMessageBox(u8(e.what()), _("Certificate of completion"), wxOK | wxICON_INFORMATION,
                         &d);
        }
    };
    save->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) { act(false); });
    printIt->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) { act(true); });
    d.ShowModal();
}

} // namespace ayllu::teacher
