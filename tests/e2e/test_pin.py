#!/usr/bin/python3
"""A learner with a PIN, as a person signs in: the real ayllu-teacher (its class list gives Ana a
PIN) and a real ayllu-student on one Xvfb desktop, driven only from outside (accessibility tree
+ X input). A wrong PIN is refused on the sign-in screen, which stays; hers lets her in to the
page the class is on.

(It replaces test_student_gui's a_learner_with_a_pin_is_refused_with_a_wrong_one_and_let_in_
with_hers, which typed the PIN through test switches of the client.)

    test_pin.py BUILD_DIR OUT_DIR
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (LabPc, finish, prepare, run, start_teacher, translator,  # noqa: E402
                     until)

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
OUT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(BUILD, "e2e-pin"))
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COURSE = os.path.join(SOURCE, "courses", "primeros-pasos")
LEARNER = "Ana Quispe"
tr = translator("es")
NS = {"a": "urn:ayllu:content:1"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def literally(text):
    return re.compile("^" + re.escape(text) + "$")


root = ET.parse(os.path.join(COURSE, "lessons", "encender.xml")).getroot()
PAGE = next(t.text for t in root.find("a:page", NS).find("a:title", NS).findall("a:t", NS)
            if t.get(XML_LANG) == "es")
WRONG = literally(tr("That PIN is not right. Try again."))

work, desk = prepare(OUT, "ayllu-e2e-pin-")
teacher, CODE, PORT = start_teacher(desk, BUILD, work, [(LEARNER, "es", "2468")],
                                    class_name="Sexto D")
pc = LabPc(desk, BUILD, work, 1, LEARNER, PORT, CODE)
ana = pc.prog


def type_pin(pin):
    """Touches her name, types the PIN in the box that asks for it and presses OK."""
    ana.press("push button", literally(LEARNER), timeout=40)
    box = ana.find("password text", re.compile(".*"), timeout=20)
    ana.click(box)
    desk.type(pin)
    ana.press("push button", re.compile(r"^_?(Aceptar|OK)$"))


def test_the_class_is_on_a_page():
    ana.wait_text(r"muestra este código", timeout=40)
    ana.press("push button", re.compile(r"^_?(Sí|Si|Yes)$"))
    ana.find("push button", literally(LEARNER), timeout=40)
    teacher.click(until("the Lección tab", lambda: next(
        iter(teacher.all("page tab", "Lección", showing=False)), None)))
    teacher.click(teacher.find("combo box", re.compile(".*")))
    teacher.press("menu item", re.compile("Primeros pasos"))
    teacher.press("push button", re.compile(r"Página siguiente"))
    teacher.wait_text(r"La clase ve la página 1 de", timeout=30)


def test_a_wrong_pin_is_refused():
    type_pin("1357")
    ana.wait_text(WRONG, timeout=30)
    ana.find("push button", literally(LEARNER))  # still the sign-in screen
    assert not any(t == PAGE for t in ana.texts()), ana.texts()
    desk.screenshot("wrong-pin", ana)


def test_her_pin_lets_her_in():
    type_pin("2468")
    ana.wait_text(literally(PAGE), timeout=60)
    desk.screenshot("signed-in-with-her-pin", ana)


try:
    code = run([test_the_class_is_on_a_page, test_a_wrong_pin_is_refused,
                test_her_pin_lets_her_in])
finally:
    finish(desk, [ana, teacher], work)
sys.exit(code)
