"""Validate stage: documents against the content model, then against each other; the sanitising scan."""
