"""Load stage: files read as text with the position of every YAML value; the tree's checks; size limits."""
