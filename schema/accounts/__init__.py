"""GraphQL of accounts and sign-in: the viewer, signIn/signOut and API tokens."""
