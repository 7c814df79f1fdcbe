"""The public append-only log of every published record version (Certificate Transparency's design).

Each committed record version is one leaf (`entries`), hashed as RFC 6962 says
(`merkle`), served from the site as C2SP tlog-tiles static files (`tiles`) under a
tlog-checkpoint (`checkpoint`), signed as a C2SP signed note when the committee's
Ed25519 key is configured (`note`, `keys`). A build extends the previous log and
refuses a rewritten history (`extend`); `read_log` reads a published log back,
for the next build and for `gongshi verify`; `witness` checks a poster's printed
state against today's log. See docs/log.md.
"""

from generator.log.checkpoint import log_origin
from generator.log.extend import Extension, LogRewritten, LogUncheckable, extend_log
from generator.log.read import LogUnreadable, read_log
from generator.log.state import LogState
from generator.log.witness import WitnessStatus, log_witness, witness_status
from generator.log.write import write_log

__all__ = [
    "Extension",
    "LogRewritten",
    "LogState",
    "LogUncheckable",
    "LogUnreadable",
    "WitnessStatus",
    "extend_log",
    "log_origin",
    "log_witness",
    "read_log",
    "witness_status",
    "write_log",
]
