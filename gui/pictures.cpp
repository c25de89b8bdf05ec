#include "pictures.h"

#include "ayllu/text.h"

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <wx/dcmemory.h>
#include <wx/graphics.h>

namespace ayllu::gui {

namespace {

using Gc = wxGraphicsContext;
// Every drawing works in a 100 x 100 box.
using Draw = std::function<void(Gc&)>;

const wxColour kInk(40, 40, 40);

void fill(Gc& g, const wxColour& c) {
    g.SetBrush(wxBrush(c));
    g.SetPen(wxPen(kInk, 2));
}

void circle(Gc& g, double x, double y, double r, const wxColour& c) {
    fill(g, c);
    g.DrawEllipse(x - r, y - r, 2 * r, 2 * r);
}

void polygon(Gc& g, std::initializer_list<wxPoint2DDouble> points, const wxColour& c) {
    fill(g, c);
    auto path = g.CreatePath();
    bool first = true;
    for (const auto& p : points) {
        if (first) {
            path.MoveToPoint(p);
            first = false;
        } else {
            path.AddLineToPoint(p);
        }
    }
    path.CloseSubpath();
    g.DrawPath(path);
}

void line(Gc& g, double x1, double y1, double x2, double y2, const wxColour& c, double width) {
    g.SetPen(wxPen(c, static_cast<int>(width)));
    g.StrokeLine(x1, y1, x2, y2);
}

// A four-legged animal seen from the side: the llama family.
void camelid(Gc& g, const wxColour& body) {
    for (double x : {30.0, 40.0, 62.0, 72.0}) {
        line(g, x, 58, x, 88, kInk, 5);
    }
    fill(g, body);
    g.DrawEllipse(24, 40, 56, 26);
    g.DrawRoundedRectangle(64, 14, 12, 38, 5);
    g.DrawEllipse(62, 8, 22, 14);
    polygon(g, {{66, 10}, {68, 0}, {72, 9}}, body);
}

const std::map<std::string, Draw>& drawings() {
    static const std::map<std::string, Draw> all = {
        {"sol",
         [](Gc& g) {
             for (int i = 0; i < 8; ++i) {
                 const double a = i * M_PI / 4;
                 line(g, 50 + 30 * std::cos(a), 50 + 30 * std::sin(a), 50 + 45 * std::cos(a),
                      50 + 45 * std::sin(a), wxColour(240, 170, 0), 6);
             }
             circle(g, 50, 50, 24, wxColour(255, 205, 40));
         }},
        {"luna",
         [](Gc& g) {
             circle(g, 50, 50, 36, wxColour(250, 235, 150));
             g.SetPen(*wxTRANSPARENT_PEN);
             g.SetBrush(wxBrush(wxColour(30, 45, 90)));
             g.DrawEllipse(38, 6, 64, 64);
         }},
        {"estrella",
         [](Gc& g) {
             std::vector<wxPoint2DDouble> p;
             for (int i = 0; i < 10; ++i) {
                 const double r = i % 2 == 0 ? 45 : 19;
                 const double a = -M_PI / 2 + i * M_PI / 5;
                 p.emplace_back(50 + r * std::cos(a), 52 + r * std::sin(a));
             }
             fill(g, wxColour(255, 200, 30));
             g.DrawLines(p.size(), p.data());
         }},
        {"flor",
         [](Gc& g) {
             line(g, 50, 55, 50, 95, wxColour(40, 140, 60), 6);
             for (int i = 0; i < 5; ++i) {
                 const double a = -M_PI / 2 + i * 2 * M_PI / 5;
                 circle(g, 50 + 18 * std::cos(a), 38 + 18 * std::sin(a), 13,
                        wxColour(235, 90, 150));
             }
             circle(g, 50, 38, 10, wxColour(255, 210, 40));
         }},
        {"arbol",
         [](Gc& g) {
             fill(g, wxColour(130, 80, 40));
             g.DrawRectangle(43, 55, 14, 38);
             circle(g, 50, 38, 32, wxColour(50, 150, 60));
         }},
        {"casa",
         [](Gc& g) {
             fill(g, wxColour(235, 215, 170));
             g.DrawRectangle(20, 45, 60, 45);
             polygon(g, {{12, 48}, {50, 12}, {88, 48}}, wxColour(200, 70, 50));
             fill(g, wxColour(120, 70, 40));
             g.DrawRectangle(42, 62, 16, 28);
         }},
        {"montana",
         [](Gc& g) {
             polygon(g, {{4, 90}, {50, 12}, {96, 90}}, wxColour(120, 120, 130));
             polygon(g, {{37, 34}, {50, 12}, {63, 34}, {50, 40}}, *wxWHITE);
         }},
        {"nube",
         [](Gc& g) {
             for (auto [x, y, r] :
                  {std::tuple{30.0, 58.0, 18.0}, {52.0, 45.0, 24.0}, {72.0, 58.0, 18.0}}) {
                 circle(g, x, y, r, wxColour(225, 232, 240));
             }
         }},
        {"rayo",
         [](Gc& g) {
             polygon(g, {{58, 4}, {24, 56}, {46, 56}, {36, 96}, {76, 40}, {54, 40}},
                     wxColour(255, 210, 0));
         }},
        {"arcoiris",
         [](Gc& g) {
             const wxColour bands[] = {
                 {220, 50, 50}, {240, 150, 30}, {250, 220, 40}, {60, 170, 70}, {50, 110, 220}};
             double r = 44;
             for (const auto& c : bands) {
                 g.SetPen(wxPen(c, 7));
                 g.SetBrush(*wxTRANSPARENT_BRUSH);
                 auto path = g.CreatePath();
                 path.AddArc(50, 80, r, M_PI, 2 * M_PI, true);
                 g.StrokePath(path);
                 r -= 7;
             }
         }},
        {"lago",
         [](Gc& g) {
             fill(g, wxColour(70, 150, 220));
             g.DrawEllipse(8, 40, 84, 40);
             line(g, 30, 58, 45, 58, *wxWHITE, 3);
             line(g, 55, 64, 72, 64, *wxWHITE, 3);
         }},
        {"rio",
         [](Gc& g) {
             for (double y : {30.0, 50.0, 70.0}) {
                 g.SetPen(wxPen(wxColour(50, 120, 210), 7));
                 auto path = g.CreatePath();
                 path.MoveToPoint(6, y);
                 path.AddCurveToPoint(28, y - 14, 40, y + 14, 62, y);
                 path.AddCurveToPoint(76, y - 10, 86, y + 8, 96, y);
                 g.StrokePath(path);
             }
         }},
        {"cactus",
         [](Gc& g) {
             fill(g, wxColour(60, 150, 70));
             g.DrawRoundedRectangle(40, 10, 20, 84, 10);
             g.DrawRoundedRectangle(18, 34, 12, 30, 6);
             g.DrawRoundedRectangle(70, 26, 12, 30, 6);
             g.DrawRectangle(24, 58, 18, 8);
             g.DrawRectangle(58, 50, 18, 8);
         }},
        {"papa",
         [](Gc& g) {
             fill(g, wxColour(190, 140, 80));
             g.DrawEllipse(14, 26, 72, 50);
             for (auto [x, y] : {std::pair{35.0, 45.0}, {58.0, 40.0}, {50.0, 60.0}, {70.0, 55.0}}) {
                 circle(g, x, y, 3, wxColour(120, 80, 40));
             }
         }},
        {"maiz",
         [](Gc& g) {
             polygon(g, {{50, 96}, {22, 40}, {40, 60}}, wxColour(80, 160, 60));
             polygon(g, {{50, 96}, {78, 40}, {60, 60}}, wxColour(80, 160, 60));
             fill(g, wxColour(250, 200, 40));
             g.DrawEllipse(36, 8, 28, 76);
             for (double y = 18; y < 78; y += 10) {
                 line(g, 40, y, 60, y, wxColour(210, 150, 20), 2);
             }
         }},
        {"quinua",
         [](Gc& g) {
             line(g, 50, 40, 50, 96, wxColour(80, 140, 60), 5);
             for (int i = 0; i < 14; ++i) {
                 circle(g, 38 + (i % 4) * 8, 14 + (i / 4) * 8 + (i % 2) * 3, 5,
                        wxColour(230, 120, 50));
             }
         }},
        {"tambor",
         [](Gc& g) {
             fill(g, wxColour(200, 60, 50));
             g.DrawRectangle(20, 34, 60, 44);
             fill(g, wxColour(240, 225, 190));
             g.DrawEllipse(20, 24, 60, 20);
             line(g, 70, 10, 56, 30, wxColour(120, 80, 40), 5);
         }},
        {"quena",
         [](Gc& g) {
             fill(g, wxColour(200, 160, 90));
             g.DrawRoundedRectangle(44, 4, 12, 92, 5);
             for (double y = 30; y < 80; y += 12) {
                 circle(g, 50, y, 2.5, kInk);
             }
         }},
        {"charango",
         [](Gc& g) {
             fill(g, wxColour(150, 90, 40));
             g.DrawRectangle(46, 6, 8, 50);
             g.DrawEllipse(28, 50, 44, 44);
             circle(g, 50, 70, 7, kInk);
         }},
        {"poncho",
         [](Gc& g) {
             polygon(g, {{30, 14}, {70, 14}, {94, 86}, {6, 86}}, wxColour(200, 50, 60));
             for (double y : {40.0, 62.0}) {
                 line(g, 14 + (y - 14) * 0.1, y, 86 - (y - 14) * 0.1, y, wxColour(250, 200, 40), 5);
             }
             circle(g, 50, 18, 8, wxColour(240, 220, 200));
         }},
        {"chullo",
         [](Gc& g) {
             polygon(g, {{50, 6}, {82, 56}, {18, 56}}, wxColour(60, 110, 200));
             line(g, 24, 46, 76, 46, wxColour(250, 200, 40), 5);
             polygon(g, {{18, 56}, {32, 56}, {26, 82}}, wxColour(60, 110, 200));
             polygon(g, {{68, 56}, {82, 56}, {74, 82}}, wxColour(60, 110, 200));
             circle(g, 50, 6, 6, wxColour(220, 60, 60));
         }},
        {"llama", [](Gc& g) { camelid(g, wxColour(245, 240, 230)); }},
        {"vicuna", [](Gc& g) { camelid(g, wxColour(210, 160, 100)); }},
        {"condor",
         [](Gc& g) {
             polygon(g, {{50, 50}, {2, 30}, {10, 46}}, wxColour(35, 35, 35));
             polygon(g, {{50, 50}, {98, 30}, {90, 46}}, wxColour(35, 35, 35));
             fill(g, wxColour(35, 35, 35));
             g.DrawEllipse(40, 40, 20, 40);
             circle(g, 50, 38, 8, *wxWHITE);
             circle(g, 50, 28, 7, wxColour(200, 120, 110));
         }},
        {"puma",
         [](Gc& g) {
             polygon(g, {{22, 36}, {28, 12}, {42, 28}}, wxColour(200, 150, 80));
             polygon(g, {{78, 36}, {72, 12}, {58, 28}}, wxColour(200, 150, 80));
             circle(g, 50, 54, 34, wxColour(215, 165, 95));
             circle(g, 38, 48, 4, kInk);
             circle(g, 62, 48, 4, kInk);
             polygon(g, {{44, 62}, {56, 62}, {50, 70}}, wxColour(120, 70, 60));
         }},
        {"colibri",
         [](Gc& g) {
             line(g, 70, 36, 98, 28, kInk, 3);
             fill(g, wxColour(40, 170, 120));
             g.DrawEllipse(26, 36, 48, 26);
             polygon(g, {{30, 50}, {6, 70}, {14, 44}}, wxColour(40, 130, 100));
             polygon(g, {{44, 40}, {36, 8}, {60, 38}}, wxColour(90, 200, 160));
             circle(g, 64, 44, 3, kInk);
         }},
        {"trucha",
         [](Gc& g) {
             fill(g, wxColour(170, 180, 150));
             g.DrawEllipse(16, 34, 66, 32);
             polygon(g, {{20, 50}, {2, 34}, {2, 66}}, wxColour(150, 160, 130));
             line(g, 26, 50, 74, 50, wxColour(230, 120, 130), 4);
             circle(g, 70, 45, 3, kInk);
         }},
    };
    return all;
}

} // namespace

wxBitmap signInPicture(const std::string& name, int size) {
    wxBitmap bmp(size, size, 24);
    {
        wxMemoryDC dc(bmp);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        std::unique_ptr<wxGraphicsContext> g(wxGraphicsContext::Create(dc));
        if (g) {
            g->SetAntialiasMode(wxANTIALIAS_DEFAULT);
            g->Scale(size / 100.0, size / 100.0);
            // "Vicuña", "vicuña" and "vicuna" are the same picture.
            std::string key = text::toLower(text::stripAccents(name));
            for (auto at = key.find("\xC3\xB1"); at != std::string::npos;
                 at = key.find("\xC3\xB1")) {
                key.replace(at, 2, "n");
            }
            const auto it = drawings().find(key);
            if (it != drawings().end()) {
                it->second(*g);
            } else {
                // Not one of ours: a grey badge with the first letter.
                circle(*g, 50, 50, 44, wxColour(200, 200, 200));
                g->SetFont(wxFont(wxFontInfo(28).Bold()), kInk);
                const wxString letter =
                    name.empty() ? wxString("?") : wxString::FromUTF8(name.substr(0, 1)).Upper();
                double w = 0, h = 0;
                g->GetTextExtent(letter, &w, &h);
                g->DrawText(letter, 50 - w / 2, 50 - h / 2);
            }
        }
    }
    return bmp;
}

} // namespace ayllu::gui
