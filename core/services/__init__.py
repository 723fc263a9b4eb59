"""Domain operations shared by the GraphQL API, the CLI and the tests.

Each write operation runs in one transaction and either completes or raises
:class:`core.services.errors.ServiceError` having changed nothing.
"""
