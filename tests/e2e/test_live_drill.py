#!/usr/bin/python3
"""A drill in the live class, as people have it: the real ayllu-teacher and two real
ayllu-student processes on one Xvfb desktop. The teacher hands the typing drill to the class
with the console's buttons; each PC opens it at once; the learners type it with real X key
events; the console follows their progress and results; the teacher's database holds them.

    test_live_drill.py BUILD_DIR OUT_DIR

Screenshots of every step go to OUT_DIR, numbered, for a person to look at.
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (LabPc, arguments, enabled, extents, finish, page_tab, pick,  # noqa: E402
                     prepare, query, run, start_teacher, translator, until)

BUILD, OUT, _ = arguments("e2e-drill")
LEARNERS = ["Ana Condori", "Luis Huamán"]
TEXT = "Mañana sembraré papa y maíz en Ñuñoa."  # the sample course's typing drill, in Spanish
TITLE = "Escribe con ñ y tildes"

work, desk = prepare(OUT, "ayllu-e2e-drill-")
tr = translator("es")
# A Latin-American keyboard, as in a Peruvian school: ñ and Ñ (with Shift) have their own key.
subprocess.run(["setxkbmap", "-layout", "latam"], check=True)


def words(msgid, *parts):
    """A regex for the translated message, its %d / %s filled by the regexes `parts` in order."""
    out, k = "", 0
    for piece in re.split(r"(%%|%[ds])", tr(msgid)):
        if piece == "%%":
            out += "%"
        elif piece in ("%d", "%s"):
            out += parts[k]
            k += 1
        else:
            out += re.escape(piece)
    return out


teacher, CODE, PORT = start_teacher(desk, BUILD, work, [(n, "es") for n in LEARNERS])
TEACHER_DB = os.path.join(work, "teacher", "teacher.db")


class Student(LabPc):
    def type_in_drill(self, text):
        box = self.prog.find("text", re.compile(".*"))
        self.prog.click(box)
        desk.type_letters(text)


def tab(name):
    page_tab(teacher, name)


pcs = [Student(desk, BUILD, work, i + 1, LEARNERS[i], PORT, CODE) for i in range(len(LEARNERS))]
CLASS_SCREEN = re.compile(re.escape(tr("Look at the teacher: the lesson will start soon.")))


def test_students_sign_in():
    for pc in pcs:
        pc.sign_in()
        pc.prog.wait_text(CLASS_SCREEN.pattern, timeout=30)
    teacher.wait_text(r"\b2\b.*(conectad|en línea)", timeout=30)


def test_teacher_hands_the_drill_to_one_selected_pc():
    pick(teacher, "Lección", "muestra")
    teacher.find("label", re.compile(re.escape(tr("Drills"))))
    # On the class tab a click on the first tile (Ana's: online first, by name) selects her.
    # The tiles are drawn, not widgets: the first one starts 10 px inside the page, whose
    # left edge is 8 px left of "Select all" and whose top is under the tab.
    tab("Clase")
    x, _y, _w, _h = extents(teacher.find("push button", re.compile(re.escape(tr("Select &all")))))
    tx, ty, _tw, th = extents(teacher.find("page tab", "Clase"))
    desk.click_at(x - 8 + 10 + 60, ty + th + 10 + 50)
    lock_selected = re.compile(re.escape(tr("Lock the &selected screens")))
    until("a learner selected", lambda: enabled(teacher.find("push button", lock_selected)))
    desk.screenshot("tiles-one-selected", teacher)
    desk.keys("ctrl+shift+d")  # Teach > Give the drill to the selected PCs
    a, b = pcs
    a.prog.wait_text(re.escape(TEXT), timeout=60)
    tab("Lección")
    m = console_says(words("Drill on: %s", re.escape(TITLE)) + ".*")
    assert re.search(re.escape(a.learner) + ": ", m.group(0)), m.group(0)
    # The same ClassState went to both PCs: Luis's still shows the class, and the console
    # lists only Ana under the drill.
    assert not any(TEXT in t for t in b.prog.texts()), "the drill opened on the unselected PC"
    assert b.learner not in m.group(0), "the console lists Luis under the drill: " + m.group(0)
    desk.screenshot("drill-on-selected-pc1", a.prog)


def test_teacher_hands_the_drill_to_the_class():
    tab("Lección")
    teacher.press("push button", re.compile(re.escape(tr("Give the drill to the class"))))
    console_says(words("Drill on: %s", re.escape(TITLE)), timeout=20)
    desk.screenshot("console-drill-handed-out", teacher)
    for pc in pcs:
        # The PC lacked the course: it arrives, then the drill opens by itself.
        pc.prog.wait_text(re.escape(TITLE), timeout=60)
        pc.prog.wait_text(re.escape(TEXT), timeout=20)
        # Class work: the learner can still ask for help.
        pc.prog.find("push button", re.compile(re.escape(tr("Raise my hand"))))
        desk.screenshot("drill-on-pc%d" % pc.n, pc.prog)


def console_says(pattern, timeout=30):
    """The console's label matching `pattern`, its lines joined (long lines are wrapped)."""
    rx = re.compile(pattern)
    return until("the console says %r" % pattern, lambda: next(
        (m for m in (rx.search(" ".join(t.split())) for t in teacher.texts()) if m), None),
        timeout=timeout)


def tile_text(learner, pattern):
    """The console's line for `learner` under the drills, which says what the tile says."""
    return console_says(re.escape(learner) + r": " + pattern)


def test_progress_reaches_the_console():
    a = pcs[0]
    a.type_in_drill(TEXT[:15])
    m = tile_text(a.learner, words("drill %d/%d", r"(\d+)", r"(\d+)"))
    done, total = int(m.group(1)), int(m.group(2))
    assert 0 < done < total, m.group(0)
    tab("Clase")
    desk.screenshot("tiles-drill-progress", teacher)
    tab("Lección")


def test_learners_finish_and_results_show():
    a, b = pcs
    a.type_in_drill(TEXT[15:])
    a.prog.press("push button", re.compile(re.escape(tr("I finished"))))
    desk.screenshot("drill-done-pc1", a.prog)
    # Luis types half the text and stops: not passed.
    b.type_in_drill(TEXT[:12])
    b.prog.press("push button", re.compile(re.escape(tr("I finished"))))
    tile_text(a.learner, words("✔ %d %%", "100"))
    m = tile_text(b.learner, words("✘ %d %%", r"(\d+)"))
    assert int(m.group(1)) < 90, m.group(0)
    desk.screenshot("console-drill-results", teacher)
    tab("Clase")
    desk.screenshot("tiles-drill-results", teacher)
    tab("Lección")
    # Each PC goes back to what the class is doing once its learner has finished.
    for pc in pcs:
        pc.prog.wait_text(CLASS_SCREEN.pattern, timeout=20)


def test_teacher_db_holds_the_drill_events():
    def both():
        rows = query(TEACHER_DB, "SELECT l.name, e.result, e.score_raw FROM events e JOIN "
                                 "learners l ON l.id = e.learner WHERE e.kind = 'drill' AND "
                                 "e.content = 'res-ejercicio' ORDER BY l.name")
        return rows if len(rows) >= 2 else None
    rows = until("both drill events in the teacher's database", both)
    got = {name: (result, raw) for name, result, raw in rows}
    assert got["Ana Condori"][0] == "passed", got
    assert got["Ana Condori"][1] == 100, got
    assert got["Luis Huamán"][0] == "failed", got
    for pc in pcs:
        left = query(pc.db, "SELECT count(*) FROM outbox")[0][0]
        assert left == 0, "PC %d still has %d unsent events" % (pc.n, left)


def test_teacher_ends_the_drill():
    teacher.press("push button", re.compile(re.escape(tr("End the drill"))))
    console_says(re.escape(tr("No drill on.")), timeout=10)
    for pc in pcs:
        pc.prog.wait_text(CLASS_SCREEN.pattern, timeout=20)
    desk.screenshot("console-drill-ended", teacher)


try:
    code = run([test_students_sign_in, test_teacher_hands_the_drill_to_one_selected_pc,
                test_teacher_hands_the_drill_to_the_class,
                test_progress_reaches_the_console, test_learners_finish_and_results_show,
                test_teacher_db_holds_the_drill_events, test_teacher_ends_the_drill])
finally:
    finish(desk, [pc.prog for pc in pcs] + [teacher], work)
sys.exit(code)
