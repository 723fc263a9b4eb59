"""GraphQL of the practicum: the items a track requires, evidence and sign-off."""
