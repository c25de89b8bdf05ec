#!/usr/bin/python3
"""A learner's own reading, kept by the PC, as a person does it: the real ayllu-teacher and a real
ayllu-student on one Xvfb desktop, driven only from outside (accessibility tree + X input).

- Self-paced work resumes at the same page after the client is closed and started again, and
  the page views reach the teacher as progress.
- With the teacher's PC off, the learner signs in on the PC and reads a lesson from "My
  courses"; nothing reaches the teacher meanwhile. When the teacher's PC is back (same port),
  the pages read offline arrive, each once.

(These replace test_student_gui's self_paced_work_resumes_at_the_same_page_after_a_restart and
with_no_teacher_a_learner_works_from_the_pc_and_it_syncs_later, which pressed Next and opened
the lesson through test switches of the client.)

    test_self_paced.py BUILD_DIR OUT_DIR
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (LabPc, finish, prepare, query, run, start_teacher,  # noqa: E402
                     translator, until)

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
OUT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(BUILD, "e2e-self"))
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COURSE = os.path.join(SOURCE, "courses", "primeros-pasos")
LEARNER = "Luis Mamani"
tr = translator("es")
NS = {"a": "urn:ayllu:content:1"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def literally(text):
    return re.compile("^" + re.escape(text) + "$")


def spanish(node):
    return next(t.text for t in node.findall("a:t", NS) if t.get(XML_LANG) == "es")


def lesson(name):
    """(title, [page titles]) of a lesson of primeros-pasos, in Spanish, from its XML."""
    root = ET.parse(os.path.join(COURSE, "lessons", name + ".xml")).getroot()
    return (spanish(root.find("a:title", NS)),
            [spanish(p.find("a:title", NS)) for p in root.findall("a:page", NS)])


ENCENDER, ENCENDER_PAGES = lesson("encender")
RATON, RATON_PAGES = lesson("raton")
VENTANAS, VENTANAS_PAGES = lesson("ventanas")
MY_COURSES = literally(tr("My courses"))
NEXT = literally(tr("Next ▶"))

work, desk = prepare(OUT, "ayllu-e2e-self-")
teacher, CODE, PORT = start_teacher(desk, BUILD, work, [(LEARNER, "es")], class_name="Sexto C")
TEACHER_DB = os.path.join(work, "teacher", "teacher.db")
pc = LabPc(desk, BUILD, work, 1, LEARNER, PORT, CODE)
luis = pc.prog


def luis_id():
    return query(TEACHER_DB, "SELECT id FROM learners WHERE name = ?", (LEARNER,))[0][0]


def page_views(content):
    return query(TEACHER_DB, "SELECT count(*) FROM events WHERE kind = 'page' AND learner = ? "
                 "AND content = ?", (luis_id(), content))[0][0]


def open_from_my_courses(title):
    """One click on the lesson in the outline ("My courses" first, unless the outline is what
    the PC shows already, as it does with no teacher)."""
    item = re.compile(r"^(✔ )?" + re.escape(title) + "$")
    outline = literally(tr("Your courses on this PC"))
    until("the outline or its button", lambda: luis.all("label", outline) or
          [a for a in luis.all("push button", MY_COURSES)], timeout=40)
    if not luis.all("label", outline):
        luis.press("push button", MY_COURSES, timeout=30)
    luis.click(luis.find("push button", item, timeout=30))


def test_sign_in_and_read_alone():
    pc.sign_in()
    luis.wait_text(literally(tr("Look at the teacher: the lesson will start soon.")), timeout=30)
    # The teacher leads a first page (the course reaches the PC) and ends the lesson.
    teacher.click(until("the Lección tab", lambda: next(
        iter(teacher.all("page tab", "Lección", showing=False)), None)))
    teacher.click(teacher.find("combo box", re.compile(".*")))
    teacher.press("menu item", re.compile("Primeros pasos"))
    teacher.press("push button", re.compile(r"Página siguiente"))
    luis.wait_text(literally(ENCENDER_PAGES[0]), timeout=60)
    teacher.press("push button", literally("Terminar la lección"))
    luis.find("push button", literally(tr("Continue at my own pace")), timeout=20)
    open_from_my_courses(RATON)
    luis.wait_text(literally(RATON_PAGES[0]), timeout=30)
    for n in (1, 2):
        luis.press("push button", NEXT)
        luis.wait_text(literally(RATON_PAGES[n]), timeout=20)
    desk.screenshot("raton-page-3", luis)
    until("three page views at the teacher", lambda: page_views("res-raton") >= 3, timeout=30)


def test_it_resumes_at_the_same_page_after_a_restart():
    luis.kill()
    luis.start()  # the same PC and data folder: no code to confirm this time
    luis.press("push button", literally(LEARNER), timeout=40)
    open_from_my_courses(RATON)
    luis.wait_text(literally(RATON_PAGES[2]), timeout=30)  # where he left off
    assert not any(t == RATON_PAGES[0] for t in luis.texts()), luis.texts()
    desk.screenshot("resumed-at-page-3", luis)
    until("page 3 seen again at the teacher", lambda: page_views("res-raton") >= 4, timeout=30)


def test_with_no_teacher_he_reads_on_the_pc_and_it_syncs_later():
    teacher.kill()  # the teacher's PC is off
    luis.kill()
    luis.start()
    luis.press("push button", literally(LEARNER), timeout=40)  # signs in on the PC alone
    open_from_my_courses(VENTANAS)
    luis.wait_text(literally(VENTANAS_PAGES[0]), timeout=30)
    luis.press("push button", NEXT)
    luis.wait_text(literally(VENTANAS_PAGES[1]), timeout=20)
    desk.screenshot("offline-ventanas-page-2", luis)
    assert page_views("res-ventanas") == 0  # nothing could reach the teacher
    rows = query(pc.db, "SELECT count(*) FROM events WHERE kind = 'page' "
                 "AND content = 'res-ventanas'")
    assert rows[0][0] == 2, rows  # kept on the PC meanwhile
    # The teacher's PC is back, on the same port: the pages read offline arrive, each once.
    at = teacher.argv.index("--port")
    teacher.argv[at + 1] = PORT
    teacher.start()
    until("the offline pages at the teacher", lambda: page_views("res-ventanas") == 2,
          timeout=90)
    rows = query(TEACHER_DB, "SELECT item, count(*) FROM events WHERE kind = 'page' "
                 "AND content = 'res-ventanas' GROUP BY item ORDER BY item")
    assert rows == [("p1", 1), ("p2", 1)], rows


try:
    code = run([test_sign_in_and_read_alone, test_it_resumes_at_the_same_page_after_a_restart,
                test_with_no_teacher_he_reads_on_the_pc_and_it_syncs_later])
finally:
    finish(desk, [luis, teacher], work)
sys.exit(code)
