"""The log as static files in the C2SP tlog-tiles layout (https://c2sp.org/tlog-tiles).

    tile/<L>/<N>[.p/<W>]        hash tiles: 256 hashes of 32 bytes at level L (height 8)
    tile/entries/<N>[.p/<W>]    entry bundles: the same leaves' data, uint16-length-prefixed

A level-0 tile holds leaf hashes; each hash of a level-L tile is the root of a full
tile of level L−1. Only the rightmost tile of a level may be partial (`.p/<W>`,
1–255 wide) and a partial tile is never hashed into the level above. `<N>` is
written in 3-digit groups, all but the last prefixed with `x`: tile 1234067 is
`x001/x234/067`, so a file never shares its name with a folder.

A build rewrites the whole site, so the tiles are computed afresh from all the
leaves each time; full tiles come out byte for byte as before. The spec asks a log
to keep serving the partial tiles of every size it published a checkpoint for
until their full tile exists: `carry_partial_tiles` copies them from the previous
log when the build is given one.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.log.merkle import HASH_SIZE, tree_root

TILE_HEIGHT = 8
TILE_WIDTH = 1 << TILE_HEIGHT
MAX_ENTRY_BYTES = 0xFFFF
"""An entry bundle prefixes each entry with a big-endian uint16 length."""

TILE_FOLDER = "tile"
ENTRIES_LEVEL = "entries"


@dataclass(frozen=True)
class Tile:
    level: str
    """`0`, `1`, … for hash tiles; `entries` for entry bundles."""
    index: int
    width: int
    content: bytes

    @property
    def path(self) -> str:
        return tile_path(self.level, self.index, self.width)


def index_path(index: int) -> str:
    """`<N>` as path elements: 5 → `005`, 1234067 → `x001/x234/067`."""
    groups = [f"{index % 1000:03d}"]
    index //= 1000
    while index:
        groups.append(f"x{index % 1000:03d}")
        index //= 1000
    return "/".join(reversed(groups))


def tile_path(level: int | str, index: int, width: int = TILE_WIDTH) -> str:
    """The tile's path below the log folder, e.g. `tile/0/x001/234.p/17`."""
    suffix = "" if width == TILE_WIDTH else f".p/{width}"
    return f"{TILE_FOLDER}/{level}/{index_path(index)}{suffix}"


def hash_levels(hashes: Sequence[bytes]) -> list[list[bytes]]:
    """The hashes of every level: level 0 the leaves, level L+1 the roots of full level-L tiles."""
    levels = [list(hashes)]
    while True:
        below = levels[-1]
        full = len(below) // TILE_WIDTH
        if not full:
            return levels
        levels.append(
            [tree_root(below[i * TILE_WIDTH : (i + 1) * TILE_WIDTH]) for i in range(full)]
        )


def hash_tiles(hashes: Sequence[bytes]) -> Iterator[Tile]:
    """Every hash tile of the tree of these leaf hashes; partial ones only at the right edge."""
    for level, level_hashes in enumerate(hash_levels(hashes)):
        for start in range(0, len(level_hashes), TILE_WIDTH):
            chunk = level_hashes[start : start + TILE_WIDTH]
            yield Tile(str(level), start // TILE_WIDTH, len(chunk), b"".join(chunk))


def bundle(entries: Sequence[bytes]) -> bytes:
    parts = []
    for entry in entries:
        if len(entry) > MAX_ENTRY_BYTES:
            raise ValueError(f"a log entry of {len(entry)} bytes does not fit a bundle")
        parts.append(len(entry).to_bytes(2, "big") + entry)
    return b"".join(parts)


def unbundle(content: bytes) -> list[bytes]:
    """The entries of a bundle; ValueError when a length runs past the end."""
    entries: list[bytes] = []
    position = 0
    while position < len(content):
        if position + 2 > len(content):
            raise ValueError("条目文件在长度前缀中间结束")
        length = int.from_bytes(content[position : position + 2], "big")
        position += 2
        if position + length > len(content):
            raise ValueError("条目文件在一条条目中间结束")
        entries.append(content[position : position + length])
        position += length
    return entries


def entry_bundles(entries: Sequence[bytes]) -> Iterator[Tile]:
    for start in range(0, len(entries), TILE_WIDTH):
        chunk = entries[start : start + TILE_WIDTH]
        yield Tile(ENTRIES_LEVEL, start // TILE_WIDTH, len(chunk), bundle(chunk))


def write_tiles(folder: Path, entries: Sequence[bytes], hashes: Sequence[bytes]) -> None:
    """Every hash tile and entry bundle of the log below `folder`."""
    for tile in (*hash_tiles(hashes), *entry_bundles(entries)):
        path = folder / tile.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tile.content)


def carry_partial_tiles(previous: Path, folder: Path) -> None:
    """Copy the previous log's partial tiles whose full tile this log does not have yet.

    Only tiles whose content starts this log's tile at the same place are copied: a
    client that saw an older checkpoint may still fetch them, and they must agree.
    """
    base = previous / TILE_FOLDER
    if not base.is_dir():
        return
    for partial in sorted(base.glob("**/*.p/*")):
        relative = partial.relative_to(previous)
        target = folder / relative
        full = folder / relative.parent.with_suffix("")  # `…/005.p/17` → `…/005`
        if not partial.name.isdigit() or not 0 < int(partial.name) < TILE_WIDTH:
            continue
        if target.exists() or full.exists() or not partial.is_file() or partial.is_symlink():
            continue
        current = _current_tile(folder / relative.parent.parent, relative.parent.stem)
        if current is None:
            continue
        old = partial.read_bytes()
        width = int(partial.name)
        if relative.parts[1] == ENTRIES_LEVEL:
            try:
                fits = len(unbundle(old)) == width
            except ValueError:
                fits = False
        else:
            fits = len(old) == width * HASH_SIZE
        if not fits or not current.startswith(old):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(partial, target)


def _current_tile(parent: Path, name: str) -> bytes | None:
    """This log's tile `name` (full or its one partial) in `parent`, when there is one."""
    full = parent / name
    if full.is_file():
        return full.read_bytes()
    partials = sorted((parent / f"{name}.p").glob("*"), key=lambda p: int(p.name))
    return partials[-1].read_bytes() if partials else None
