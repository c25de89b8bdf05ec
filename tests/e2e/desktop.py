"""A desktop for end-to-end tests: Xvfb, a window manager, a D-Bus session with the
accessibility bus, and the real Ayllu programs driven only from outside.

Widgets are found through the accessibility tree (AT-SPI) by role and visible name, the way a
screen reader sees them; they are pressed with X input (xdotool moves the pointer and clicks
where the widget is drawn), and typed into with real key events. Nothing here calls into the
programs: what a test knows it read from the screen, from the programs' stdout or from their
SQLite files.

Waiting is always for a condition with a deadline (`until`), never a fixed sleep.
"""

import os
import queue
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import pyatspi
from gi.repository import Atspi

# A program that is busy answers late; one that hangs must not hang the test for 25 s a call.
Atspi.set_timeout(5000, 15000)


class Failure(AssertionError):
    pass


def until(what, condition, timeout=20.0, interval=0.1):
    """Polls condition() until it returns something truthy; fails with `what` after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = condition()
        except (Exception,) as e:  # a widget that went away while we looked: look again
            if isinstance(e, Failure):
                raise
            last = None
        if last:
            return last
        if time.monotonic() > deadline:
            raise Failure("timed out (%.0f s) waiting for: %s" % (timeout, what))
        time.sleep(interval)


class Desktop:
    """Xvfb + openbox + a private D-Bus session (so the AT-SPI bus is ours alone)."""

    def __init__(self, out_dir, width=1280, height=1024):
        self.out_dir = out_dir
        os.makedirs(out_dir, exist_ok=True)
        self.procs = []
        r, w = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % (width, height),
             "-nolisten", "tcp"], pass_fds=[w], stderr=subprocess.DEVNULL)
        os.close(w)
        self.procs.append(xvfb)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(r, 16)
            if not chunk:
                raise Failure("Xvfb did not start")
            number += chunk
        os.close(r)
        os.environ["DISPLAY"] = ":" + number.decode().strip()
        # Settings in memory, no real desktop's: the programs start the same on every machine.
        os.environ["GSETTINGS_BACKEND"] = "memory"
        os.environ.pop("NO_AT_BRIDGE", None)
        os.environ["GTK_OVERLAY_SCROLLING"] = "0"
        # Our own session bus: the accessibility bus it starts sees only these programs.
        bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                              "--print-pid=1"], capture_output=True, text=True, check=True)
        address, pid = bus.stdout.split()
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        self.bus_pid = int(pid)
        if shutil.which("openbox"):
            self.procs.append(subprocess.Popen(["openbox", "--sm-disable"],
                                               stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL))
            until("the window manager", lambda: subprocess.run(
                ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], capture_output=True,
                text=True).stdout.find("window id") >= 0, timeout=10)
        self.shots = 0

    def close(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
        if self.bus_pid:
            try:
                os.kill(self.bus_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def screenshot(self, name, front=None, within=None):
        """A PNG, numbered in the order taken, for a person to look at: the window of Program
        `front` (the one holding accessible `within`, else its main one), brought to the front
        first; without `front`, the whole screen."""
        window = front.activate(within) if front is not None else None
        self.shots += 1
        path = os.path.join(self.out_dir, "%02d-%s.png" % (self.shots, name))
        subprocess.run(["import", "-window", window or "root", path], check=True,
                       stderr=subprocess.DEVNULL)
        return path

    # X input, as a person's mouse and keyboard produce it.
    def click_at(self, x, y, button=1):
        subprocess.run(["xdotool", "mousemove", "--sync", str(x), str(y)], check=True)
        subprocess.run(["xdotool", "click", str(button)], check=True)

    def keys(self, *combos):
        subprocess.run(["xdotool", "key", "--clearmodifiers", *combos], check=True)

    def type(self, text):
        subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)

    def type_letters(self, text):
        """Types `text` as a person would, ñ and é included: xdotool maps a spare key for each
        letter the keyboard lacks, one at a time, or a quick run of them can lose some."""
        for piece in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]", text):
            self.type(piece)


class Program:
    """A real Ayllu process: its stdout lines, and its accessibility tree."""

    def __init__(self, desktop, name, argv, env=None):
        self.desktop = desktop
        self.name = name
        self.argv = argv
        self.env = dict(os.environ, **(env or {}))
        self.lines = queue.Queue()
        self.seen = []
        self.start()

    def start(self):
        log = open(os.path.join(self.desktop.out_dir, self.name + ".log"), "a")
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=log,
                                     env=self.env, text=True, bufsize=1)
        threading.Thread(target=self._read, args=(self.proc,), daemon=True).start()

    def _read(self, proc):
        for line in proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_line(self, pattern, timeout=30):
        """The first stdout line (from now on, or already read) matching the regex."""
        rx = re.compile(pattern)
        for line in self.seen:
            m = rx.search(line)
            if m:
                return m
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("%s printed no line matching %r" % (self.name, pattern))
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(line)
            m = rx.search(line)
            if m:
                return m

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def alive(self):
        return self.proc.poll() is None

    def app(self):
        """This process's application in the accessibility tree."""
        def look():
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                a = desktop.getChildAtIndex(i)
                try:
                    if a is not None and a.get_process_id() == self.proc.pid:
                        return a
                except Exception:
                    continue
            return None
        return until("%s in the accessibility tree" % self.name, look, timeout=30)

    # Finding widgets by role and visible name.
    def all(self, role=None, name=None, showing=True):
        """Every accessible of `role` (e.g. 'push button') whose name matches `name` (a regex,
        or an exact string)."""
        rx = name if hasattr(name, "search") else (
            re.compile("^" + re.escape(name) + "$") if name is not None else None)
        out = []

        def walk(node, depth):
            if node is None or depth > 60:
                return
            try:
                r = node.getRoleName()
                n = node.name or ""
                st = node.getState()
            except Exception:
                return
            if showing and depth > 0 and not st.contains(pyatspi.STATE_SHOWING):
                return
            if (role is None or r == role) and (rx is None or rx.search(n)):
                out.append(node)
            try:
                count = node.childCount
            except Exception:
                return
            for i in range(min(count, 500)):
                try:
                    child = node.getChildAtIndex(i)
                except Exception:
                    continue
                walk(child, depth + 1)

        walk(self.app(), 0)
        return out

    def find(self, role, name, timeout=20):
        try:
            return until("%s: %s %r" % (self.name, role, getattr(name, "pattern", name)),
                         lambda: (self.all(role, name) or [None])[0], timeout=timeout)
        except Failure as e:
            seen = [a.name for a in self.all(role)]
            raise Failure("%s; the %s widgets shown: %s" % (e, role, seen)) from None

    def texts(self):
        """Every visible label's text, in tree order (what a screen reader would read)."""
        return [a.name for a in self.all("label") if a.name]

    def wait_text(self, pattern, timeout=20):
        rx = re.compile(pattern)
        return until("%s shows text %r" % (self.name, pattern),
                     lambda: next((t for t in self.texts() if rx.search(t)), None),
                     timeout=timeout)

    def activate(self, accessible=None):
        """Brings the window holding `accessible` (or the program's main window) to the front,
        as a person clicks a window's title before using it: X input goes to what is on top.
        Returns the X window id, or None."""
        title = None
        node = accessible
        while node is not None:
            try:
                if node.getRoleName() in ("frame", "dialog", "alert", "window", "file chooser"):
                    title = node.name
                    break
                node = node.parent
            except Exception:
                break
        args = ["xdotool", "search", "--all", "--onlyvisible", "--pid", str(self.proc.pid)]
        if title:
            args += ["--name", "^" + re.escape(title) + "$"]
        found = subprocess.run(args, capture_output=True, text=True).stdout.split()
        if not found and title:
            found = subprocess.run(args[:-2], capture_output=True, text=True).stdout.split()
        if not found:
            return None
        subprocess.run(["xdotool", "windowactivate", "--sync", found[-1]],
                       stderr=subprocess.DEVNULL)
        subprocess.run(["xdotool", "windowraise", found[-1]], stderr=subprocess.DEVNULL)
        return found[-1]

    def click(self, accessible):
        """A real pointer click in the middle of the widget as it is drawn on the screen."""
        self.activate(accessible)
        x, y, w, h = extents(accessible)
        if w <= 0 or h <= 0:
            raise Failure("%s: %r is not drawn" % (self.name, accessible.name))
        self.desktop.click_at(x + w // 2, y + h // 2)

    def invoke(self, role, name, timeout=20):
        """Waits for an enabled widget (role, name) and performs its action through the
        accessibility tree, as a screen reader's user does. For a window that another program
        covers on purpose: on this one test desktop, a student PC's lock screen stays above the
        teacher's console, which on a real class sits on another PC."""
        w = until("%s: enabled %s %r" % (self.name, role, getattr(name, "pattern", name)),
                  lambda: next((a for a in self.all(role, name) if enabled(a)), None),
                  timeout=timeout)
        action = w.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        index = next((i for i, n in enumerate(names) if n in ("click", "press", "activate")), 0)
        if not action.doAction(index):
            raise Failure("%s: %r refused its action %r" % (self.name, w.name, names))
        return w

    def press(self, role, name, timeout=20):
        """Waits for an enabled widget (role, name) and clicks it."""
        w = until("%s: enabled %s %r" % (self.name, role, getattr(name, "pattern", name)),
                  lambda: next((a for a in self.all(role, name) if enabled(a)), None),
                  timeout=timeout)
        self.click(w)
        return w


def table(prog, name=None, timeout=20):
    """The rows of a table (a list or grid) as a screen reader reads them: a header row of column
    names, then a list of cell texts per row. `name` picks the table by its accessible name."""
    def look():
        for t in prog.all("table", name) + prog.all("tree table", name):
            try:
                return t.queryTable(), t
            except Exception:
                continue
        return None
    t, node = until("%s: a table %r" % (prog.name, name), look, timeout=timeout)
    header = []
    for c in range(t.nColumns):
        h = t.getColumnHeader(c)
        header.append(h.name if h is not None else t.getColumnDescription(c))
    rows = []
    for r in range(t.nRows):
        rows.append([(t.getAccessibleAt(r, c).name or "") for c in range(t.nColumns)])
    return header, rows


def prepare(out, prefix, lang="es"):
    """A fresh screenshot folder `out`, a scratch folder (returned) and a desktop, with the
    programs speaking `lang`, as in a Peruvian school. Returns (work, desktop)."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    work = tempfile.mkdtemp(prefix=prefix)
    os.environ["AYLLU_LANG"] = lang
    os.environ["LANGUAGE"] = lang
    return work, Desktop(out)


class LabPc:
    """One lab PC: its own data folder and a real ayllu-student joining the class at `port`
    with `code`, for `learner` to sign in at."""

    def __init__(self, desk, build, work, n, learner, port, code, lang="es"):
        self.n = n
        self.learner = learner
        self.dir = os.path.join(work, "pc%d" % n)
        self.db = os.path.join(self.dir, "student.db")
        self.prog = Program(desk, "student%d" % n, [
            os.path.join(build, "bin", "ayllu-student"), "--data", self.dir,
            "--connect", "127.0.0.1:" + port, "--code", code, "--lang", lang])

    def sign_in(self):
        """First join: the person confirms the teacher's control code, then picks the learner's
        own name on the sign-in screen."""
        p = self.prog
        p.wait_text(r"muestra este código", timeout=40)
        p.press("push button", re.compile(r"^_?(Sí|Si|Yes)$"))
        p.press("push button", re.compile("^" + re.escape(self.learner) + "$"), timeout=40)


def page_tab(prog, name):
    """Clicks the notebook tab `name` (tabs of hidden pages are not "showing" to AT-SPI, but
    their labels are on the screen)."""
    t = until("the %s tab" % name,
              lambda: next(iter(prog.all("page tab", name, showing=False)), None))
    prog.click(t)


def pick(prog, tab, item):
    """On the notebook tab `tab`, opens the page's combo box and picks the menu item that
    matches `item` (a regular expression, any case)."""
    page_tab(prog, tab)
    prog.click(prog.find("combo box", re.compile(".*")))
    prog.press("menu item", re.compile(item, re.I))


def arguments(default_out):
    """(BUILD, OUT, SOURCE) of a test run as `test_x.py BUILD_DIR OUT_DIR`: the build folder,
    the screenshot folder (BUILD_DIR/`default_out` unless given) and the source tree."""
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    out = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(build, default_out))
    return build, out, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def translator(lang):
    """tr(msgid): the words the screens show for `msgid` in `lang` (the English words while
    untranslated), looked up with or without the mnemonic's '&', shown without it."""
    table = catalog(lang)
    plain = {k.replace("&", ""): v for k, v in table.items()}

    def tr(msgid):
        return (table.get(msgid) or plain.get(msgid.replace("&", "")) or msgid).replace("&", "")
    return tr


def finish(desk, programs, work):
    """The end of a test run: a last screenshot, every program killed, the desktop closed and
    the scratch folder removed."""
    desk.screenshot("end")
    for p in programs:
        if p.alive():
            p.kill()
    desk.close()
    shutil.rmtree(work, ignore_errors=True)


def start_teacher(desk, build, work, learners, lang="es", name="teacher", env=None,
                  class_name="Quinto A"):
    """The real console on its first run: a class list of (name, language) or (name, language,
    PIN) written as a teacher would (CSV), the bundled courses, any free port. Returns
    (program, code, port)."""
    roster = os.path.join(work, name + "-clase.csv")
    with open(roster, "w", encoding="utf-8") as f:
        f.write("nombre;idioma;clave\n" + "".join(
            "%s;%s;%s\n" % (tuple(row) + ("",))[:3] for row in learners))
    teacher = Program(desk, name, [
        os.path.join(build, "bin", "ayllu-teacher"), "--data", os.path.join(work, name),
        "--port", "0", "--courses", os.path.join(build, "share", "ayllu", "courses"),
        "--teacher", "Prof. Elena", "--class-name", class_name, "--roster", roster,
        "--lang", lang], env)
    ready = teacher.wait_line(r"ready code=(\d+) port=(\d+)", timeout=60)
    return teacher, ready.group(1), ready.group(2)


def extents(accessible):
    e = accessible.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return e.x, e.y, e.width, e.height


def enabled(accessible):
    st = accessible.getState()
    return st.contains(pyatspi.STATE_SENSITIVE) and st.contains(pyatspi.STATE_ENABLED)


def checked(accessible):
    st = accessible.getState()
    return st.contains(pyatspi.STATE_CHECKED)


def query(db_path, sql, args=()):
    """Reads a program's SQLite file as it is on disk (read-only, like a person's copy)."""
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def catalog(lang):
    """msgid -> msgstr of the source tree's po/<lang>.po: the words a screen must show."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "po",
                        lang + ".po")

    def unq(s):
        body = s[1:-1]
        return body.replace("\\n", "\n").replace('\\"', '"').replace("\\t", "\t")

    out, key, cur, mode = {}, None, "", None
    for line in open(path, encoding="utf-8").read().splitlines() + [""]:
        if line.startswith("msgid "):
            if mode == "str" and key:
                out[key] = cur
            mode, key, cur = "id", unq(line[6:]), ""
        elif line.startswith("msgstr "):
            mode, cur = "str", unq(line[7:])
        elif line.startswith('"'):
            if mode == "id":
                key += unq(line)
            elif mode == "str":
                cur += unq(line)
        elif mode == "str":
            if key:
                out[key] = cur
            mode = None
    return out


def run(tests):
    """Runs test functions in order; prints 'N passed, N failed' last, as CTest reads it."""
    passed = failed = 0
    for t in tests:
        print("== %s" % t.__name__, flush=True)
        try:
            t()
            passed += 1
            print("   ok", flush=True)
        except Exception as e:  # report and go on to the next story
            failed += 1
            print("   FAILED: %s: %s" % (type(e).__name__, e), flush=True)
            import traceback
            traceback.print_exc()
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed else 0
