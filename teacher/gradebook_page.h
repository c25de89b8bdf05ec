// Gradebook: per learner, per item, per question (hardest first) or every grade, for a class
// and a period, with a chart, and CSV export for LibreOffice or Excel.
#pragma once

#include "ayllu/store/gradebook.h"
#include "bar_chart.h"
#include "console.h"
#include "report.h"

#include <wx/dataview.h>
#include <wx/wx.h>

namespace ayllu::teacher {

class GradebookPage : public wxPanel {
public:
    enum class View { Learners, Items, Questions, Grades };
    GradebookPage(wxWindow* parent, Console& console);
    void refresh();
    void setView(View v);
    // 0 all dates, 1 today, 2 the last 7 days, 3 the last 30 days.
    void setPeriod(int period);
    // Writes every grade (one row per learner and item) to `path` and the per-question figures
    // beside it ("<name> - <Questions>.csv"), in the spreadsheet conventions of the console's
    // language. Returns the second file's path. Throws ayllu::Error naming a file it can't write.
    std::string exportCsv(const std::string& path);
    void askAndExport(); // Ctrl+E: a Save dialog, then exportCsv

    // The class report of the class and period chosen, as PDF; or printed.
    void saveClassReport(const std::string& path);
    void askClassReport(); // Save as PDF…
    void printClassReport();
    // A learner's certificate for a course, as PDF. Throws ayllu::Error (what is missing)
    // when the learner has not completed the course.
    void saveCertificate(const std::string& learner, const std::string& course,
                         const std::string& path);
    void askCertificate(); // choose the learner and the course, then save or print

    // Every grade: the teacher marks the selected lesson as done (a lesson read on paper, say).
    void markCompleted(int row);

    int rowCount() const { return list_->GetItemCount(); }
    wxString cell(int row, int column) const {
        return list_->GetTextValue(static_cast<unsigned>(row), static_cast<unsigned>(column));
    }
    wxString summary() const { return summary_->GetLabel(); }
    const BarChart& chart() const { return *chart_; }

private:
    store::GradeFilter filter();
    std::unique_ptr<Document> classReportDocument();
    std::unique_ptr<Document> certificateDocument(const std::string& learner,
                                                  const std::string& course);
    store::Catalog catalog() const;
    void updateMark();
    Console& console_;
    wxChoice* view_ = nullptr;
    wxChoice* classes_ = nullptr;
    wxChoice* period_ = nullptr;
    wxDataViewListCtrl* list_ = nullptr;
    wxStaticText* summary_ = nullptr;
    wxButton* mark_ = nullptr;
    BarChart* chart_ = nullptr;
    std::vector<store::GradeRow> grades_; // the rows of "Every grade", as listed
    std::vector<std::string> classIds_;
};

} // namespace ayllu::teacher
