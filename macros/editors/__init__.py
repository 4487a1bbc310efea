"""The editors' commands: a new record from a template, the translation status, a build that never half-publishes."""
