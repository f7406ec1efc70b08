"""The content tree read into a :class:`Project`: one reader per kind of file; translation status."""
