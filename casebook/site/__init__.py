"""The engine-neutral site plan: URLs, UI strings, localisation, view data, one module per kind of page."""
