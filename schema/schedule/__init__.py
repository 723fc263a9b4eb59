"""GraphQL of a cohort's schedule: sessions, activity kinds and attendance."""
