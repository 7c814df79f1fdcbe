"""The log's checkpoint (https://c2sp.org/tlog-checkpoint): origin, size and root, maybe signed.

    cuihu.example.org/log
    1234
    CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

    — cuihu.example.org/log Az3grlgt…

The origin names the log: the site's address without its scheme, plus `/log`, the
folder the log is served from (`https://cuihu.example.org/` gives
`cuihu.example.org/log`, `https://example.org/cuihu/` gives `example.org/cuihu/log`),
as tlog-tiles recommends. The signature line is there only when the committee's
key is configured; an unsigned checkpoint is still a checkpoint, and a resident's
browser compares it all the same.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from generator.log.merkle import HASH_SIZE
from generator.log.note import Note, SignerKey, parse_note, sign_note
from generator.urls import site_base

CHECKPOINT_FILE = "checkpoint"
LOG_FOLDER = "log"


def log_origin(site_url: str) -> str:
    """`cuihu.example.org/log` for `https://cuihu.example.org/`: scheme-less, no trailing slash."""
    base = site_base(site_url)
    _, _, rest = base.partition("://")
    return (rest or base).replace("+", "%2B") + LOG_FOLDER


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    @property
    def text(self) -> str:
        """The note text: three lines, each ending in a newline."""
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    def note(self, key: SignerKey | None) -> str:
        """The file's content: the text, signed when a key is given."""
        return sign_note(self.text, key) if key else self.text


def parse_checkpoint(content: str) -> tuple[Checkpoint, Note]:
    """The checkpoint a file holds and its note; ValueError when it is not one."""
    note = parse_note(content)
    lines = note.text.split("\n")[:-1]
    if len(lines) < 3 or not all(lines):
        raise ValueError("检查点应至少有三行非空的文字")
    origin, size, root = lines[:3]
    if not size.isascii() or not size.isdigit() or (size != "0" and size.startswith("0")):
        raise ValueError("第二行（条数）不是十进制整数")
    try:
        digest = base64.b64decode(root, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("第三行（根哈希）不是 base64") from None
    if len(digest) != HASH_SIZE:
        raise ValueError("第三行（根哈希）不是 32 字节")
    return Checkpoint(origin, int(size), digest), note
