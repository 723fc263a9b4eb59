"""GraphQL of the audit log: recording every mutation, and reading the log."""
