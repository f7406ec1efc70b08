"""Publish stage: sharing metadata, feeds, open data, PDFs, the search index, CSP and the atomic swap."""
