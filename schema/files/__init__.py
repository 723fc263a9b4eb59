"""GraphQL of uploaded files: the ``StoredFile`` node and the helper mutations use to take
file IDs. Files are uploaded and downloaded over HTTP (``/files``, ``docs/files.md``)."""
