#!/usr/bin/python3
"""The learner's path, as a person walks it: the real ayllu-teacher and two real ayllu-student
processes on one Xvfb desktop, driven only from outside (accessibility tree + X input).

- The teacher leads a lesson page by page: each PC records each page it was shown, once.
- The teacher ends the lesson: a learner continues it at their own pace from the page they
  were on, reads it to the end and finishes it: the outline shows it done.
- One click opens an item of the outline; "My courses" (button or F3) comes back to the
  outline from a lesson and from a drill; a finished drill comes back to it, marked done.
- The teacher's database then holds what happened: page views (paced and self-paced), time on
  task, the lesson completed once, the drill's result.

Expected words come from the catalogs (po/*.po, English where a word has no translation yet)
and the course's own XML, never typed here.

    test_learner_path.py BUILD_DIR OUT_DIR
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (LabPc, arguments, finish, prepare, query, run, start_teacher,  # noqa: E402
                     translator, until)

BUILD, OUT, SOURCE = arguments("e2e-path")
COURSE = os.path.join(SOURCE, "courses", "primeros-pasos")
LEARNERS = ["Ana Condori", "Luis Huamán"]
tr = translator("es")


def literally(text):
    return re.compile("^" + re.escape(text) + "$")


NS = {"a": "urn:ayllu:content:1"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def spanish(node):
    return next(t.text for t in node.findall("a:t", NS) if t.get(XML_LANG) == "es")


def lesson(name):
    """(title, [page titles]) of a lesson of primeros-pasos, in Spanish, from its XML."""
    root = ET.parse(os.path.join(COURSE, "lessons", name + ".xml")).getroot()
    return (spanish(root.find("a:title", NS)),
            [spanish(p.find("a:title", NS)) for p in root.findall("a:page", NS)])


def drill_title(name):
    return spanish(ET.parse(os.path.join(COURSE, "drills", name + ".xml")).getroot()
                   .find("a:title", NS))


ENCENDER, ENCENDER_PAGES = lesson("encender")
RATON, RATON_PAGES = lesson("raton")
DRILL = drill_title("escribe-nombre")
DRILL_TEXT = "Mi comunidad es bonita. Hoy aprendo a usar la computadora."

work, desk = prepare(OUT, "ayllu-e2e-path-")
teacher, CODE, PORT = start_teacher(desk, BUILD, work, [(n, "es") for n in LEARNERS],
                                    class_name="Sexto A")
TEACHER_DB = os.path.join(work, "teacher", "teacher.db")


class Student(LabPc):
    def id(self):
        return query(TEACHER_DB, "SELECT id FROM learners WHERE name = ?", (self.learner,))[0][0]


pcs = [Student(desk, BUILD, work, i + 1, LEARNERS[i], PORT, CODE) for i in range(2)]
ana, luis = pcs[0].prog, pcs[1].prog
OUTLINE = literally(tr("Your courses on this PC"))


def outline_item(prog, title, done=False):
    """The outline's button for the item titled `title` (a drill's has its pencil)."""
    rx = re.compile("^" + ("✔ " if done else "") + r"(✎ |\? )?" + re.escape(title) + "$")
    return prog.find("push button", rx, timeout=20)


def focused(accessible):
    return accessible.getState().contains(pyatspi.STATE_FOCUSED)


def page_shown(prog, title, timeout=30):
    prog.wait_text(literally(title), timeout=timeout)


def test_sign_in():
    for pc in pcs:
        pc.sign_in()
    for pc in pcs:
        pc.prog.wait_text(literally(tr("Look at the teacher: the lesson will start soon.")),
                          timeout=30)
    # "My courses" is there on the waiting screen too.
    ana.find("push button", literally(tr("My courses")))
    desk.screenshot("waiting-with-my-courses", ana)


def test_paced_pages_are_recorded_once_each():
    teacher.click(until("the Lección tab", lambda: next(
        iter(teacher.all("page tab", "Lección", showing=False)), None)))
    teacher.click(teacher.find("combo box", re.compile(".*")))
    teacher.press("menu item", re.compile("Primeros pasos"))
    for n in range(3):
        teacher.press("push button", re.compile(r"Página siguiente"))
        teacher.wait_text(r"La clase ve la página %d de 5" % (n + 1), timeout=30)
        for p in (ana, luis):
            page_shown(p, ENCENDER_PAGES[n], timeout=60)
    desk.screenshot("paced-page-3", ana)
    # A raised hand makes the class state go round again: not a new page view.
    luis.press("push button", re.compile(r"Levantar la mano"))
    teacher.wait_text(r"Manos levantadas: 1", timeout=10)
    luis.press("push button", re.compile(r"Bajar la mano"))
    teacher.wait_text(r"Manos levantadas: 0", timeout=10)
    for pc in pcs:
        until("%s's paced page views at the teacher" % pc.learner, lambda: query(
            TEACHER_DB, "SELECT count(*) FROM events WHERE kind = 'page' AND learner = ? "
            "AND content = 'res-encender'", (pc.id(),))[0][0] >= 3, timeout=30)
    rows = query(TEACHER_DB, "SELECT item, count(*) FROM events WHERE kind = 'page' "
                 "AND learner = ? AND content = 'res-encender' GROUP BY item ORDER BY item",
                 (pcs[1].id(),))
    assert rows == [("p1", 1), ("p2", 1), ("p3", 1)], rows


def test_the_teacher_ends_and_the_learner_goes_on_alone():
    teacher.press("push button", literally("Terminar la lección"))
    for p in (ana, luis):
        p.find("push button", literally(tr("Continue at my own pace")), timeout=20)
    desk.screenshot("lesson-ended-offer", ana)
    ana.press("push button", literally(tr("Continue at my own pace")))
    page_shown(ana, ENCENDER_PAGES[2])  # where she was
    ana.wait_text(literally(tr("Page %d of %d").replace("%d", "3", 1).replace("%d", "5", 1)))
    desk.screenshot("self-paced-from-page-3", ana)
    for n in (3, 4):
        ana.press("push button", literally(tr("Next ▶")))
        page_shown(ana, ENCENDER_PAGES[n])
    desk.screenshot("last-page", ana)
    ana.press("push button", literally(tr("Finish the lesson")))
    ana.wait_text(OUTLINE, timeout=20)
    outline_item(ana, ENCENDER, done=True)
    outline_item(ana, RATON)  # not done
    desk.screenshot("outline-lesson-done", ana)


def test_one_click_opens_and_my_courses_comes_back():
    # A drill, opened with one click; back with the button.
    ana.click(outline_item(ana, DRILL))
    ana.wait_text(literally(DRILL), timeout=20)
    desk.screenshot("drill-opened", ana)
    ana.press("push button", literally(tr("My courses")))
    ana.wait_text(OUTLINE, timeout=20)
    # A lesson, opened with one click; back with F3.
    ana.click(outline_item(ana, RATON))
    page_shown(ana, RATON_PAGES[0])
    desk.screenshot("lesson-opened", ana)
    ana.activate()
    desk.keys("F3")
    ana.wait_text(OUTLINE, timeout=20)
    desk.screenshot("outline-after-f3", ana)
    # The item just left has the keyboard's focus: Enter opens it again.
    until("the lesson just left is focused", lambda: focused(outline_item(ana, RATON)))
    desk.keys("Return")
    page_shown(ana, RATON_PAGES[0])
    ana.press("push button", literally(tr("My courses")))
    ana.wait_text(OUTLINE, timeout=20)


def test_a_finished_drill_comes_back_done():
    ana.click(outline_item(ana, DRILL))
    box = ana.find("text", re.compile(".*"), timeout=20)
    ana.click(box)
    desk.type(DRILL_TEXT)
    ana.press("push button", literally(tr("I finished")))
    ana.wait_text(OUTLINE, timeout=20)
    outline_item(ana, DRILL, done=True)
    desk.screenshot("outline-drill-done", ana)


def test_the_teacher_holds_what_happened():
    a = pcs[0].id()

    def count(sql, *args):
        return query(TEACHER_DB, sql, args)[0][0]

    # Ana: p1..p3 in the teacher's lesson, p4 and p5 at her own pace, p1 of the other lesson.
    until("Ana's page views at the teacher", lambda: count(
        "SELECT count(DISTINCT item) FROM events WHERE kind = 'page' AND learner = ? "
        "AND content = 'res-encender'", a) == 5, timeout=30)
    until("Ana's page view of the second lesson", lambda: count(
        "SELECT count(*) FROM events WHERE kind = 'page' AND learner = ? "
        "AND content = 'res-raton'", a) >= 1, timeout=30)
    until("the lesson completed, once", lambda: count(
        "SELECT count(*) FROM events WHERE kind = 'status' AND status = 'completed' "
        "AND learner = ? AND content = 'res-encender'", a) == 1, timeout=30)
    until("time on the lesson", lambda: count(
        "SELECT coalesce(sum(duration_ms), 0) FROM events WHERE kind = 'time' AND learner = ? "
        "AND content = 'res-encender'", a) > 0, timeout=30)
    until("time on the second lesson (left with F3)", lambda: count(
        "SELECT coalesce(sum(duration_ms), 0) FROM events WHERE kind = 'time' AND learner = ? "
        "AND content = 'res-raton'", a) > 0, timeout=30)
    # No page counts more than five minutes.
    assert count("SELECT coalesce(max(duration_ms), 0) FROM events WHERE kind = 'time'") <= 300000
    until("the drill's result", lambda: count(
        "SELECT count(*) FROM events WHERE kind = 'drill' AND learner = ? "
        "AND content = 'res-escribe-nombre'", a) == 1, timeout=30)
    progress = query(TEACHER_DB, "SELECT status_rank, time_ms FROM progress WHERE learner = ? "
                     "AND content = 'res-encender'", (a,))
    assert progress and progress[0][0] >= 2 and progress[0][1] > 0, progress
    print("   teacher's DB: %s" % ", ".join("%s %s %s=%d" % row for row in query(
        TEACHER_DB, "SELECT l.name, e.content, e.kind, CASE e.kind WHEN 'time' THEN "
        "sum(e.duration_ms) ELSE count(*) END FROM events e JOIN learners l ON l.id = e.learner "
        "GROUP BY l.name, e.content, e.kind ORDER BY l.name, e.content, e.kind")), flush=True)
    # Luis stayed with the teacher: three pages, each once, and some time on them.
    until("Luis's time on the teacher's pages", lambda: count(
        "SELECT coalesce(sum(duration_ms), 0) FROM events WHERE kind = 'time' AND learner = ? "
        "AND content = 'res-encender'", pcs[1].id()) > 0, timeout=30)
    assert count("SELECT count(*) FROM events WHERE kind = 'status' AND learner = ?",
                 pcs[1].id()) == 0  # he did not see every page


try:
    code = run([test_sign_in, test_paced_pages_are_recorded_once_each,
                test_the_teacher_ends_and_the_learner_goes_on_alone,
                test_one_click_opens_and_my_courses_comes_back,
                test_a_finished_drill_comes_back_done, test_the_teacher_holds_what_happened])
finally:
    finish(desk, [pc.prog for pc in pcs] + [teacher], work)
sys.exit(code)
