"""Starting the window: the application object, opening workspaces, signing in."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from .. import __version__
from ..domain.errors import FactcheckError
from ..paths import log_file, sample_workspace_path
from ..resources import resource
from ..services import team_open
from ..services.live import LiveUpdates
from ..services.workspace import Identity, Workspace, passphrase_or_env
from . import live
from .context import UiContext
from .dialogs import SignInDialog, ask_new_passphrase
from .main_window import MainWindow
from .runner import SyncRunner, ThreadRunner
from .settings import AppSettings
from .startup import TRACE, trace, watch_first_paint
from .team_dialog import TeamWorkspaceDialog
from .theme import apply_theme

log = logging.getLogger("factcheck.ui")


def ensure_sample() -> Path:
    """The sample workspace in the user's data folder, built on first use."""
    path = sample_workspace_path()
    if not path.exists():
        from ..services.demo import build_demo  # noqa: PLC0415 - first run only

        build_demo(path).close()
    return path


class Session:
    """One open workspace in one window: its read connection, worker and context, and on
    a team workspace the listener that hears other users' changes."""

    def __init__(self, target: Path | str, identity: Identity, *, sync: bool = False) -> None:
        self.ws = Workspace.open(target, user=identity, backup_on_open=False)
        runner_type = SyncRunner if sync else ThreadRunner
        # The worker acts with the key unlocked at sign-in: no second passphrase prompt.
        self.runner = runner_type(target, identity)
        self.ctx = UiContext(self.ws, self.runner)
        try:
            updates = LiveUpdates.for_workspace(self.ws)
        except FactcheckError:
            self.close()
            raise
        self.watcher = live.LiveWatcher(self.ctx, updates) if updates else None
        # The worker opens its own connection now, taking the rolling backup there,
        # off the GUI thread: on a large workspace it takes seconds.
        self.runner.run(lambda ws, job: None)

    def close(self) -> None:
        if getattr(self, "watcher", None) is not None:
            self.watcher.close()
        self.runner.shutdown()
        self.ws.close()


class Application:
    """Owns the windows; opening another workspace replaces the current window."""

    def __init__(self, app: QApplication, settings: AppSettings | None = None,
                 *, sync: bool = False, ask: bool = True, startup_frame=None) -> None:
        self.app = app
        self.startup_frame = startup_frame  # replaced by the first real window
        self.settings = settings or AppSettings()
        self.sync = sync
        self.ask = ask  # False in tests and scripts: never block on a dialog
        self.session: Session | None = None
        self.window: MainWindow | None = None

    def open(self, path: Path | str | None, user: str | Identity | None = None, *,
             password: str | None = None) -> bool:
        """Open a workspace file, the sample, a picker (None) or a team workspace (a
        postgresql:// URL; `password` None: libpq finds it, or the team dialog asks)."""
        if self.window is not None and not self.window.detail.guard(
                lambda: self.open(path, user, password=password)):
            return False  # cancelled, or opens once the edits are saved
        if isinstance(path, str) and team_open.is_team_target(path):
            return self._open_team(path, password)
        try:
            if path == "sample":
                path = ensure_sample()
            elif path is None:
                chosen, _ = QFileDialog.getOpenFileName(
                    self.window, "Open workspace", str(Path.home()),
                    "Factcheck workspace (*.factcheck);;All files (*)")
                if not chosen:
                    return False
                path = Path(chosen)
            path = Path(path).expanduser().resolve()
            if user == "create":
                passphrase = ask_new_passphrase(self.window, _os_user()) if self.ask else None
                if self.ask and passphrase is None:
                    return False
                with Workspace.create(path, admin=_os_user(), passphrase=passphrase) as made:
                    user = made.identity
            identity = user if isinstance(user, Identity) else self._sign_in(path, user)
            if identity is None:
                return False
            session = Session(path, identity, sync=self.sync)
        except FactcheckError as error:
            self._say(f"Cannot open the workspace: {error}")
            return False
        self.settings.add_recent(path)
        self.settings.set_user_for(path, identity.user.name)
        self._show(session)
        return True

    def open_team_dialog(self, url: str = "", message: str = "") -> bool:
        """File → Open team workspace…: the dialog checks the login, then it opens.
        `message`: why it is asked again (a password the server wants, a wrong one)."""
        dialog = TeamWorkspaceDialog(self.settings, self.window, url=url, message=message)
        if not dialog.exec():
            return False
        return self.open(dialog.url, password=dialog.password)

    def _open_team(self, url: str, password: str | None) -> bool:
        """The login is the URL's (or libpq's default): the server knows who acts, so there
        is no passphrase to unlock. A password libpq needs and does not find is asked in
        the Open team workspace dialog, never on the terminal the window was started
        from (that would hang the window); a wrong one is said there too."""
        try:
            with Workspace.open(url, passphrase=password) as probe:
                identity = probe.identity
            session = Session(url, identity, sync=self.sync)
        except team_open.TeamUnavailable as error:
            if self.ask:
                return self.open_team_dialog(team_open.remembered(url), str(error))
            self._say(f"Cannot open the team workspace: {error}")
            return False
        except FactcheckError as error:
            self._say(f"Cannot open the team workspace: {error}")
            return False
        self.settings.add_recent_team_url(team_open.remembered(url))
        self._show(session)
        return True

    def _sign_in(self, path: Path, name: str | None) -> Identity | None:
        """Unlock a user's key: in the sign-in dialog, or from $FACTCHECK_PASSPHRASE when a
        name is given with it (scripts) or nobody may be asked (tests); None if cancelled."""
        # Migrations run here; the rolling backup is left to the worker (see Session).
        with Workspace.open(path, backup_on_open=False) as probe:
            name = name or self.settings.user_for(path)
            if not self.ask or (name and passphrase_or_env(None) is not None):
                probe.sign_in(name or probe.users()[0].name)
                return probe.identity
            dialog = SignInDialog(probe, name, parent=self.window)
            return dialog.identity if dialog.exec() else None

    def _show(self, session: Session) -> None:
        old_window, old_session = self.window, self.session
        self.session = session
        self.window = MainWindow(session.ctx, self.settings)
        self.window.open_requested.connect(
            lambda p, u: QTimer.singleShot(0, lambda: self.open(p, u)))
        self.window.sign_in_requested.connect(self.switch_user)
        self.window.team_requested.connect(
            lambda url: QTimer.singleShot(0, lambda: self.open_team_dialog(url)))
        if session.watcher is not None:
            live.install(self.window, session.watcher)
        watch_first_paint(self.window.statements.table.viewport(), "table",
                          then=self.app.quit if TRACE == "exit" else None)
        if self.startup_frame is not None:
            self.window.setGeometry(self.startup_frame.geometry())
        trace("window")
        self.window.show()
        if self.startup_frame is not None:
            self.startup_frame.close()
            self.startup_frame = None
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_session is not None:
            old_session.close()

    def switch_user(self) -> None:
        if self.session is None:
            return
        path = self.session.ws.path
        with Workspace.open(path, backup_on_open=False) as probe:  # the session stays as is
            dialog = SignInDialog(probe, self.session.ws.user.name, self.window)
            identity = dialog.identity if dialog.exec() else None
        if identity is not None:
            self.open(path, identity)

    def close(self) -> None:
        if self.window is not None:
            self.window.detail.discard_all()  # the user already closed the window
            self.window.close()
        if self.session is not None:
            self.session.close()
            self.session = None

    def _say(self, text: str) -> None:
        log.warning(text)
        if self.ask:
            QMessageBox.warning(self.window, "Factcheck", text)
        else:
            print(f"factcheck: {text}", file=sys.stderr)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser() or "me"
    except Exception:  # noqa: BLE001 - no login name on some systems
        return "me"


def create_qapplication(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Factcheck")
    app.setOrganizationName("Factcheck")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("factcheck")
    icon = resource("icons", "factcheck.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_theme(app)
    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged") and not app.property("factcheck_theme_follows"):
        # follow the system when it switches between light and dark
        hints.colorSchemeChanged.connect(lambda *_: apply_theme(app))
        app.setProperty("factcheck_theme_follows", True)
    return app


def _install_excepthook(controller: Application) -> None:
    """A bug in a slot must not vanish or kill the window: log it, say where the log is."""

    def hook(kind, value, tb) -> None:
        import traceback

        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if controller.window is not None:
            from .dialogs import show_failure

            show_failure(controller.window, f"{kind.__name__}: {value}", str(log_file()))

    sys.excepthook = hook


def run(workspace: str | None, user: str | None = None, *, startup_frame=None) -> int:
    logging.basicConfig(filename=log_file(), level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_qapplication()
    controller = Application(app, startup_frame=startup_frame)
    _install_excepthook(controller)
    if workspace == "sample" or (workspace and team_open.is_team_target(workspace)):
        target: Path | str = workspace
    else:
        target = Path(workspace) if workspace else (controller.settings.last_workspace() or "sample")
    if not controller.open(target, user):
        if workspace or not controller.open("sample", user):
            return 1
    code = app.exec()
    controller.close()
    if TRACE:
        try:
            import resource  # noqa: PLC0415 - Unix only, for the start-up trace

            trace(f"peak_rss_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
        except ImportError:
            pass
    return code
