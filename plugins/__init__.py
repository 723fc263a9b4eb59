"""The built-in track plugins; each is a package with the same layout (see docs/plugins.md)."""
