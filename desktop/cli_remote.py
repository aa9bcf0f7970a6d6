"""How a command reaches the data: through the running tray app when there is one, so its
state and the file never diverge, else straight to the file.

When the app does not answer in time, the command makes the outcome certain before it
says anything: requests carry a deadline the app honours, and a request that changes data
carries an id that this side records as expired in the file (desktop.ipc explains why
that settles it). The user is then told plainly whether it was done.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TextIO

from desktop import ipc
from desktop.i18n import _
from desktop.paths import database_path, socket_path
from desktop.store.errors import CorruptDatabase, ForeignDatabase, StoreError


class CommandError(Exception):
    """A command failed; the message is a finished, translated sentence."""


class BadInput(CommandError):
    """What was asked makes no sense (the running app refused it; nothing was done): the
    command exits with status 2, as when the parser refuses it."""


class AnsweredLate(Exception):
    """The app carried the request out but its answer did not arrive in time."""


class Direct:
    """Runs commands against the database when no tray app is running.

    A folder that cannot be written (a read-only mount, a backup) is opened read-only, so
    every command that only reads works there (status, export, journal list, contacts
    list...); one that writes fails on its first write with the sentence that said why
    the folder could not be opened for writing. No command has to declare which it is.
    ``read_only_ok`` is accepted for callers written before that and changes nothing."""

    def __init__(self, err: TextIO, read_only_ok: bool = True) -> None:
        from desktop.platform.clock import SystemClock
        from desktop.service import Breakwater
        from desktop.store.db import open_database, open_read_only
        from desktop.store.repository import Store

        cannot_write = None
        try:
            opened = open_database(database_path())
        except (ForeignDatabase, CorruptDatabase):
            raise
        except StoreError as error:
            cannot_write = error
            try:
                opened = open_read_only(database_path())
            except StoreError:
                raise error from None  # no file to read either: why it cannot be written
        for warning in opened.warnings:
            print(_("breakwater: warning: {text}").format(text=warning.render(_)), file=err)
        self.store = Store(opened.conn, opened.path,
                           read_only=cannot_write.message if cannot_write else None)
        self.app = Breakwater.open(self.store, SystemClock())
        for warning in self.app.warnings:
            print(_("breakwater: warning: {text}").format(text=warning.render(_)), file=err)

    def handle(self, payload: dict[str, Any]) -> dict[str, Any]:
        from desktop.service import handle_request

        return handle_request(self.app, payload)

    def close(self) -> None:
        self.store.close()


def with_store(action: Callable[[Direct], int], err: TextIO, read_only_ok: bool = True) -> int:
    direct = Direct(err, read_only_ok)
    try:
        return action(direct)
    finally:
        direct.close()


def _settle(request_id: str) -> str | None:
    """'done' or 'expired' for a request the app did not answer; None when the file is
    locked (by the app itself, paused mid-write) and the outcome cannot be known."""
    from desktop.store.db import open_database
    from desktop.store.repository import Store

    try:
        opened = open_database(database_path())
    except StoreError:
        return None
    store = Store(opened.conn, opened.path)
    try:
        return store.settle_request(request_id, time.time())
    except StoreError:
        return None
    finally:
        store.close()


def ask_app(payload: dict[str, Any], timeout: float = ipc.TIMEOUT) -> dict[str, Any] | None:
    """The running app's reply, or None when no app runs. Raises AnsweredLate, or
    CommandError with a sentence that says for certain what happened where it can."""
    # Every request gets an id: one that writes (tag, undo, erase, a check-in...) is then
    # carried out at most once, whichever feature added it; one that only reads leaves
    # no trace of its id.
    payload = {**payload, "request_id": ipc.new_id()}
    try:
        return ipc.request(socket_path(), payload, timeout)
    except ipc.IpcError as error:
        outcome = _settle(error.request_id) if error.request_id else "expired"
    if outcome == "done":
        raise AnsweredLate
    if outcome == "expired":
        raise CommandError(_(
            "The running Breakwater app did not answer in time (is it paused or stuck?). "
            "Nothing was done; try again."))
    raise CommandError(_(
        "The running Breakwater app did not answer and holds the database, so whether the "
        "command was carried out is not known. Check with 'breakwater status' before "
        "trying again."))


def dispatch(payload: dict[str, Any], err: TextIO, read_only_ok: bool = True
             ) -> dict[str, Any]:
    """Through the app when it runs, else directly; the reply gains ``running``."""
    reply = ask_app(payload)
    running = reply is not None
    if reply is None:
        direct = Direct(err, read_only_ok)
        try:
            reply = direct.handle(payload)
        finally:
            direct.close()
    if not reply.get("ok"):
        raise CommandError(str(reply.get("error")))
    reply["running"] = running
    return reply


def tell_app_to_reload(err: TextIO) -> None:
    """Settings were changed or data erased in the file: the running app re-reads it."""
    try:
        ipc.request(socket_path(), {"cmd": "reload"})
    except ipc.IpcError:
        print(_("breakwater: warning: the running Breakwater app did not answer; it will "
                "use the change once restarted."), file=err)
