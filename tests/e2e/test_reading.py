#!/usr/bin/python3
"""Bigger text and high contrast stay with the learner, as a person uses them: the real
ayllu-teacher shows a page, a real ayllu-student shows it, the learner presses A+ and High
contrast, and the page is drawn that way again after the client is closed and started again.
Driven only from outside (accessibility tree + X input); the sizes are read from the page
title's drawn height, the choice from the PC's SQLite file.

(It replaces test_student_gui's bigger_text_and_high_contrast_stay_with_the_learner, which
pressed the buttons through test switches of the client.)

    test_reading.py BUILD_DIR OUT_DIR
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (LabPc, extents, finish, prepare, query, run, start_teacher,  # noqa: E402
                     translator, until)

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
OUT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(BUILD, "e2e-reading"))
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COURSE = os.path.join(SOURCE, "courses", "primeros-pasos")
LEARNER = "Luis Mamani"
tr = translator("es")
NS = {"a": "urn:ayllu:content:1"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def literally(text):
    return re.compile("^" + re.escape(text) + "$")


def first_page_title(lesson):
    root = ET.parse(os.path.join(COURSE, "lessons", lesson + ".xml")).getroot()
    page = root.find("a:page", NS)
    return next(t.text for t in page.find("a:title", NS).findall("a:t", NS)
                if t.get(XML_LANG) == "es")


PAGE = first_page_title("encender")
BIGGER = literally(tr("A+"))
HIGH = literally(tr("High contrast (F6)"))
NORMAL = literally(tr("Normal colours (F6)"))

work, desk = prepare(OUT, "ayllu-e2e-reading-")
teacher, CODE, PORT = start_teacher(desk, BUILD, work, [(LEARNER, "es")], class_name="Sexto B")
pc = LabPc(desk, BUILD, work, 1, LEARNER, PORT, CODE)
luis = pc.prog
sizes = {}


def title_height():
    """The drawn height of the page's title: it grows with the text size."""
    return extents(luis.find("label", literally(PAGE), timeout=30))[3]


def preference(name):
    rows = query(pc.db, "SELECT value FROM meta WHERE key LIKE ?", ("pref/%/" + name,))
    return rows[0][0] if rows else None


def press_bigger(times):
    for _ in range(times):
        before = title_height()
        luis.press("push button", BIGGER)
        until("the title drawn bigger", lambda: title_height() > before, timeout=10)


def test_the_teacher_shows_a_page():
    pc.sign_in()
    luis.wait_text(literally(tr("Look at the teacher: the lesson will start soon.")), timeout=30)
    teacher.click(until("the Lección tab", lambda: next(
        iter(teacher.all("page tab", "Lección", showing=False)), None)))
    teacher.click(teacher.find("combo box", re.compile(".*")))
    teacher.press("menu item", re.compile("Primeros pasos"))
    teacher.press("push button", re.compile(r"Página siguiente"))
    luis.wait_text(literally(PAGE), timeout=60)
    sizes["normal"] = title_height()
    desk.screenshot("page-at-100", luis)


def test_a_plus_twice_and_high_contrast():
    press_bigger(2)
    sizes["150"] = title_height()
    assert sizes["150"] >= 1.3 * sizes["normal"], sizes
    luis.press("push button", HIGH)
    luis.find("push button", NORMAL)  # the button now offers the way back
    until("the choice kept on the PC", lambda: (preference("text-size"),
                                                preference("contrast")) == ("150", "high"))
    desk.screenshot("page-at-150-high-contrast", luis)


def test_next_time_the_page_is_drawn_the_way_he_chose():
    luis.kill()
    luis.start()  # the same PC, the same data folder: no code to confirm this time
    luis.press("push button", literally(LEARNER), timeout=40)
    luis.wait_text(literally(PAGE), timeout=60)
    luis.find("push button", NORMAL)
    again = title_height()
    assert abs(again - sizes["150"]) <= 0.1 * sizes["150"], (again, sizes)
    desk.screenshot("after-restart-150-high-contrast", luis)


def test_a_plus_stops_at_200_and_contrast_goes_back():
    press_bigger(2)  # 175 %, 200 %
    until("200 % kept on the PC", lambda: preference("text-size") == "200")
    largest = title_height()
    assert largest >= 1.25 * sizes["150"], (largest, sizes)
    luis.press("push button", BIGGER)  # once more: nothing changes past 200 %
    assert preference("text-size") == "200"
    assert title_height() == largest
    luis.press("push button", NORMAL)
    luis.find("push button", HIGH)
    until("normal colours kept on the PC", lambda: preference("contrast") == "normal")
    desk.screenshot("page-at-200-normal", luis)


try:
    code = run([test_the_teacher_shows_a_page, test_a_plus_twice_and_high_contrast,
                test_next_time_the_page_is_drawn_the_way_he_chose,
                test_a_plus_stops_at_200_and_contrast_goes_back])
finally:
    finish(desk, [luis, teacher], work)
sys.exit(code)
