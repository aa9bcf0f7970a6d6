"""The History window's charts (pyqtgraph). Imported only when History opens: the idle
tray never loads pyqtgraph or numpy (tests/ui/test_history_window.py checks)."""
