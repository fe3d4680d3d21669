"""Walk Trappe's accessibility tree with a real AT-SPI client and list every nameless control.

What a screen reader (Orca) sees on Linux is what Qt exports over AT-SPI, not what the widgets
say in Python: a combo box, for one, is named by its current value there, whatever its
``accessibleName``, and gets its real name only from a label pointing at it (a "labelled-by"
relation, ``QLabel.setBuddy``). So this tool asks AT-SPI, through ``pyatspi``, as Orca does.

It starts its own X server (Xvfb), session bus (dbus-launch) and accessibility bus
(at-spi-bus-launcher), runs Trappe on a demo database in a child process (this file with
``--driver``, under the project's venv) and walks these screens one after another:

    main window · meeting (what *Registrér møde* opens) · editing a meeting · dialogue mode ·
    settings (every tab) · print preview · the citizen dialog · closing a course ·
    a meeting invitation

A *control* is anything a keyboard user lands on (button, entry, combo box, check box, spin
box, table, tree, list, tab). It is *nameless* when AT-SPI gives it no name, or, for a combo
box, nothing but its value (no label points at it). A label that points at a control
("labelled-by") does not name it by itself: the control needs its own name too. Each
nameless control is printed with its path; the last line is the number of different nameless
controls over all screens, and the exit status is 1 when it is not 0.

Needs Debian's ``python3-pyatspi at-spi2-core dbus-x11 xvfb`` (and Qt's xcb libraries, see the
README). Run from the repository root with the system Python, which has ``pyatspi``::

    /usr/bin/python3 tools/atspi_walk.py            # all screens
    /usr/bin/python3 tools/atspi_walk.py --tree     # also print the whole tree of each screen
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

# The screens, in order: (name, command to the driver, command that leaves it again).
SCREENS = [
    ("hovedvindue", "main", None),
    ("møde", "meeting", "escape"),
    ("ret møde", "edit-meeting", "escape"),
    ("dialogtilstand", "dialogue", "leave-dialogue"),
    ("indstillinger", "settings", "escape"),
    ("udskrift", "preview", "escape"),
    ("borger", "citizen", "escape"),
    ("afslut forløb", "close-course", "escape"),
    ("mødeindkaldelse", "invitation", "escape"),
]

# Roles a keyboard user lands on; each must have a name.
CONTROL_ROLES = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "password text",
    "spin button",
    "slider",
    "table",
    "tree table",
    "tree",
    "list",
    "list box",
    "page tab",
    "menu item",
    "check menu item",
    "radio menu item",
    "link",
}


# -- the walker (system Python with pyatspi) -------------------------------------------------
def _relations(acc) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[str]] = {}
    try:
        relations = acc.getRelationSet()
    except Exception:
        return found
    for r in relations:
        kind = r.getRelationType()
        nick = getattr(kind, "value_nick", str(kind))
        found[nick] = [r.getTarget(i).name or "" for i in range(r.getNTargets())]
    return found


def _is_showing(acc) -> bool:  # type: ignore[no-untyped-def]
    import pyatspi

    try:
        return acc.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:
        return False


def _problem(acc, role: str, parent_role: str) -> str | None:  # type: ignore[no-untyped-def]
    """Why this control has no usable name, or None if it has one.

    A name must be the control's own: a "labelled-by" relation alone is not enough (some
    screen readers and braille displays read only the name). The one exception is the combo
    box, which Qt on Linux always names by its current value: it needs a label pointing at it.
    """
    if role not in CONTROL_ROLES:
        return None
    if parent_role == "combo box":
        return None  # the drop-down list of a combo box, and an editable combo's line edit
    name = (acc.name or "").strip()
    labels = [t for t in _relations(acc).get("labelled-by", []) if t.strip()]
    if role == "combo box":
        return None if labels else f"combo box named only by its value {name!r}"
    if not name:
        return f"no name (labelled by {labels})" if labels else "no name"
    return None


def walk(acc, path: list[str], out: list[tuple[str, bool, str]], tree: bool, depth: int = 0):  # type: ignore[no-untyped-def]
    try:
        role = acc.getRoleName()
        name = acc.name or ""
    except Exception:
        return
    if tree:
        print("  " * depth + f"{role} {name!r} {_relations(acc) or ''}")
    parent_role = path[-1].split(" ", 1)[0] if path else ""
    parent_role = parent_role.replace("_", " ")
    why = _problem(acc, role, parent_role)
    here = f"{role.replace(' ', '_')} {name!r}"
    if why is not None:
        out.append((" > ".join([*path, here]), _is_showing(acc), why))
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            walk(child, [*path, here], out, tree, depth + 1)


def find_app(name: str, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    import pyatspi

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    raise SystemExit(f"no application {name!r} on the accessibility bus")


def window_named(app, title: str, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for i in range(app.childCount):
            child = app.getChildAtIndex(i)
            # The platform may append the application's name ("… — Trappe").
            if child is not None and (child.name or "").startswith(title):
                return child
        time.sleep(0.2)
    titles = [app.getChildAtIndex(i).name for i in range(app.childCount)]
    raise SystemExit(f"no window {title!r}; the application has {titles}")


def run_walker(args: argparse.Namespace) -> int:
    try:
        import pyatspi  # noqa: F401
    except ImportError:
        if sys.executable != "/usr/bin/python3" and Path("/usr/bin/python3").exists():
            os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
        raise SystemExit(
            "pyatspi is missing: apt-get install python3-pyatspi, run with /usr/bin/python3"
        ) from None
    for tool in ("Xvfb", "dbus-launch"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install xvfb dbus-x11 at-spi2-core")
    python = Path(args.python)
    if not python.exists():
        raise SystemExit(f"{python} not found: create the venv first (see the README)")

    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    procs: list[subprocess.Popen] = []
    tmp = Path(tempfile.mkdtemp(prefix="trappe-atspi-"))
    try:
        display = f":{args.display}"
        procs.append(
            subprocess.Popen(
                ["Xvfb", display, "-screen", "0", f"{args.size}x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        env["DISPLAY"] = display
        time.sleep(1.0)
        bus = subprocess.run(
            ["dbus-launch", "--sh-syntax"], env=env, capture_output=True, text=True, check=True
        ).stdout
        for line in bus.splitlines():
            if "=" in line and line.startswith("DBUS_"):
                key, _, value = line.partition("=")
                value = value.rstrip(";").strip("'")
                env[key] = value
        os.environ.update({k: v for k, v in env.items() if k.startswith("DBUS_")})
        os.environ["DISPLAY"] = display
        launcher = next(
            (
                p
                for p in (
                    "/usr/libexec/at-spi-bus-launcher",
                    "/usr/lib/at-spi2-core/at-spi-bus-launcher",
                )
                if Path(p).exists()
            ),
            None,
        )
        if launcher is None:
            raise SystemExit("at-spi-bus-launcher is missing: apt-get install at-spi2-core")
        procs.append(
            subprocess.Popen(
                [launcher, "--launch-immediately"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        time.sleep(1.0)
        env.update(QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1")
        env["PYTHONPATH"] = str(ROOT)
        driver = subprocess.Popen(
            [str(python), str(Path(__file__).resolve()), "--driver", "--workdir", str(tmp)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(tmp / "driver.log", "w"),  # noqa: SIM115
            text=True,
            bufsize=1,
        )
        procs.append(driver)
        return _walk_screens(driver, args, tmp)
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
        pid = os.environ.get("DBUS_SESSION_BUS_PID")
        if pid:
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid), signal.SIGTERM)


def _expect(driver: subprocess.Popen, tmp: Path) -> str:
    assert driver.stdout is not None
    while True:
        line = driver.stdout.readline()
        if not line:
            log = (tmp / "driver.log").read_text()
            raise SystemExit(f"the Trappe driver stopped:\n{log[-3000:]}")
        if line.startswith("READY "):
            return line[len("READY ") :].rstrip("\n")


def _send(driver: subprocess.Popen, command: str) -> None:
    assert driver.stdin is not None
    driver.stdin.write(command + "\n")
    driver.stdin.flush()


def _walk_screens(driver: subprocess.Popen, args: argparse.Namespace, tmp: Path) -> int:
    first = _expect(driver, tmp)  # the driver is up: "start\t<app name>"
    app = find_app(first.split("\t", 1)[1])
    seen: dict[str, bool] = {}  # every nameless control once (the main window is behind all)
    wanted = set(args.screen or [])
    for name, enter, leave in SCREENS:
        if wanted and name not in wanted:
            continue
        _send(driver, enter)
        ready = _expect(driver, tmp)
        tag, *titles = ready.split("\t")
        tabs = int(tag.split(":")[1]) if ":" in tag else 1
        for tab in range(tabs):
            label = name
            if tabs > 1:
                label = f"{name}, fane {tab + 1}"
                if tab > 0:
                    _send(driver, f"tab {tab}")
                    _, *titles = _expect(driver, tmp).split("\t")
            problems: list[tuple[str, bool, str]] = []
            for title in titles:
                if args.tree:
                    print(f"--- {label}: {title}")
                walk(window_named(app, title), [], problems, args.tree)
            shown = [p for p in problems if p[1]]
            print(f"{label}: {len(problems)} navnløse kontroller ({len(shown)} synlige)")
            for where, showing, why in problems:
                print(f"    {'synlig ' if showing else 'skjult '} {where}  [{why}]")
            for where, showing, _why in problems:
                seen[where] = seen.get(where, False) or showing
        if leave:
            _send(driver, leave)
            _expect(driver, tmp)
    _send(driver, "quit")
    total, visible = len(seen), sum(seen.values())
    print(f"navnløse kontroller i alt: {total} ({visible} synlige)")
    return 1 if total else 0


# -- the driver (the project's venv, with PySide6 and Trappe) -----------------------------------
def run_driver(workdir: Path) -> int:
    from PySide6.QtCore import QSettings, QSocketNotifier, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QTabWidget

    from trappe.model.demo import build_demo_database
    from trappe.model.entities import Actor, Role
    from trappe.ui.actions import ActionId
    from trappe.ui.app import create_application, install_translators
    from trappe.ui.main_window import MainWindow
    from trappe.ui.preferences import USER_NAME, USER_ROLE, Preferences

    db = workdir / "demo.trappe"
    build_demo_database(db, Actor("Tilgængelighed", Role.TEAM_LEADER), citizens=120, seed=7)
    app = create_application(["trappe"])
    install_translators(app, "da")
    prefs = Preferences(QSettings(str(workdir / "prefs.ini"), QSettings.Format.IniFormat))
    prefs.set(USER_NAME, "Mette Sørensen")
    prefs.set(USER_ROLE, "caseworker")
    window = MainWindow(prefs)
    window.resize(1366, 740)
    window.show()
    window.open_database(db, first_start=False)
    store = window.store
    assert store is not None
    cid = int(
        store.scalar(
            "SELECT c.id FROM citizens c JOIN meetings m ON m.citizen_id = c.id"
            " WHERE c.status = 'active' GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1"
        )
    )
    window.caseload.select_citizen(cid)
    window.show_citizen(cid)

    def titles() -> list[str]:
        """The visible top-level windows, the frontmost (the modal dialog) last."""
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle()]
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return [modal.windowTitle()]
        return [w.windowTitle() for w in shown if w is window] or [window.windowTitle()]

    def ready(tag: str, until=None, tries: int = 0) -> None:  # type: ignore[no-untyped-def]
        """Say READY once the screen is up (``until()``), then give it time to settle."""
        if until is not None and not until() and tries < 100:
            QTimer.singleShot(100, lambda: ready(tag, until, tries + 1))
            return

        def say() -> None:
            modal = QApplication.activeModalWidget()
            tabs = modal.findChild(QTabWidget) if modal is not None else None
            count = f":{tabs.count()}" if tabs is not None and tag != "tab" else ""
            print(f"READY {tag}{count}\t" + "\t".join(titles()), flush=True)

        QTimer.singleShot(700, say)

    def has_modal() -> bool:
        return QApplication.activeModalWidget() is not None

    def in_meeting() -> bool:
        mode = getattr(window, "meeting_mode", None)
        return has_modal() or bool(mode is not None and mode.active)

    def later(fn) -> None:  # type: ignore[no-untyped-def]
        # Run after the stdin handler returns: a modal dialog's exec() then nests cleanly.
        QTimer.singleShot(0, fn)

    def escape() -> None:
        target = QApplication.activeModalWidget() or QApplication.focusWidget() or window
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
            )

    def command(line: str) -> None:
        cmd = line.strip()
        if cmd == "quit":
            app.quit()
            return
        if cmd == "main":
            ready("main")
        elif cmd == "meeting":
            later(window.action(ActionId.RECORD_MEETING).trigger)
            ready("meeting", in_meeting)
        elif cmd == "edit-meeting":
            later(window.history.edit_button.click)
            ready("edit-meeting", in_meeting)
        elif cmd == "dialogue":
            window.set_dialogue_mode(True)
            ready("dialogue")
        elif cmd == "leave-dialogue":
            window.set_dialogue_mode(False)
            ready("main")
        elif cmd == "settings":
            later(window.action(ActionId.SETTINGS).trigger)
            ready("settings", has_modal)
        elif cmd == "preview":
            later(window.action(ActionId.PRINT).trigger)
            ready("preview", has_modal)
        elif cmd == "citizen":
            later(window.action(ActionId.EDIT_CITIZEN).trigger)
            ready("citizen", has_modal)
        elif cmd == "close-course":
            later(window.action(ActionId.CLOSE_CITIZEN).trigger)
            ready("close-course", has_modal)
        elif cmd == "invitation":
            later(window.action(ActionId.SEND_INVITATION).trigger)
            ready("invitation", has_modal)
        elif cmd == "escape":
            escape()
            ready("main", lambda: not in_meeting())
        elif cmd.startswith("tab "):
            modal = QApplication.activeModalWidget()
            tabs = modal.findChild(QTabWidget) if modal is not None else None
            if tabs is not None:
                tabs.setCurrentIndex(int(cmd.split()[1]))
            ready("tab")

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        command(line)

    notifier.activated.connect(read)
    app.setQuitOnLastWindowClosed(False)
    print(f"READY start\t{app.applicationName()}", flush=True)
    code = app.exec()
    window.close()
    return int(code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="store_true", help="print each screen's whole tree")
    parser.add_argument("--screen", action="append", help="only this screen (repeatable)")
    parser.add_argument("--size", default="1366x768", help="the X screen, WIDTHxHEIGHT")
    parser.add_argument("--display", type=int, default=97)
    parser.add_argument("--python", default=str(VENV_PYTHON), help="Python with Trappe")
    parser.add_argument("--driver", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.driver:
        return run_driver(args.workdir)
    return run_walker(args)


if __name__ == "__main__":
    sys.exit(main())
