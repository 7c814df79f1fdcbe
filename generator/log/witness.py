"""A printed poster as a witness of the log: the size and root prefix it printed, checked later.

A poster prints the log's size and the first `ROOT_PREFIX_LENGTH` hex characters of
its root at printing time (`log_witness`). Later, anyone can ask whether today's log
still contains that state (`witness_status`): the tree of today's first `size`
leaves must have a root starting with those characters, and the RFC 9162
consistency proof from it to today's root must verify. Hex is used because every
tool prints hashes so (`sha256sum`, the checkpoint's base64 decoded); typed input
is forgiving of case, spaces and dashes, and of O for 0 and I or L for 1.
Eight hex characters are 32 bits: forging a different log whose root at that size
shares them means trying some four billion histories, for one poster.
"""

from __future__ import annotations

import enum
import re

from generator.log.merkle import consistency_proof, verify_consistency
from generator.log.state import LogState

ROOT_PREFIX_LENGTH = 8
_TYPED = str.maketrans({"o": "0", "i": "1", "l": "1"})


class WitnessStatus(enum.Enum):
    CONTAINED = "contained"
    """Today's log extends the printed state."""
    DIFFERENT = "different"
    """Today's log at that size has another root: history was rewritten since the printing."""
    BEYOND = "beyond"
    """The poster names more leaves than today's log has: the log shrank (or the site is old)."""
    INVALID = "invalid"
    """What was typed is not a size and a root prefix."""

    @property
    def contained(self) -> bool:
        return self is WitnessStatus.CONTAINED


def root_prefix(root: bytes) -> str:
    return root.hex()[:ROOT_PREFIX_LENGTH]


def log_witness(state: LogState) -> tuple[int, str]:
    """(size, root prefix) to print on a poster, e.g. (1234, "0a1b2c3d")."""
    return state.size, root_prefix(state.root)


def normalize_prefix(typed: str) -> str | None:
    """The hex a resident meant, lower case; None unless it is at least 8 hex characters."""
    kept = re.sub(r"[\s\-_·.]", "", typed).lower().translate(_TYPED)
    if len(kept) < ROOT_PREFIX_LENGTH or len(kept) > 64 or not re.fullmatch(r"[0-9a-f]+", kept):
        return None
    return kept


def witness_status(state: LogState, size: int, prefix: str) -> WitnessStatus:
    """Does today's log contain the state a poster printed (its size and root prefix)?"""
    wanted = normalize_prefix(prefix)
    if wanted is None or size < 0:
        return WitnessStatus.INVALID
    if size > state.size:
        return WitnessStatus.BEYOND
    old_root = state.root_at(size)
    if not old_root.hex().startswith(wanted):
        return WitnessStatus.DIFFERENT
    proof = consistency_proof(size, state.hashes)
    if not verify_consistency(size, state.size, old_root, state.root, proof):
        return WitnessStatus.DIFFERENT  # pragma: no cover - the proof comes from the same leaves
    return WitnessStatus.CONTAINED
