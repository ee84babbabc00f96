"""A team workspace on PostgreSQL: the server-side schema and rules, and the admin tasks.

Storage-level like `storage/`: SQL lives here, the window never imports it.
"""
