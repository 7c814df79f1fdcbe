"""Merkle tree hashing, proofs and their verification, exactly as RFC 6962 / RFC 9162 §2.1 say.

The leaf hash is SHA-256(0x00 || data) and an interior node SHA-256(0x01 || left ||
right); a tree of n leaves splits at the largest power of two below n. These are
the hashes Certificate Transparency, the Go checksum database and every C2SP
tlog-tiles log use, so any of their tools can check the community's log.

Proof generation works on the list of leaf hashes (the whole log is in memory
when a build writes it); verification needs only the proof, the sizes and the
roots, as a resident's browser does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

HASH_SIZE = 32

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""MTH({}): the root of the empty tree (RFC 9162 §2.1.1)."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(size: int) -> int:
    """The largest power of two smaller than `size` (size ≥ 2): where MTH splits the leaves."""
    return 1 << ((size - 1).bit_length() - 1)


def subtree_root(hashes: Sequence[bytes], start: int, end: int) -> bytes:
    """MTH(D[start:end]) from the leaf hashes; a stack of perfect subtrees, no recursion."""
    if start >= end:
        return EMPTY_ROOT
    # The leaves split into perfect subtrees of decreasing power-of-two sizes; MTH joins
    # them right to left. Each perfect subtree is hashed pairwise, level by level.
    peaks: list[bytes] = []
    position = start
    remaining = end - start
    while remaining:
        width = 1 << (remaining.bit_length() - 1)
        level = list(hashes[position : position + width])
        while len(level) > 1:
            level = [node_hash(level[i], level[i + 1]) for i in range(0, len(level), 2)]
        peaks.append(level[0])
        position += width
        remaining -= width
    root = peaks[-1]
    for peak in reversed(peaks[:-1]):
        root = node_hash(peak, root)
    return root


def tree_root(hashes: Sequence[bytes]) -> bytes:
    """MTH of the whole list of leaf hashes."""
    return subtree_root(hashes, 0, len(hashes))


def inclusion_proof(index: int, hashes: Sequence[bytes]) -> list[bytes]:
    """PATH(index, D[0:n]) of RFC 9162 §2.1.3.1; ValueError when index is not a leaf."""
    if not 0 <= index < len(hashes):
        raise ValueError(f"leaf {index} is not in a tree of {len(hashes)}")
    proof: list[bytes] = []
    start, end = 0, len(hashes)
    while end - start > 1:
        k = split_point(end - start)
        if index < start + k:
            proof.append(subtree_root(hashes, start + k, end))
            end = start + k
        else:
            proof.append(subtree_root(hashes, start, start + k))
            start += k
    proof.reverse()  # the recursion appends from the leaf upwards
    return proof


def consistency_proof(old_size: int, hashes: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1; empty when m is 0 or n."""
    size = len(hashes)
    if not 0 <= old_size <= size:
        raise ValueError(f"a tree of {old_size} is not a prefix of a tree of {size}")
    if old_size in (0, size):
        return []
    proof: list[bytes] = []
    start, end, m, complete = 0, size, old_size, True
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            proof.append(subtree_root(hashes, start + k, end))
            end = start + k
        else:
            proof.append(subtree_root(hashes, start, start + k))
            start += k
            m -= k
            complete = False
    if not complete:
        proof.append(subtree_root(hashes, start, end))
    proof.reverse()
    return proof


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does the leaf hash at `index` belong to the tree of `size` and `root`?"""
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    result = leaf
    for sibling in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            result = node_hash(result, sibling)
        fn >>= 1
        sn >>= 1
    return sn == 0 and result == root


def verify_consistency(
    old_size: int, size: int, old_root: bytes, root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree of `old_size` and `old_root` a prefix of the newer one?"""
    if not 0 <= old_size <= size:
        return False
    if old_size == size:
        return not proof and old_root == root
    if old_size == 0:
        return not proof  # the empty tree is a prefix of every tree
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # an exact power of two: the old root is a node itself
        path.insert(0, old_root)
    fn, sn = old_size - 1, size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    old_result = new_result = path[0]
    for node in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            old_result = node_hash(node, old_result)
            new_result = node_hash(node, new_result)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            new_result = node_hash(new_result, node)
        fn >>= 1
        sn >>= 1
    return old_result == old_root and new_result == root and sn == 0
