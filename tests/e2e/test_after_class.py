#!/usr/bin/python3
"""After the class, as a teacher finds it: the real ayllu-teacher and three real ayllu-student
processes on one Xvfb desktop; the teacher teaches a lesson page by page, runs a live quiz and
hands out a drill, all through the console's visible controls; then the gradebook (read through
the accessibility tree, as a screen reader would), the CSV (read back as a spreadsheet set to
Spanish reads it) and the PDF class report must show, for each learner, titles (never
identifiers), the scores given, the pages seen and a time that is not zero; and the three must
agree.

    test_after_class.py BUILD_DIR OUT_DIR
"""

import csv
import io
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (LabPc, arguments, finish, page_tab, pick, prepare, query, run,  # noqa: E402
                     start_teacher, table, translator, until)

BUILD, OUT, _ = arguments("e2e-after")
LEARNERS = ["Ana Condori", "Luis Huamán", "Rosa Quispe"]
# What each learner answers to the sample quiz's first question (one point of its 9).
ANSWERS = {"Ana Condori": "El botón izquierdo", "Luis Huamán": "La rueda",
           "Rosa Quispe": "El botón izquierdo"}
LESSON = "Conoce el ratón"
QUIZ = "¿Qué aprendimos?"
QUESTION = "¿Qué botón usamos para elegir?"
DRILL = "Escribe con ñ y tildes"
DRILL_TEXT = "Mañana sembraré papa y maíz en Ñuñoa."
# What each learner types of the drill's text before pressing "I finished".
TYPED = {"Ana Condori": "Ma", "Luis Huamán": "Mañana sembraré papa", "Rosa Quispe": "M"}
tr = translator("es")


work, desk = prepare(OUT, "ayllu-e2e-")

teacher, CODE, PORT = start_teacher(desk, BUILD, work, [(n, "es") for n in LEARNERS])
TEACHER_DB = os.path.join(work, "teacher", "teacher.db")


def tab(name):
    page_tab(teacher, name)


def choose_in(combo_text, item):
    """Opens the combo box showing `combo_text` and picks `item`, with the pointer."""
    combo = teacher.find("combo box", combo_text)
    teacher.click(combo)
    teacher.press("menu item", item)


pcs = [LabPc(desk, BUILD, work, i + 1, LEARNERS[i], PORT, CODE) for i in range(3)]


def test_class_signs_in():
    for pc in pcs:
        pc.sign_in()
    teacher.wait_text(r"\b3\b.*(conectad|en línea)", timeout=30)


def test_a_lesson_taught_page_by_page():
    pick(teacher, "Lección", "muestra")
    total = None
    page = 0
    while total is None or page < total:
        teacher.press("push button", re.compile(r"Página siguiente"))
        shown = teacher.wait_text(r"La clase ve la página %d de \d+" % (page + 1), timeout=60)
        total = int(re.search(r"de (\d+)", shown).group(1))
        page += 1
        for pc in pcs:  # every PC shows the page before the teacher turns it
            pc.prog.wait_text(r"%d de %d|ratón" % (page, total), timeout=60)
    desk.screenshot("lesson-last-page-console", teacher)
    desk.screenshot("lesson-last-page-pc1", pcs[0].prog)
    teacher.press("push button", re.compile(r"Terminar la lección"))


def test_a_live_quiz():
    pick(teacher, "Cuestionario", r"muestra.*aprendimos")
    teacher.press("push button", re.compile(r"Empezar el cuestionario"))
    for pc in pcs:
        p = pc.prog
        p.wait_text(re.escape(QUESTION), timeout=30)
        option = p.find("radio button", ANSWERS[pc.learner])
        p.click(option)
        p.press("push button", "Guardar mi respuesta")
        p.wait_text(r"Guardado", timeout=10)
    teacher.wait_text(r"3 de 3 respondieron esta pregunta", timeout=20)
    teacher.press("push button", re.compile(r"Cerrar respuestas"))
    desk.screenshot("quiz-closed-console", teacher)
    teacher.press("push button", re.compile(re.escape(tr("E&nd the quiz"))))


def test_a_drill_handed_to_the_class():
    tab("Lección")
    teacher.press("push button", re.compile(re.escape(tr("Give the drill to the class"))))
    for pc in pcs:
        p = pc.prog
        p.wait_text(re.escape(DRILL_TEXT), timeout=60)
        box = p.find("text", re.compile(".*"))
        p.click(box)
        desk.type_letters(TYPED[pc.learner])
        p.press("push button", re.compile(re.escape(tr("I finished"))))
    desk.screenshot("drill-finished-pc2", pcs[1].prog)
    tab("Clase")
    until("every tile shows its drill result", lambda: sum(
        1 for t in teacher.all("list item", re.compile(".*")) if re.search(r"[✔✘] \d+ %", t.name))
        == 3, timeout=30)
    desk.screenshot("class-view-after-drill", teacher)
    tab("Lección")
    teacher.press("push button", re.compile(re.escape(tr("End the drill"))))


def cells_by_learner(rows):
    return {r[0]: r for r in rows}


SCREEN = {}


def test_gradebook_views_name_things_and_show_the_class():
    tab("Calificaciones")
    header, rows = table(teacher, "Calificaciones")
    assert header[:5] == ["Estudiante", "Empezados", "Completado", "Nota media", "Tiempo"], \
        header
    by = cells_by_learner(rows)
    assert set(by) == set(LEARNERS), rows
    for learner in LEARNERS:
        row = by[learner]
        assert row[3] != "—", "no score for %s after the quiz closed: %s" % (learner, row)
        assert not re.match(r"^0 (s|min)$", row[4]), "no time for %s: %s" % (learner, row)
    SCREEN["learners"] = by
    SCREEN["summary"] = teacher.wait_text(r"estudiantes · nota media")
    desk.screenshot("gradebook-by-learner", teacher)

    choose_in("Por estudiante", "Por lección, cuestionario o práctica")
    header, rows = table(teacher, "Calificaciones")
    titles = [r[0] for r in rows]
    assert LESSON in titles and QUIZ in titles, titles
    assert not any(re.match(r"^(res-|pe\.ayllu|raton|repaso)", t) for t in titles), titles
    lesson = next(r for r in rows if r[0] == LESSON)
    assert lesson[2] == "3 / 3", "not every learner completed the lesson they saw: %s" % lesson
    drill = next((r for r in rows if r[0] == DRILL), None)
    assert drill is not None and drill[1] == "3 / 3" and drill[3] != "—", drill
    SCREEN["items"] = {r[0]: r for r in rows}
    desk.screenshot("gradebook-by-item", teacher)

    choose_in("Por lección, cuestionario o práctica", "Por pregunta (las más difíciles primero)")
    header, rows = table(teacher, "Calificaciones")
    assert rows and rows[0][0] == QUESTION and rows[0][1] == QUIZ, rows
    assert rows[0][2:4] == ["3", "2"], rows[0]
    desk.screenshot("gradebook-by-question", teacher)

    choose_in("Por pregunta (las más difíciles primero)", "Todas las notas")
    header, rows = table(teacher, "Calificaciones")
    pages = header.index("Páginas vistas")
    score = header.index("Nota")
    for learner in LEARNERS:
        row = next(r for r in rows if r[0] == learner and r[1] == LESSON)
        seen, total = (int(x) for x in row[pages].split(" / "))
        assert seen == total > 0, "%s saw %s of the lesson" % (learner, row[pages])
        drill = next(r for r in rows if r[0] == learner and r[1] == DRILL)
        assert re.match(r"^\d+ %$", drill[score]), "no drill score for %s: %s" % (learner, drill)
    quiz = {r[0]: r[score] for r in rows if r[1] == QUIZ}
    # One point of 9: the two right answers give 11 %, the wrong one 0 %.
    assert quiz == {"Ana Condori": "11 %", "Luis Huamán": "0 %", "Rosa Quispe": "11 %"}, quiz
    SCREEN["grades"] = {(r[0], r[1]): r[score] for r in rows}
    desk.screenshot("gradebook-every-grade", teacher)


def save_through_dialog(button, path):
    teacher.press("push button", button)
    chooser = teacher.find("file chooser", re.compile(".*"), timeout=20)
    teacher.activate(chooser)
    desk.keys("ctrl+a")
    desk.type(path)
    desk.keys("Return")
    until("%s written" % path, lambda: os.path.exists(path), timeout=20)
    teacher.press("push button", re.compile(r"^_?(Aceptar|OK)$"))


def test_csv_opens_as_a_spanish_spreadsheet():
    path = os.path.join(work, "notas.csv")
    save_through_dialog(re.compile(r"Exportar CSV"), path)
    with open(path, "rb") as f:
        raw = f.read()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    text = raw.decode("utf-8-sig")
    # As LibreOffice or Excel set to Spanish read it: ';' between fields, decimal comma.
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Estudiante", "Curso", "Lección, cuestionario o práctica"], header
    assert all(len(r) == len(header) for r in rows), "ragged rows"
    col = {h: i for i, h in enumerate(header)}
    for r in rows[1:]:
        assert not r[col["Curso"]].startswith("pe.ayllu"), r
    for learner in LEARNERS:
        for item in (QUIZ, DRILL):
            row = next(r for r in rows if r[0] == learner and r[2] == item)
            score = float(row[col["Puntaje (%)"]].replace(",", "."))
            shown = SCREEN["grades"][(learner, item)]
            assert "%.0f %%" % score == shown, (row, shown)
        lesson = next(r for r in rows if r[0] == learner and r[2] == LESSON)
        assert lesson[col["Páginas vistas"]] == lesson[col["Páginas"]] != "", lesson
        minutes = sum(float(r[col["Minutos"]].replace(",", ".")) for r in rows
                      if r[0] == learner)
        assert minutes > 0, "no time for %s in the CSV" % learner
    questions = os.path.join(work, "notas - Preguntas.csv")
    with open(questions, encoding="utf-8-sig") as f:
        q = list(csv.reader(f, delimiter=";"))
    assert q[1][:4] == [QUIZ, QUESTION, "3", "2"], q[:2]


def squeezed(s):
    return re.sub(r"\s+", "", s)  # pdftotext may drop or add the space inside "5 s"


def test_pdf_report_shows_the_screen_figures():
    path = os.path.join(work, "informe.pdf")
    save_through_dialog(re.compile(r"Informe de la clase"), path)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True, check=True).stdout
    assert squeezed(SCREEN["summary"]) in squeezed(text), (SCREEN["summary"], text)
    for learner, row in SCREEN["learners"].items():
        line = next((x for x in text.splitlines() if learner in x), "")
        for cell in row[1:]:
            assert squeezed(cell) in squeezed(line), \
                "the report's line for %s, %r, lacks %r" % (learner, line, cell)
    for title, row in SCREEN["items"].items():
        line = next((x for x in text.splitlines() if title in x), "")
        for cell in row[1:]:
            assert squeezed(cell) in squeezed(line), \
                "the report's line for %s, %r, lacks %r" % (title, line, cell)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", path,
                    os.path.join(OUT, "class-report")], check=True)


def test_databases_hold_the_class():
    rows = query(TEACHER_DB, "SELECT learner, count(DISTINCT item) FROM events "
                             "WHERE kind = 'page' GROUP BY learner")
    assert len(rows) == 3 and all(n > 0 for _, n in rows), rows
    scores = query(TEACHER_DB, "SELECT count(*) FROM events WHERE kind = 'score' "
                               "AND device = 'teacher:console'")
    assert scores[0][0] == 3, scores
    drills = query(TEACHER_DB, "SELECT count(DISTINCT learner) FROM events WHERE kind = 'drill'")
    assert drills[0][0] == 3, drills
    times = query(TEACHER_DB, "SELECT learner, sum(duration_ms) FROM events WHERE kind = 'time' "
                              "GROUP BY learner")
    assert len(times) == 3 and all(t > 0 for _, t in times), times


try:
    code = run([test_class_signs_in, test_a_lesson_taught_page_by_page, test_a_live_quiz,
                test_a_drill_handed_to_the_class, test_gradebook_views_name_things_and_show_the_class,
                test_csv_opens_as_a_spanish_spreadsheet, test_pdf_report_shows_the_screen_figures,
                test_databases_hold_the_class])
finally:
    finish(desk, [pc.prog for pc in pcs] + [teacher], work)
sys.exit(code)
