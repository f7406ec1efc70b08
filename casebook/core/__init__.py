"""What every stage shares: the languages, problems as data, messages in two languages, fingerprints,
the cache and progress."""
