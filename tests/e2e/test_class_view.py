#!/usr/bin/python3
"""The teacher's class view as a teacher reads it: three cloned lab PCs that share one host
name, each joined through its own join screen (one is given a seat name, two keep the host
name), and a tile per learner that says who, at which PC, doing what, on which page.

    test_class_view.py BUILD_DIR OUT_DIR

Everything is read through the accessibility tree (what a screen reader says), and screenshots
of the class view go to OUT_DIR for a person to look at.
"""

import os
import re
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import (Failure, Program, arguments, finish, page_tab, pick, prepare,  # noqa: E402
                     query, run, start_teacher, until)

BUILD, OUT, _ = arguments("e2e-class")
BIN = os.path.join(BUILD, "bin")
LEARNERS = ["Ana Condori", "Luis Huamán", "Rosa Quispe"]
HOST = socket.gethostname()
SEAT = "Ventana 1"  # the name typed on the first PC; the other two keep the host name

work, desk = prepare(OUT, "ayllu-e2e-class-")

teacher, CODE, PORT = start_teacher(desk, BUILD, work, [(n, "es") for n in LEARNERS])

# New words whose Spanish the translators add later: either is what the screen may say.
PC_NAME_FIELD = re.compile(r"^(Nombre de esta PC|Name of this PC)")
DRILL = r"(practicando|drill)"


class Pc:
    """A cloned lab PC: same host name as the others, its own data folder."""

    def __init__(self, n, learner, seat=None):
        self.n = n
        self.learner = learner
        self.seat = seat
        self.dir = os.path.join(work, "pc%d" % n)
        self.start()

    def start(self):
        # No --connect: the PC is joined through its join screen, as a person does.
        self.prog = Program(desk, "student%d" % self.n, [
            os.path.join(BIN, "ayllu-student"), "--data", self.dir, "--lang", "es"])

    def field(self, pattern):
        return self.prog.find("text", pattern)

    def fill(self, pattern, text):
        f = self.field(pattern)
        self.prog.click(f)
        desk.keys("ctrl+a")
        desk.type(text)
        until("%r typed" % text, lambda: field_text(self.field(pattern)) == text)

    def join(self):
        p = self.prog
        name = self.field(PC_NAME_FIELD)
        assert field_text(name) == HOST, "the PC name is not prefilled with the host name: %r" % (
            field_text(name))
        if self.seat:
            self.fill(PC_NAME_FIELD, self.seat)
        self.fill(re.compile(r"^(O la dirección del docente|Or the teacher's address)"),
                  "127.0.0.1:" + PORT)
        self.fill(re.compile(r"^(Código de la clase|Class code)"), CODE)
        if self.n == 1:
            desk.screenshot("join-screen-pc1", p)
        p.press("push button", "Unirme")
        p.wait_text(r"muestra este código", timeout=40)
        p.press("push button", re.compile(r"^_?(Sí|Si|Yes)$"))
        p.press("push button", re.compile("^" + re.escape(self.learner) + "$"), timeout=40)


def field_text(accessible):
    t = accessible.queryText()
    return t.getText(0, t.characterCount)


def tiles():
    """learner name -> (accessible name, description) of every tile in the class view."""
    out = {}
    for t in teacher.all("list item", re.compile(r", PC ")):
        out[t.name.split(", PC ")[0]] = (t.name, t.description or "")
    return out


def tile(learner):
    return tiles().get(learner, ("", ""))


def pc_of(learner):
    m = re.match(r"^.+?, PC (.+), [^,]+$", tile(learner)[0])
    return m.group(1) if m else ""


def state_of(learner):
    return tile(learner)[0].rsplit(", ", 1)[-1]


def wait_state(learner, pattern, timeout=20):
    rx = re.compile("^" + pattern + "$")
    try:
        until("%s's tile says %s" % (learner, pattern), lambda: rx.match(state_of(learner)),
              timeout=timeout)
    except Failure as e:
        raise Failure("%s; tiles: %s" % (e, tiles())) from None


def tab(name):
    page_tab(teacher, name)


pcs = [Pc(1, LEARNERS[0], SEAT), Pc(2, LEARNERS[1]), Pc(3, LEARNERS[2])]


def test_pcs_with_one_host_name_are_told_apart():
    for pc in pcs:
        pc.join()
    teacher.wait_text(r"\b3\b.*(conectad|en línea)", timeout=30)
    tab("Clase")
    until("three tiles", lambda: len(tiles()) == 3)
    names = {n: pc_of(n) for n in LEARNERS}
    assert names["Ana Condori"] == SEAT, names
    for n in LEARNERS[1:]:
        assert re.match("^" + re.escape(HOST) + r"·[0-9a-f]{4,}$", names[n]), names
    assert len(set(names.values())) == 3, "two tiles name the same PC: %s" % names
    # The seat name is kept in the PC's own data.
    got = query(os.path.join(pcs[0].dir, "student.db"),
                "SELECT value FROM meta WHERE key = 'pc-name'")
    assert got == [(SEAT,)], got
    for n in LEARNERS:
        wait_state(n, "esperando")
    desk.screenshot("class-view-joined", teacher)


def test_tiles_show_the_page_title():
    pick(teacher, "Lección", "muestra")
    teacher.press("push button", re.compile(r"Página siguiente"))
    tab("Clase")
    for n in LEARNERS:
        wait_state(n, "leyendo", timeout=60)
        until("%s's tile names the page" % n, lambda: "¿Qué es el ratón?" in tile(n)[1])
        assert "p1" not in tile(n)[1], tile(n)
    desk.screenshot("class-view-reading", teacher)


def test_quiz_answering_then_done():
    pick(teacher, "Cuestionario", r"muestra.*aprendimos")
    one = teacher.find("check box", re.compile(r"Una pregunta a la vez|One question", re.I))
    teacher.click(one)
    teacher.press("push button", re.compile(r"Empezar el cuestionario"))
    tab("Clase")
    for n in LEARNERS:
        wait_state(n, "respondiendo")
    desk.screenshot("class-view-answering", teacher)
    a = pcs[0].prog
    a.wait_text(r"¿Qué botón usamos para elegir\?", timeout=30)
    w = a.find("radio button", "El botón izquierdo")
    a.click(w)
    a.press("push button", "Guardar mi respuesta")
    a.wait_text(r"Guardado", timeout=10)
    wait_state("Ana Condori", "terminó")
    assert state_of("Luis Huamán") == "respondiendo", tiles()
    desk.screenshot("class-view-one-done", teacher)


def test_hand_up_needs_help():
    b = pcs[1].prog
    b.press("push button", re.compile(r"Levantar la mano"))
    wait_state("Luis Huamán", "necesita ayuda")
    desk.screenshot("class-view-needs-help", teacher)
    b.press("push button", re.compile(r"Bajar la mano"))
    wait_state("Luis Huamán", "respondiendo")


def test_killed_pc_is_offline():
    pcs[2].prog.kill()
    wait_state("Rosa Quispe", "desconectado", timeout=40)
    # The other PCs keep their names; the one that left still has its suffix (it is not lost
    # among the other "vm").
    assert pc_of("Rosa Quispe") != pc_of("Luis Huamán"), tiles()
    desk.screenshot("class-view-offline", teacher)


try:
    code = run([test_pcs_with_one_host_name_are_told_apart, test_tiles_show_the_page_title,
                test_quiz_answering_then_done, test_hand_up_needs_help,
                test_killed_pc_is_offline])
finally:
    finish(desk, [pc.prog for pc in pcs] + [teacher], work)
sys.exit(code)
