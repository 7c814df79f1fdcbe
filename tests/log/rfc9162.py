"""An independent reader of a tlog-tiles log and RFC 9162 proof verifier, for the tests only.

Written from the texts, not from generator/log: RFC 9162 §2.1 (MTH, PATH, PROOF and the
verification algorithms of §2.1.3.2 and §2.1.4.2), C2SP tlog-tiles (tile paths, tile
contents, entry bundles), tlog-checkpoint and signed-note. Nothing here imports the
project, so a mistake shared by both would have to be made twice.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def hash_leaf(data: bytes) -> bytes:
    return sha256(b"\x00" + data)


def hash_children(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


# ------------------------------------------------------------------ tlog-tiles


def encode_index(n: int) -> str:
    """`<N>`: zero-padded 3-digit elements, all but the last starting with `x`."""
    elements = []
    while True:
        elements.append(n % 1000)
        n //= 1000
        if n == 0:
            break
    elements.reverse()
    return "/".join(
        ("x" if i < len(elements) - 1 else "") + f"{e:03d}" for i, e in enumerate(elements)
    )


@dataclass
class TiledLog:
    """A log read as a client reads it: only the files a checkpoint of `size` requires."""

    folder: Path
    size: int

    def tile(self, level: int, n: int) -> bytes:
        """Tile n at level l: floor(s / 256**l) mod 256 hashes if it is the partial one."""
        count_at_level = self.size // 256**level
        width = 256 if (n + 1) * 256 <= count_at_level else count_at_level - n * 256
        assert 1 <= width <= 256, (level, n, self.size)
        suffix = "" if width == 256 else f".p/{width}"
        content = (self.folder / "tile" / str(level) / f"{encode_index(n)}{suffix}").read_bytes()
        assert len(content) == 32 * width
        return content

    def entries(self) -> list[bytes]:
        found: list[bytes] = []
        for n in range((self.size + 255) // 256):
            width = min(256, self.size - n * 256)
            suffix = "" if width == 256 else f".p/{width}"
            bundle = (self.folder / "tile" / "entries" / f"{encode_index(n)}{suffix}").read_bytes()
            position, items = 0, []
            while position < len(bundle):
                length = int.from_bytes(bundle[position : position + 2], "big")
                items.append(bundle[position + 2 : position + 2 + length])
                position += 2 + length
            assert len(items) == width
            found.extend(items)
        return found

    def tile_hash(self, level: int, i: int) -> bytes:
        """MTH(D[i * 256**l : (i + 1) * 256**l]): entry i of level l."""
        return self.tile(level, i // 256)[(i % 256) * 32 : (i % 256 + 1) * 32]

    def mth(self, start: int, end: int) -> bytes:
        """MTH(D[start:end]) per RFC 9162 §2.1.1, using tile hashes for whole tile-aligned spans."""
        n = end - start
        if n == 0:
            return sha256(b"")
        for level in range(7, -1, -1):  # a span that is one tile entry at some level
            span = 256**level
            if level and n == span and start % span == 0:
                return self.tile_hash(level, start // span)
        if n == 1:
            return self.tile_hash(0, start)
        k = 1
        while k * 2 < n:
            k *= 2
        return hash_children(self.mth(start, start + k), self.mth(start + k, end))

    def path(self, m: int, start: int, end: int) -> list[bytes]:
        """PATH(m, D[start:end]), RFC 9162 §2.1.3.1."""
        n = end - start
        if n == 1:
            return []
        k = 1
        while k * 2 < n:
            k *= 2
        if m < k:
            return [*self.path(m, start, start + k), self.mth(start + k, end)]
        return [*self.path(m - k, start + k, end), self.mth(start, start + k)]

    def subproof(self, m: int, start: int, end: int, b: bool) -> list[bytes]:
        """SUBPROOF(m, D[start:end], b), RFC 9162 §2.1.4.1."""
        n = end - start
        if m == n:
            return [] if b else [self.mth(start, end)]
        k = 1
        while k * 2 < n:
            k *= 2
        if m <= k:
            return [*self.subproof(m, start, start + k, b), self.mth(start + k, end)]
        return [*self.subproof(m - k, start + k, end, False), self.mth(start, start + k)]


# ------------------------------------------------------------------ RFC 9162 verification


def verify_inclusion(
    leaf_index: int, tree_size: int, leaf_hash: bytes, inclusion_path: list[bytes], root: bytes
) -> bool:
    """§2.1.3.2, step by step."""
    if leaf_index >= tree_size:
        return False
    fn, sn = leaf_index, tree_size - 1
    r = leaf_hash
    for p in inclusion_path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = hash_children(p, r)
            while fn % 2 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = hash_children(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    first: int, second: int, first_hash: bytes, second_hash: bytes, consistency_path: list[bytes]
) -> bool:
    """§2.1.4.2, step by step (for 0 < first < second)."""
    if not consistency_path:
        return False
    path = list(consistency_path)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1
    while fn % 2 == 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr = hash_children(c, fr)
            sr = hash_children(c, sr)
            while fn % 2 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = hash_children(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


# ------------------------------------------------------------------ checkpoint and signed note


@dataclass
class ParsedCheckpoint:
    origin: str
    size: int
    root: bytes
    text: str
    signatures: list[tuple[str, bytes, bytes]]
    """(key name, 4-byte key ID, signature)"""


def parse_checkpoint(content: str) -> ParsedCheckpoint:
    """The note text ends at the last blank line; signature lines follow it."""
    if "\n\n" in content:
        split = content.rindex("\n\n")
        text, block = content[: split + 1], content[split + 2 :]
    else:
        text, block = content, ""
    signatures = []
    for line in block.splitlines():
        assert line.startswith("\u2014 "), line
        name, encoded = line[2:].split(" ")
        raw = base64.b64decode(encoded)
        signatures.append((name, raw[:4], raw[4:]))
    origin, size, root = text.splitlines()[:3]
    return ParsedCheckpoint(origin, int(size), base64.b64decode(root), text, signatures)


def read_checkpoint(folder: Path) -> ParsedCheckpoint:
    return parse_checkpoint((folder / "checkpoint").read_text("utf-8"))
