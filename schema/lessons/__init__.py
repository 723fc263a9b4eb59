"""GraphQL of lesson content: drafted, appraised and approved per topic and programme."""
