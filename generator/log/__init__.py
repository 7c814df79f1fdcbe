"""The public append-only log of every published record version (see `entries`)."""
