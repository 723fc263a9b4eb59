"""GraphQL of assessment: schemes (and, later, tests, scores and results)."""
