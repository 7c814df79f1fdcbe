"""The 核验 page: a resident types a poster's 校验码, or scans its QR code, and sees the answer.

There is no server: every answer `gongshi verify` would give is written at build time
as JSON (`verify.Answer.to_json`), split by the code's first two symbols into
`verify/codes/<K7>.json` (code → [answer, …]), so one lookup downloads one small file
whatever the length of the history. `verify/codes/index.json` holds the code's alphabet,
the typed look-alikes and the list of files that exist, so neither the page nor a record
page opened from a QR code ever asks for a missing one.
"""

from __future__ import annotations

import json
from typing import Any

from generator.checksum import ALPHABET
from generator.site.context import SiteContext
from generator.site.pages import Asset, Page, Section
from generator.site_layout import VERIFY_CODES, VERIFY_FOLDER, section_index
from generator.urls import CODE_PARAMETER
from generator.verify import LOOKALIKES, code_shards, readable_alphabet, record_lines

INDEX = section_index(VERIFY_FOLDER)
SHARD_LIST = f"{VERIFY_CODES}/index.json"


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def section(site: SiteContext) -> Section:
    project = site.project
    history = site.git_history
    index = record_lines(history, project, project.root)
    shards = code_shards(list(index.answers()))
    assets = [Asset(f"{VERIFY_CODES}/{name}.json", _json(codes)) for name, codes in shards.items()]
    about = {
        "alphabet": ALPHABET,
        "lookalikes": LOOKALIKES,
        "history": history is not None,
        "shards": sorted(shards),
    }
    assets.append(Asset(SHARD_LIST, _json(about)))
    page = Page(
        INDEX,
        "verify.md.j2",
        "核验",
        "输入公示栏海报上的校验码，查看它是哪条记录的哪一版、是不是现在公示的内容。",
        {
            "alphabet_words": readable_alphabet(),
            "parameter": CODE_PARAMETER,
            "history": history is not None,
        },
    )
    return Section(pages=[page], assets=sorted(assets, key=lambda asset: asset.path))
