"""The hocviec fixtures: ``hocviec_demo`` runs the real app, with this plugin installed, on a
new SQLite database holding the Bắc Quang demo."""

pytest_plugins = ["hocviec.testing"]
