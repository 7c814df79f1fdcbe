"""One leaf of the public log: a record version, named by what git and the poster keep of it.

Every committed version of every record (`history.versions.RecordVersion`) is one
entry, appended in commit order. An entry is small and fixed in shape: it names
the version (kind, id, file, commit, git blob, commit time), carries the 校验码
printed on its poster and the SHA-256 of its canonical JSON, and not the record
itself, so that the log stays a few hundred bytes per version and an entry never
outgrows the 64 KiB that a tlog-tiles entry bundle allows. The git commit and
blob ids are what a history rewrite changes; the code and digest are what a
resident compares with paper.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from generator.history.versions import RecordVersion

ENTRY_FORMAT = 1


@dataclass(frozen=True)
class LogEntry:
    kind: str
    record_id: str
    file: str
    commit: str
    blob: str
    committed: str
    """ISO 8601 with the committer's offset, as git wrote it."""
    code: str
    """The 校验码 of this version, e.g. `K7QD-3M9X`."""
    sha256: str
    """Hex SHA-256 of the version's canonical JSON."""

    def to_bytes(self) -> bytes:
        """The leaf data: one line of JSON, keys sorted, no spaces, UTF-8."""
        data = {
            "v": ENTRY_FORMAT,
            "kind": self.kind,
            "id": self.record_id,
            "file": self.file,
            "commit": self.commit,
            "blob": self.blob,
            "committed": self.committed,
            "code": self.code,
            "sha256": self.sha256,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> LogEntry:
        """The entry a leaf holds; ValueError when it is not one this format knows."""
        try:
            fields = json.loads(data.decode("utf-8"))
            if fields.get("v") != ENTRY_FORMAT:
                raise ValueError(f"unknown entry format {fields.get('v')!r}")
            return cls(
                kind=fields["kind"],
                record_id=fields["id"],
                file=fields["file"],
                commit=fields["commit"],
                blob=fields["blob"],
                committed=fields["committed"],
                code=fields["code"],
                sha256=fields["sha256"],
            )
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, AttributeError) as error:
            raise ValueError(f"not a log entry: {error}") from error


def entry_for(version: RecordVersion) -> LogEntry:
    return LogEntry(
        kind=version.kind,
        record_id=version.record_id,
        file=version.file,
        commit=version.commit,
        blob=version.blob,
        committed=version.committed.isoformat(),
        code=version.code,
        sha256=hashlib.sha256(version.canonical).hexdigest(),
    )
