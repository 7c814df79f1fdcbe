"""Reading a published log back from its folder: `read_log(folder) -> LogState`.

`gongshi build --previous-log` reads the last deployed log with it, and `gongshi
verify` the log of the site it checks. Everything is checked on the way in: each
entry bundle hashes to its level-0 tile, every hash tile is what the leaves give,
and the leaves give the checkpoint's root. A log that fails any of this is refused
with a Chinese reason (`LogUnreadable`), never half-read.
"""

from __future__ import annotations

from pathlib import Path

from generator.log.checkpoint import CHECKPOINT_FILE, parse_checkpoint
from generator.log.note import VerifierKey, verify_note
from generator.log.state import LogState
from generator.log.tiles import ENTRIES_LEVEL, TILE_WIDTH, hash_tiles, tile_path, unbundle

MAX_CHECKPOINT_BYTES = 64 * 1024


class LogUnreadable(Exception):
    """The folder holds no readable log; the message says why, in Chinese."""


def read_log(folder: Path, key: VerifierKey | None = None) -> LogState:
    """The log in `folder` (a site's `log/`), checked whole; LogUnreadable when it is not one.

    With `key`, a signature by that key must verify (`LogState.signed` says whether
    there was one); a checkpoint without it is accepted as unsigned.
    """
    checkpoint_path = folder / CHECKPOINT_FILE
    try:
        raw = _read(checkpoint_path, MAX_CHECKPOINT_BYTES)
        content = raw.decode("utf-8")
        checkpoint, note = parse_checkpoint(content)
    except FileNotFoundError:
        raise LogUnreadable(f"{folder} 里没有公示日志的检查点文件 {CHECKPOINT_FILE}。") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise LogUnreadable(f"{checkpoint_path} 不是有效的检查点（{error}）。") from None
    signed = verify_note(note, key) if key else None
    if signed is False:
        raise LogUnreadable(
            f"{checkpoint_path} 的签名与 site_config.yml 里的 log.public_key 对不上："
            "它不是用业委会的密钥签的。"
        )
    leaves: list[bytes] = []
    for start in range(0, checkpoint.size, TILE_WIDTH):
        width = min(TILE_WIDTH, checkpoint.size - start)
        path = folder / tile_path(ENTRIES_LEVEL, start // TILE_WIDTH, width)
        try:
            entries = unbundle(_read(path, TILE_WIDTH * (0xFFFF + 2)))
        except FileNotFoundError:
            raise LogUnreadable(f"公示日志缺少条目文件 {path}。") from None
        except (OSError, ValueError) as error:
            raise LogUnreadable(f"公示日志的条目文件 {path} 读不出（{error}）。") from None
        if len(entries) != width:
            raise LogUnreadable(
                f"公示日志的条目文件 {path} 应有 {width} 条，实有 {len(entries)} 条。"
            )
        leaves.extend(entries)
    state = LogState(checkpoint.origin, tuple(leaves), note=content, signed=signed)
    for tile in hash_tiles(state.hashes):
        path = folder / tile.path
        try:
            written = _read(path, TILE_WIDTH * 32)
        except OSError:
            raise LogUnreadable(f"公示日志缺少哈希文件 {path}。") from None
        if written != tile.content:
            raise LogUnreadable(f"公示日志的哈希文件 {path} 与条目算出的不一致。")
    if state.root != checkpoint.root:
        raise LogUnreadable(f"{checkpoint_path} 的根哈希与日志条目算出的不一致。")
    return state


def _read(path: Path, limit: int) -> bytes:
    """A file's bytes, refusing links and anything larger than `limit`."""
    if path.is_symlink():
        raise OSError(f"{path.name} 是链接")
    with path.open("rb") as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise ValueError("文件过大")
    return content
