"""Writing the log into the site: `log/checkpoint` and the tiles, all static files.

log/checkpoint                  the C2SP checkpoint (signed note when a key is given)
log/tile/0/000.p/17             hash tiles (level 0: leaf hashes; above: subtree roots)
log/tile/entries/000.p/17       entry bundles: each leaf's data, uint16-length-prefixed
"""

from __future__ import annotations

from pathlib import Path

from generator.log.checkpoint import CHECKPOINT_FILE
from generator.log.note import SignerKey
from generator.log.state import LogState
from generator.log.tiles import carry_partial_tiles, write_tiles


def write_log(
    folder: Path, state: LogState, key: SignerKey | None = None, previous: Path | None = None
) -> None:
    """The log's files in `folder` (a fresh one, inside the site being built).

    `previous` is the last deployed log's folder: its partial tiles that are still
    partial today are kept, as tlog-tiles asks, for clients that saw its checkpoint.
    """
    folder.mkdir(parents=True, exist_ok=True)
    write_tiles(folder, state.leaves, state.hashes)
    if previous is not None:
        carry_partial_tiles(previous, folder)
    (folder / CHECKPOINT_FILE).write_text(state.checkpoint.note(key), encoding="utf-8")
