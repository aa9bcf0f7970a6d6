"""Never interrupt a live call: what is held while a call is live, and when it is let go.

While a call is live, and for ``calls.wrapup_seconds`` after it ends, the app is *quiet*:
no nudge card, no notification, no sound; only the hotkey's own small, silent toast.
A nudge that falls due meanwhile is not queued as it was: the nudge policy is asked
again when the quiet ends, so it is shown once, and only if it is still due (load may
have fallen, a break may have been taken). Back-to-back calls simply extend the quiet.

Two guards keep holding from going wrong:
- a call that never ends (a microphone left open all shift) stops holding after
  ``calls.hold_limit_minutes``; the call itself is still recorded to its real end;
- a source that disappears ends the call at that moment (the monitor reports "not in a
  call"), so nothing stays held on a server that is gone.

After a call of over a minute that was not tagged, ``calls.ask_after_call`` lets the app
ask "How was that call?" once, ``calls.ask_after_seconds`` after it ended. Not while the
person is busy recovering (a break, a breathing exercise) or away: the question waits and
is asked once they are back, unless it fell due more than ``ASK_WITHIN`` ago by then.
A call live when the machine went to sleep ended then (``end`` at the moment of sleep),
so after a night's sleep it is far past that limit and nobody is asked about it.

Pure: time comes in as ``now``; no clock is read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.clock import elapsed
from desktop.core.load import Snapshot
from desktop.core.nudge import Nudge, NudgePolicy
from desktop.core.settings import Settings
from desktop.core.tracker import shift_ahead

ASK_AFTER_CALLS_LONGER_THAN = 60.0  # seconds: a wrong number or a hold tone is not a call
# Seconds after the question fell due (``calls.ask_after_seconds`` after the call's end)
# past which it is no longer asked. The answer is a tag
# stamped when it is given, and load counts from that moment: an answer long after the call
# puts a hard call's weight where there was none, and by then the agent has moved on (most
# take the next call within minutes). Ten minutes covers what may come between the call
# and the question: a breathing session (at most 5 min) or a short break (5 min).
ASK_WITHIN = 10 * 60.0
# A microphone let go of and taken again within this many seconds is the same call: a
# softphone reopening its stream (hold, transfer, a device switch) or a sound server
# restarting under it. Without this one call became two rows (twice the calls in
# History) and "How was that call?" was dropped for a short second "call". The next
# customer put through after the shortest wrap-up (4-5 s) is still a new call.
REJOIN_SECONDS = 2.0
# How long messages wait for a call source's first answer (the app starting at login
# while the agent is already on a call). A source that answers sooner ends the wait.
SOURCE_ANSWER_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class CallSpan:
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return elapsed(self.start, self.end)


class CallGate:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.live_since: float | None = None  # start of the call in progress
        self.ended_at: float | None = None    # end of the last call
        self.held = False                     # a nudge is due and waits for the quiet to end
        self._ask: CallSpan | None = None     # the call to ask about, once
        self.unknown_until: float | None = None  # the source has not answered yet
        self.last: CallSpan | None = None  # the call that ended last
        self.rejoined = False  # the live call is the last one taken up again

    # What the call source reports --------------------------------------------------
    @property
    def live(self) -> bool:
        return self.live_since is not None

    def begin(self, now: float) -> bool:
        """A call began; False when one was already live (nothing changes). Within
        ``REJOIN_SECONDS`` of the last call's end it is that call going on (``rejoined``)."""
        if self.live_since is not None:
            return False
        last = self.last
        self.rejoined = last is not None and 0 <= now - last.end <= REJOIN_SECONDS
        self.live_since = last.start if last is not None and self.rejoined else now
        self._ask = None  # the agent moved on to the next call: do not ask about the last
        return True

    def end(self, now: float) -> CallSpan | None:
        """The call ended (or its source went away); returns its span, None when no call
        was live. An end before the start (the wall clock set back) is a call of 0 s."""
        if self.live_since is None:
            return None
        span = CallSpan(self.live_since, max(self.live_since, now))
        self.live_since = None
        self.ended_at = span.end
        self.last = span
        if self.settings["calls.ask_after_call"] and span.seconds > ASK_AFTER_CALLS_LONGER_THAN:
            self._ask = span
        return span

    def source_pending(self, now: float) -> None:
        """A source was started and has not said yet whether a call is live: until it
        does (or ``SOURCE_ANSWER_SECONDS`` pass), hold as if one were."""
        self.unknown_until = now + SOURCE_ANSWER_SECONDS

    def source_answered(self) -> None:
        self.unknown_until = None

    # What the app may show ------------------------------------------------------------
    def quiet(self, now: float) -> bool:
        """Nothing but the hotkey's toast may reach the screen now."""
        if not self.settings["calls.enabled"]:
            return False
        if self.unknown_until is not None and (
                self.unknown_until - SOURCE_ANSWER_SECONDS <= now < self.unknown_until):
            return True  # (a clock set back ends the wait rather than stretching it)
        if self.live_since is not None:
            return elapsed(self.live_since, now) < self.settings.call_hold_limit
        if self.ended_at is None:
            return False
        # A wall clock set back before the end does not stretch the wrap-up.
        return self.ended_at <= now < self.ended_at + self.settings.wrapup

    def decide(self, policy: NudgePolicy, snap: Snapshot, now: float, offset: int,
               in_recovery: bool) -> Nudge | None:
        """The nudge to show now: the policy's answer, unless it is quiet, in which case
        the nudge is held (``held``) and the policy asked again when the quiet ends.
        Like ``NudgePolicy.decide`` it changes nothing the policy keeps."""
        due = policy.decide(snap, now, offset, in_recovery=in_recovery)
        if due is not None and self.quiet(now):
            self.held = True
            return None
        self.held = False
        return due

    def ask_due(self, now: float, last_tag_at: float | None,
                busy: bool = False) -> CallSpan | None:
        """The call to ask "How was that call?" about, once, if the moment has come and
        nothing was tagged since it began. ``busy`` (a break or breathing running, the
        person away or asleep): not now; asked when no longer busy, if still recent."""
        span = self._ask
        if span is None or self.live_since is not None:
            return None
        if not span.end <= now:
            return None
        if last_tag_at is not None and last_tag_at >= span.start:
            self._ask = None  # tagged during or after the call: no question
            return None
        due = span.end + float(self.settings["calls.ask_after_seconds"])
        if now - due > ASK_WITHIN:
            self._ask = None  # too long ago (a break, time away, sleep): not asked at all
            return None
        if now < due or busy:
            return None
        self._ask = None
        return span

    def wake_at(self, now: float) -> float | None:
        """The next moment this gate changes its answer: the wrap-up's end, the hold
        limit of a long call, or the moment to ask about a call."""
        moments = []
        if self.live_since is not None:
            moments.append(self.live_since + self.settings.call_hold_limit)
        elif self.ended_at is not None:
            moments.append(self.ended_at + self.settings.wrapup)
        if self._ask is not None:
            moments.append(self._ask.end + float(self.settings["calls.ask_after_seconds"]))
        if self.unknown_until is not None:
            moments.append(self.unknown_until)
        future = [m for m in moments if m > now]
        return min(future) if future else None

    def shifted(self, now: float, delta: float) -> None:
        """Instants ahead of ``now`` move back by ``delta``, as the stamps in the file
        were (the wall clock was found set back, docs/load-model.md), and none stays
        ahead of ``now``. Without this a call live across the change ended at its old
        start, ahead of the clock, and its row spanned the hour the clock went back."""
        def moved(at: float) -> float:
            return min(shift_ahead(at, now, -delta), now)

        if self.live_since is not None:
            self.live_since = moved(self.live_since)
        if self.ended_at is not None:
            self.ended_at = moved(self.ended_at)
        if self._ask is not None:
            end = moved(self._ask.end)
            self._ask = CallSpan(min(moved(self._ask.start), end), end)
        if self.last is not None:
            end = moved(self.last.end)
            self.last = CallSpan(min(moved(self.last.start), end), end)

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
