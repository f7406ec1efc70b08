"""``python -m casebook``: the command line."""

from casebook.cli.main import main

raise SystemExit(main())
