"""Ask screen readers to say something now, politely (after what they are saying).

Used where the screen changes without focus moving, such as the breathing phases: a
label's new text alone is not read out. Costs nothing when no assistive technology is
listening."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


def announce(source: QObject, text: str) -> bool:
    """True when an announcement was sent (an assistive technology is active)."""
    if not text or not QAccessible.isActive():
        return False
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    return True
