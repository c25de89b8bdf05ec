#!/usr/bin/python3
"""Every learner in their language, as people use it: the real ayllu-teacher and a real
ayllu-student on one Xvfb desktop, driven only from outside (accessibility tree + X input).

- On the sign-in screen the language button switches this PC's screens at once.
- A learner whose class list says Aymara signs in: the screens turn Aymara at once, and so
  does the course (a lesson of primeros-pasos, complete in Quechua and Aymara).
- In the lesson the learner switches to Spanish and back; the choice comes back at the next
  sign-in, after the client is killed and started again.
- The console's language changes in Settings and is used at once, with the student still
  connected.
Expected words come from the catalogs (po/*.po) and the course's own XML, never typed here.

    test_languages.py BUILD_DIR OUT_DIR
"""

import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (Failure, Program, arguments, catalog, prepare, query, run,  # noqa: E402
                     start_teacher, until)

BUILD, OUT, SOURCE = arguments("e2e-lang")
BIN = os.path.join(BUILD, "bin")


QU, AY, ES = catalog("qu"), catalog("ay"), catalog("es")  # msgid -> msgstr, from po/


def page_title(lang):
    """The first page's title of the course's first lesson, in `lang`, from its XML."""
    ns = {"a": "urn:ayllu:content:1"}
    root = ET.parse(os.path.join(SOURCE, "courses", "primeros-pasos", "lessons",
                                 "encender.xml")).getroot()
    for t in root.find("a:page", ns).find("a:title", ns).findall("a:t", ns):
        if t.get("{http://www.w3.org/XML/1998/namespace}lang") == lang:
            return t.text
    raise Failure("no %s title" % lang)


def literally(text):
    return "^" + re.escape(text) + "$"


work, desk = prepare(OUT, "ayllu-e2e-lang-")
teacher, CODE, PORT = start_teacher(desk, BUILD, work, [("Ana Condori", "ay"),
                                                        ("Luis Huamán", "qu")],
                                    class_name="Quinto B")
pc_dir = os.path.join(work, "pc1")


def start_student():
    return Program(desk, "student", [
        os.path.join(BIN, "ayllu-student"), "--data", pc_dir, "--connect", "127.0.0.1:" + PORT,
        "--code", CODE])


student = start_student()


def test_sign_in_screen_switches_this_pcs_language():
    p = student
    p.wait_text(r"muestra este código", timeout=40)
    p.press("push button", re.compile(r"^_?(Sí|Si|Yes)$"))
    p.wait_text(literally(ES["Who are you? Touch your name."]), timeout=30)
    p.press("push button", "→ Runasimi")
    p.wait_text(literally(QU["Who are you? Touch your name."]), timeout=10)
    p.find("push button", "→ Aymar aru")
    desk.screenshot("sign-in-qu", p)
    p.press("push button", "→ Aymar aru")
    p.wait_text(literally(AY["Who are you? Touch your name."]), timeout=10)
    desk.screenshot("sign-in-ay", p)


def test_a_learner_signs_in_in_their_language_and_the_course_follows():
    p = student
    p.press("push button", "Ana Condori")
    p.wait_text(literally(AY["Look at the teacher: the lesson will start soon."]), timeout=20)
    teacher.click(until("the Lección tab", lambda: next(
        iter(teacher.all("page tab", "Lección", showing=False)), None)))
    teacher.click(teacher.find("combo box", re.compile(".*")))
    teacher.press("menu item", re.compile("Primeros pasos"))
    teacher.press("push button", re.compile(r"Página siguiente"))
    p.wait_text(literally(page_title("ay")), timeout=60)
    desk.screenshot("lesson-ay", p)
    # The learner's languages: their own and Spanish.
    p.press("push button", "→ Español")
    p.wait_text(literally(page_title("es")), timeout=10)
    p.find("push button", "→ Aymar aru")
    desk.screenshot("lesson-es", p)


def test_the_choice_comes_back_at_the_next_sign_in():
    global student
    student.kill()
    student = start_student()
    p = student
    p.press("push button", "Ana Condori", timeout=40)
    p.wait_text(literally(page_title("es")), timeout=30)  # Spanish, as she chose
    p.find("push button", "→ Aymar aru")
    rows = query(os.path.join(pc_dir, "student.db"),
                 "SELECT value FROM meta WHERE key LIKE 'pref/%/ui-language' "
                 "AND key != 'pref//ui-language'")
    assert rows == [("es",)], rows  # kept for her on this PC
    p.press("push button", "→ Aymar aru")
    p.wait_text(literally(page_title("ay")), timeout=10)


def test_lock_and_quiz_in_aymara():
    p = student
    teacher.press("push button", re.compile(r"Bloquear todas las pantallas"))
    p.wait_text(literally(AY["Eyes on the teacher"]), timeout=15)
    desk.screenshot("locked-ay", p)
    teacher.press("push button", re.compile(r"Desbloquear todas las pantallas"))
    teacher.click(until("the Cuestionario tab", lambda: next(
        iter(teacher.all("page tab", "Cuestionario", showing=False)), None)))
    teacher.click(teacher.find("combo box", re.compile(".*")))
    teacher.press("menu item", re.compile(r"Primeros pasos.*Repaso", re.I))
    teacher.press("push button", re.compile(r"Empezar el cuestionario"))
    p.find("push button", AY["Save my answer"], timeout=20)
    desk.screenshot("quiz-ay", p)
    teacher.press("push button", re.compile(r"Terminar el cuestionario"))


def test_the_console_changes_language_at_once_and_the_class_goes_on():
    teacher.activate()
    desk.keys("ctrl+comma")
    combo = teacher.find("combo box", re.compile(r"^Español$"), timeout=15)  # the language
    teacher.click(combo)
    teacher.press("menu item", re.compile(r"^Runasimi"))
    teacher.press("push button", re.compile(r"^_?(Aceptar|OK)$"))
    teacher.wait_text(literally(QU["Raised hands: %d"].replace("%d", "0")), timeout=20)
    until("the tabs in Quechua", lambda: teacher.all("page tab", QU["Lesson"], showing=False))
    desk.screenshot("console-qu", teacher)
    # The student never left: the console counts them online, and a page still reaches them.
    online = QU["%d of %d learners online"].replace("%d", "1", 1).replace("%d", "2", 1)
    teacher.wait_text(literally(online), timeout=20)
    assert student.alive()


try:
    code = run([test_sign_in_screen_switches_this_pcs_language,
                test_a_learner_signs_in_in_their_language_and_the_course_follows,
                test_the_choice_comes_back_at_the_next_sign_in, test_lock_and_quiz_in_aymara,
                test_the_console_changes_language_at_once_and_the_class_goes_on])
finally:
    desk.screenshot("end")
    for prog in (student, teacher):
        if prog.alive():
            prog.kill()
    desk.close()
    shutil.rmtree(work, ignore_errors=True)
sys.exit(code)
