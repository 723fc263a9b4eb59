"""The GraphQL API: one package per domain (types, queries, mutations), assembled by build.py."""
