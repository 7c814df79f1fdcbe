"""The log `gongshi build` publishes under site/log/, checked from outside as any monitor would.

The checks read the tiles as tlog-tiles lays them out and verify with the
independent RFC 9162 implementation in rfc9162.py, never with generator/log.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.log.keys import KEY_VARIABLE
from generator.log.note import generate_key
from tests.history.conftest import GitRunner
from tests.log import rfc9162
from tests.log.conftest import LEDGER, Build, edit, keep_log

MATTER = "content/matters/lawn.yml"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _verify_every_leaf(log: Path) -> rfc9162.ParsedCheckpoint:
    checkpoint = rfc9162.read_checkpoint(log)
    tiled = rfc9162.TiledLog(log, checkpoint.size)
    entries = tiled.entries()
    assert tiled.mth(0, checkpoint.size) == checkpoint.root
    for index, entry in enumerate(entries):
        leaf = rfc9162.hash_leaf(entry)
        assert tiled.tile_hash(0, index) == leaf
        path = tiled.path(index, 0, checkpoint.size)
        assert rfc9162.verify_inclusion(index, checkpoint.size, leaf, path, checkpoint.root)
        assert not rfc9162.verify_inclusion(
            index, checkpoint.size, rfc9162.hash_leaf(entry + b" "), path, checkpoint.root
        )
    return checkpoint


def test_every_record_version_is_a_leaf_and_each_inclusion_verifies(
    community: tuple[Path, GitRunner], build_site: Build
) -> None:
    root, git = community
    result = build_site(root)
    assert result.exit_code == 0, result.output
    assert "公示日志（log/）共 10 个记录版本，这次新增 10 个。" in result.output
    assert "公示日志的检查点没有签名" in result.output
    assert result.output.count("没有签名") == 1
    log = root / "site" / "log"
    assert sorted(_files(log)) == ["checkpoint", "tile/0/000.p/10", "tile/entries/000.p/10"]
    checkpoint = _verify_every_leaf(log)
    assert checkpoint.origin == "test.example.org/log"
    assert checkpoint.text == (log / "checkpoint").read_text("utf-8")  # unsigned: the text alone
    assert checkpoint.signatures == []
    entries = [json.loads(e) for e in rfc9162.TiledLog(log, checkpoint.size).entries()]
    commits = git("rev-list", "--reverse", "HEAD").split()
    assert [e["commit"] for e in entries] == [commits[0]] * 9 + [commits[1]]
    ledger = [e for e in entries if e["file"] == LEDGER]
    assert len(ledger) == 2
    blob = git("rev-parse", f"{commits[1]}:{LEDGER}").strip()
    assert ledger[1]["blob"] == blob and ledger[1]["id"] == "public-income-2026q1"
    assert ledger[0]["code"] != ledger[1]["code"]


def test_two_successive_builds_are_consistent_and_the_log_grew(
    community: tuple[Path, GitRunner], build_site: Build, tmp_path: Path
) -> None:
    root, git = community
    assert build_site(root).exit_code == 0
    old = keep_log(root / "site", tmp_path / "deployed-log")
    edit(root, MATTER, "\n", "\n# 加一行注释\n")  # a reformatting: no new version
    git("commit", "-qam", "加注释")
    edit(root, LEDGER, "一月份停车费", "一月停车费（已核对）")
    git("commit", "-qam", "再改摘要")
    result = build_site(root, "--previous-log", str(old))
    assert result.exit_code == 0, result.output
    assert "公示日志（log/）共 11 个记录版本，这次新增 1 个。" in result.output
    new = root / "site" / "log"
    first, second = rfc9162.read_checkpoint(old), _verify_every_leaf(new)
    assert (first.size, second.size) == (10, 11)
    tiled = rfc9162.TiledLog(new, second.size)
    proof = tiled.subproof(first.size, 0, second.size, True)
    assert rfc9162.verify_consistency(first.size, second.size, first.root, second.root, proof)
    assert not rfc9162.verify_consistency(
        first.size, second.size, rfc9162.sha256(b"another"), second.root, proof
    )
    old_entries = rfc9162.TiledLog(old, first.size).entries()
    assert tiled.entries()[: first.size] == old_entries
    # the partial tiles of the checkpoint a client may have seen are still served
    assert (new / "tile/0/000.p/10").read_bytes() == (old / "tile/0/000.p/10").read_bytes()
    assert (new / "tile/entries/000.p/10").is_file()


def test_an_amended_old_commit_is_refused_with_a_chinese_message_and_the_old_site_kept(
    community: tuple[Path, GitRunner], build_site: Build, tmp_path: Path
) -> None:
    root, git = community
    assert build_site(root).exit_code == 0
    old = keep_log(root / "site", tmp_path / "deployed-log")
    before = _files(root / "site")
    first = git("rev-list", "--reverse", "HEAD").split()[0]
    # rewrite history: change the first commit's ledger text and replay the second commit on it
    git("checkout", "-q", first)
    edit(root, LEDGER, "一月停车费", "一月停车费收入")
    git("commit", "-q", "--amend", "-am", "发布")
    git("cherry-pick", "-X", "theirs", "main")
    git("branch", "-f", "main", "HEAD")
    git("checkout", "-q", "main")
    result = build_site(root, "--previous-log", str(old))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = next(line for line in result.output.splitlines() if " G820 " in line)
    assert line.startswith("content/funds/public-2026-q1.yml: 错误 G820 上次发布的公示日志第 1 条")
    assert f"提交 {first[:12]}" in line
    assert "账目 public-income-2026q1" in line
    assert "git 历史被改写过" in line
    assert "网站没有生成（原来的网站保持不变）" in line
    assert _files(root / "site") == before


def test_a_dropped_commit_is_refused(
    community: tuple[Path, GitRunner], build_site: Build, tmp_path: Path
) -> None:
    root, git = community
    assert build_site(root).exit_code == 0
    old = keep_log(root / "site", tmp_path / "deployed-log")
    git("reset", "-q", "--hard", "HEAD~1")
    result = build_site(root, "--previous-log", str(old))
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if " G820 " in line)
    assert "上次发布的公示日志第 10 条" in line and "已不在主分支的历史里" in line


def test_a_shallow_clone_cannot_check_the_previous_log(
    community: tuple[Path, GitRunner], build_site: Build, tmp_path: Path
) -> None:
    root, _ = community
    assert build_site(root).exit_code == 0
    old = keep_log(root / "site", tmp_path / "deployed-log")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)],
        check=True,
        capture_output=True,
    )
    result = build_site(clone, "--previous-log", str(old))
    assert result.exit_code == 1
    assert "错误 G821 这是一个浅克隆（shallow clone）" in result.output
    assert "fetch-depth: 0" in result.output


def test_a_folder_that_is_not_a_log_is_refused(
    community: tuple[Path, GitRunner], build_site: Build, tmp_path: Path
) -> None:
    root, _ = community
    assert build_site(root).exit_code == 0
    result = build_site(root, "--previous-log", str(root / "site"))  # the site, not its log/
    assert result.exit_code == 1
    assert "错误 G821" in result.output and "没有公示日志的检查点文件 checkpoint" in result.output
    tampered = keep_log(root / "site", tmp_path / "tampered")
    bundle = tampered / "tile/entries/000.p/10"
    bundle.write_bytes(bundle.read_bytes().replace(b"ledger", b"LEDGER", 1))
    result = build_site(root, "--previous-log", str(tampered))
    assert result.exit_code == 1
    assert "与条目算出的不一致" in result.output


def test_a_signed_checkpoint_verifies_with_the_public_key(
    community: tuple[Path, GitRunner],
    build_site: Build,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    root, git = community
    key = generate_key("test.example.org/log")
    vkey = str(key.verifier)
    config = root / "site_config.yml"
    config.write_text(config.read_text("utf-8") + f"log:\n  public_key: {vkey}\n", "utf-8")
    git("commit", "-qam", "公钥")
    monkeypatch.setenv(KEY_VARIABLE, str(key))
    result = build_site(root)
    assert result.exit_code == 0, result.output
    assert "没有签名" not in result.output
    assert str(key) not in result.output
    checkpoint = _verify_every_leaf(root / "site" / "log")
    assert checkpoint.size == 11  # the config's new version is a leaf too
    # the verifier key, parsed per signed-note: name+hex(key ID)+base64(0x01 || public key)
    name, key_id_hex, encoded = vkey.split("+", 2)
    material = base64.b64decode(encoded)
    assert material[0] == 0x01 and len(material) == 33
    expected_id = hashlib.sha256(name.encode() + b"\n" + material).digest()[:4]
    assert key_id_hex == expected_id.hex()
    [(signer, key_id, signature)] = checkpoint.signatures
    assert (signer, key_id) == (name, expected_id)
    Ed25519PublicKey.from_public_bytes(material[1:]).verify(signature, checkpoint.text.encode())
    # the next build reads it back, signature checked
    old = keep_log(root / "site", root.parent / "deployed-log")
    assert build_site(root, "--previous-log", str(old)).exit_code == 0


def test_a_wrong_or_mismatched_key_stops_the_build(
    community: tuple[Path, GitRunner], build_site: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = community
    key = generate_key("test.example.org/log")
    monkeypatch.setenv(KEY_VARIABLE, str(key.verifier))  # the public key by mistake
    result = build_site(root)
    assert result.exit_code == 1
    assert "GONGSHI_LOG_KEY: 错误 G822 私钥应以 PRIVATE+KEY+ 开头。" in result.output
    assert not (root / "site").exists()
    other = generate_key("test.example.org/log")
    config = root / "site_config.yml"
    config.write_text(
        config.read_text("utf-8") + f"log:\n  public_key: {other.verifier}\n", "utf-8"
    )
    monkeypatch.setenv(KEY_VARIABLE, str(key))
    result = build_site(root)
    assert result.exit_code == 1
    assert "错误 G822" in result.output and "不是一对" in result.output
    assert str(key) not in result.output


def test_a_checkpoint_signed_by_another_key_is_not_taken_as_the_previous_log(
    community: tuple[Path, GitRunner],
    build_site: Build,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    root, git = community
    impostor = generate_key("test.example.org/log")
    monkeypatch.setenv(KEY_VARIABLE, str(impostor))
    assert build_site(root).exit_code == 0
    old = keep_log(root / "site", tmp_path / "deployed-log")
    key = generate_key("test.example.org/log")
    config = root / "site_config.yml"
    config.write_text(config.read_text("utf-8") + f"log:\n  public_key: {key.verifier}\n", "utf-8")
    git("commit", "-qam", "公钥")
    monkeypatch.setenv(KEY_VARIABLE, str(key))
    result = build_site(root, "--previous-log", str(old))
    # the impostor's key has the same name but another key ID: its signature is unknown,
    # so the old checkpoint counts as unsigned, and is still checked against git
    assert result.exit_code == 0, result.output
    forged = (old / "checkpoint").read_text("utf-8")
    text, _, signature = forged.rpartition("\n\n")
    name, encoded = signature.removeprefix("\u2014 ").split(" ")
    raw = base64.b64decode(encoded)
    forged_with_my_id = (
        f"{text}\n\n\u2014 {name} {base64.b64encode(key.verifier.id + raw[4:]).decode()}\n"
    )
    (old / "checkpoint").write_text(forged_with_my_id, "utf-8")
    result = build_site(root, "--previous-log", str(old))
    assert result.exit_code == 1
    assert "错误 G821" in result.output and "签名与 site_config.yml 里的 log.public_key 对不上" in (
        result.output
    )


def test_a_build_outside_git_publishes_an_empty_log(base_project: Path, build_site: Build) -> None:
    result = build_site(base_project)
    assert result.exit_code == 0, result.output
    assert "公示日志是空的：小区资料不在 git 仓库里" in result.output
    checkpoint = rfc9162.read_checkpoint(base_project / "site" / "log")
    assert (checkpoint.size, checkpoint.root) == (0, rfc9162.sha256(b""))


def test_the_previous_log_folder_is_only_read(
    community: tuple[Path, GitRunner], build_site: Build, tmp_path: Path
) -> None:
    root, git = community
    assert build_site(root).exit_code == 0
    old = keep_log(root / "site", tmp_path / "deployed-log")
    before = _files(old)
    edit(root, LEDGER, "一月份停车费", "一月停车费")
    git("commit", "-qam", "改回")
    assert build_site(root, "--previous-log", str(root / "site" / "log")).exit_code == 0
    assert build_site(root, "--previous-log", str(old)).exit_code == 0
    assert _files(old) == before
    shutil.rmtree(old)
