"""``python -m casebook``: the command line."""

from casebook.cli import main

raise SystemExit(main())
