"""``python -m mou_tracker``: the same as the ``mou-tracker`` command."""

from .cli import main_entry

main_entry()
