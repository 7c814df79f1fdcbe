"""Names Windows cannot give a file: a secretary on Windows could not check such a file out.

The rules are Windows' own ("Naming Files, Paths, and Namespaces"), as Python 3.13's
`ntpath.isreserved` applies them: the DOS device names (`CON`, `PRN`, `AUX`, `NUL`,
`COM1`–`COM9`, `LPT1`–`LPT9`, with ¹ ² ³ too, `CONIN$`, `CONOUT$`) in any case, alone or
before an extension (`con.yml`, `Nul .txt`); the characters `< > : " / \\ | ? *` and the
control characters; and a name ending in a dot or a space. Python 3.11 has no such
function, so the rules are written out here.
"""

from __future__ import annotations

_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{digit}" for port in ("COM", "LPT") for digit in "123456789\u00b9\u00b2\u00b3"}
)
FORBIDDEN_CHARACTERS = frozenset('<>:"/\\|?*') | frozenset(chr(code) for code in range(32))


def device_name(name: str) -> str | None:
    """The DOS device a file or id called `name` would be taken for (`CON`), if any."""
    stem = name.partition(".")[0].rstrip(" ").upper()
    return stem if stem in _DEVICE_NAMES else None


def forbidden_in_name(name: str) -> str | None:
    """Why Windows refuses `name` for its characters, in Chinese; None when it does not."""
    found = sorted({c for c in name if c in FORBIDDEN_CHARACTERS})
    if found:
        shown = "、".join(f"「{c}」" if c.isprintable() else f"U+{ord(c):04X}" for c in found)
        return f"含有 Windows 不允许出现在文件名里的字符 {shown}"
    if name.endswith(".") and name not in (".", ".."):
        return "以句点“.”结尾，Windows 会把它悄悄去掉"
    if name.endswith(" "):
        return "以空格结尾，Windows 会把它悄悄去掉"
    return None
