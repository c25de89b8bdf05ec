#!/usr/bin/python3
"""Every screen in Quechua and in Aymara: the real programs started in each language, every
student screen (join, sign-in, lesson, quiz, lock, each kind of drill) and every console tab
shown and photographed, and no Spanish left on them: a visible text that is the Spanish
catalog's translation of a message whose Quechua (or Aymara) translation differs is a leak.
Course texts are checked by the course's own coverage (`ayllu-course info`), not here.

    test_language_tour.py BUILD_DIR OUT_DIR
"""

import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (Desktop, Failure, Program, arguments, catalog, query, run,  # noqa: E402
                     start_teacher, until)

BUILD, OUT, _ = arguments("e2e-tour")
BIN = os.path.join(BUILD, "bin")
ES = catalog("es")
# One of each kind: click, double-click, drag-drop, scroll, typing, save-file.
DRILLS = ["res-practica-clic", "res-practica-doble-clic", "res-practica-arrastrar",
          "res-practica-rueda", "res-escribe-tildes", "res-guarda-en-tareas"]

SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def course_title(folder, lang):
    """A bundled course's title in `lang`, from its manifest (the console lists it so)."""
    text = open(os.path.join(SOURCE, "courses", folder, "imsmanifest.xml"),
                encoding="utf-8").read()
    return re.search(r'<ay:t xml:lang="%s">([^<]+)</ay:t>' % lang, text).group(1)


shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
desk = Desktop(OUT)


def spanish_left(prog, lang, where):
    """Fails naming every visible text that is Spanish where `lang` has its own words."""
    own = catalog(lang)
    spanish = {ES[k] for k in ES if k and ES[k] and own.get(k) and own[k] != ES[k]
               and "%" not in k}
    # Mnemonics: GTK shows "_Clase" as "Clase".
    spanish |= {t.replace("&", "") for t in spanish}
    names = [a.name for role in ("label", "push button", "check box", "page tab", "menu")
             for a in prog.all(role, re.compile(".+"), showing=role != "page tab")]
    ours = {t.replace("&", "") for t in own.values()}
    leaks = sorted({n for n in names if n in spanish and n not in ours})
    if leaks:
        raise Failure("%s in %s shows Spanish: %s" % (where, lang, leaks))


def tour(lang):
    work = tempfile.mkdtemp(prefix="ayllu-tour-")
    env = {"AYLLU_LANG": lang, "LANGUAGE": lang}
    learner = "Luis Huamán" if lang == "qu" else "Ana Condori"
    teacher, code, port = start_teacher(desk, BUILD, work, [(learner, lang)], lang,
                                        "teacher-" + lang, env, "Quinto")
    pc = os.path.join(work, "pc")
    progs = [teacher]
    try:
        # The join screen, before any class is known.
        first = Program(desk, "join-" + lang, [os.path.join(BIN, "ayllu-student"), "--data",
                                               os.path.join(work, "pc0"), "--lang", lang], env)
        progs.append(first)
        first.find("push button", re.compile(".+"), timeout=30)
        desk.screenshot(lang + "-student-join", first)
        spanish_left(first, lang, "the join screen")
        first.kill()
        s = Program(desk, "student-" + lang, [
            os.path.join(BIN, "ayllu-student"), "--data", pc, "--connect",
            "127.0.0.1:" + port, "--code", code, "--lang", lang], env)
        progs.append(s)
        s.press("push button", re.compile(r"^_?(Sí|Si|Yes)$"), timeout=40)
        s.find("push button", learner, timeout=30)
        desk.screenshot(lang + "-student-sign-in", s)
        spanish_left(s, lang, "the sign-in screen")
        s.press("push button", learner)
        # The console, tab by tab, and the class's first page.
        tabs = until("the console's tabs",
                     lambda: teacher.all("page tab", re.compile(".+"), showing=False))
        for i, tab in enumerate(tabs):
            teacher.click(tab)
            until("tab %d shown" % i, lambda: teacher.all("page tab", tab.name))
            desk.screenshot("%s-console-tab%d" % (lang, i + 1), teacher)
            spanish_left(teacher, lang, "the console's tab %d" % (i + 1))
        teacher.click(tabs[1])
        lesson_next = re.escape(catalog(lang)["Next page  ▶"])
        # Two courses reach the PC (their drills are opened below): shown, they are sent.
        for folder in ("archivos-y-carpetas", "primeros-pasos"):
            teacher.click(teacher.find("combo box", re.compile(".+")))
            teacher.press("menu item", course_title(folder, lang))
            teacher.press("push button", re.compile(lesson_next))
            ready = catalog(lang)["%d of %d PCs have the course"].replace("%d", "1")
            teacher.wait_text("^" + re.escape(ready), timeout=60)
        s.find("push button", re.compile(re.escape(catalog(lang)["Read aloud (F5)"])), 60)
        desk.screenshot(lang + "-student-lesson", s)
        spanish_left(s, lang, "the lesson")
        teacher.click(tabs[2])
        teacher.click(teacher.find("combo box", re.compile(".+")))
        teacher.press("menu item", re.compile(
            "^" + re.escape(course_title("primeros-pasos", lang)) + " — "))
        teacher.press("push button", re.compile(re.escape(
            catalog(lang)["▶  Start the quiz"].replace("▶", "").strip())))
        s.find("push button", catalog(lang)["Save my answer"], timeout=30)
        desk.screenshot(lang + "-student-quiz", s)
        spanish_left(s, lang, "the quiz")
        desk.screenshot(lang + "-console-quiz", teacher)
        teacher.press("push button", re.compile(re.escape(
            catalog(lang)["&Lock all screens"].replace("&", ""))))
        s.wait_text("^" + re.escape(catalog(lang)["Eyes on the teacher"]) + "$", timeout=15)
        desk.screenshot(lang + "-student-locked", s)
        spanish_left(s, lang, "the lock screen")
        s.kill()
        learner_id = query(os.path.join(pc, "student.db"),
                           "SELECT id FROM learners WHERE name = ?", (learner,))[0][0]
        # Each kind of drill, on this PC alone (the learner signed in here before).
        for drill in DRILLS:
            d = Program(desk, "drill-" + lang, [
                os.path.join(BIN, "ayllu-student"), "--data", pc, "--lang", lang,
                # no teacher answers there: the learner works on this PC alone
                "--connect", "127.0.0.1:1", "--sign-in", learner_id, "--open", drill,
                "--snapshot", os.path.join(OUT, "own-%s-%s.png" % (lang, drill))], env)
            progs.append(d)
            d.wait_line(r"^shown drill " + re.escape(drill) + "$", timeout=30)
            desk.screenshot("%s-student-%s" % (lang, drill[4:]), d)
            spanish_left(d, lang, "the drill " + drill)
            d.kill()
    finally:
        for p in progs:
            if p.alive():
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


def test_quechua_everywhere():
    tour("qu")


def test_aymara_everywhere():
    tour("ay")


try:
    code = run([test_quechua_everywhere, test_aymara_everywhere])
finally:
    desk.close()
sys.exit(code)
