"""A log as one value: its origin and its leaves, with the tree computed from them on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.log.checkpoint import Checkpoint
from generator.log.entries import LogEntry
from generator.log.merkle import leaf_hash, subtree_root, tree_root


@dataclass(frozen=True)
class LogState:
    origin: str
    leaves: tuple[bytes, ...]
    """Each leaf's data (a `LogEntry.to_bytes()`), in log order."""
    note: str | None = field(default=None, compare=False)
    """The checkpoint file as read (with its signatures), for a log read from a folder."""
    signed: bool | None = field(default=None, compare=False)
    """For a read log: True when signed by the configured key, None when not signed by it."""

    @property
    def size(self) -> int:
        return len(self.leaves)

    @cached_property
    def hashes(self) -> tuple[bytes, ...]:
        return tuple(leaf_hash(leaf) for leaf in self.leaves)

    @cached_property
    def root(self) -> bytes:
        return tree_root(self.hashes)

    def root_at(self, size: int) -> bytes:
        """The root of the log's first `size` leaves: what its checkpoint of that size said."""
        if not 0 <= size <= self.size:
            raise ValueError(f"the log has {self.size} leaves, not {size}")
        return subtree_root(self.hashes, 0, size)

    @cached_property
    def entries(self) -> tuple[LogEntry, ...]:
        """Every leaf as a `LogEntry`; ValueError when one is not in a format this Gongshi reads."""
        return tuple(LogEntry.from_bytes(leaf) for leaf in self.leaves)

    @property
    def checkpoint(self) -> Checkpoint:
        return Checkpoint(self.origin, self.size, self.root)
