"""The committee's log key: made once with `python -m generator.log.keys`, kept out of git.

    python -m generator.log.keys [小区资料文件夹]

prints two lines. The `public_key` line goes into site_config.yml under `log:`;
the `GONGSHI_LOG_KEY` value goes into CI's secret store (GitHub: Settings → Secrets
and variables → Actions → New repository secret), and nowhere else. The key is
named after the log's origin (`cuihu.example.org/log`), as signed-note advises.
`gongshi build` reads the secret from the environment variable `GONGSHI_LOG_KEY`.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.log.checkpoint import log_origin
from generator.log.note import BadKey, SignerKey, generate_key, parse_signer_key

KEY_VARIABLE = "GONGSHI_LOG_KEY"


def signer_from_environment(
    environment: Mapping[str, str], public_key: str | None
) -> SignerKey | None:
    """The signer key in GONGSHI_LOG_KEY, None when unset; BadKey (in Chinese) when it is wrong.

    With `public_key` (site_config.yml's `log.public_key`) the secret must be its pair.
    """
    text = environment.get(KEY_VARIABLE, "").strip()
    if not text:
        return None
    key = parse_signer_key(text)
    if public_key is not None and str(key.verifier) != public_key.strip():
        raise BadKey(
            f"环境变量 {KEY_VARIABLE} 里的私钥与 site_config.yml 的 log.public_key 不是一对："
            "用它签名，居民用公示的公钥验证不了。请换成配对的私钥，或把公钥改成这把私钥的公钥。"
        )
    return key


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0] if args else ".")
    from generator.loader import load_yaml_file
    from generator.models import SiteConfig
    from generator.parse import parse_record
    from generator.project import CONFIG_FILE

    loaded = load_yaml_file(folder / CONFIG_FILE, CONFIG_FILE)
    config = parse_record(loaded, SiteConfig)[0] if loaded.data is not None else None
    if config is None:
        print(f"读不出 {folder / CONFIG_FILE}：请在小区资料的文件夹里运行，或写出它的路径。")
        return 2
    key = generate_key(log_origin(config.site.url))
    print("# 1. 把下面两行加进 site_config.yml（公钥，可以公开）：")
    print("log:")
    print(f"  public_key: {key.verifier}")
    print(
        f"# 2. 把下面这一行存为 CI 的机密变量 {KEY_VARIABLE}（私钥，不要提交进仓库、不要发到群里）："
    )
    print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
