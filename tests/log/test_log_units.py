"""The log's parts: RFC 6962 hashes and proofs, tile layout, signed notes, keys, witnesses."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from generator.history.versions import read_history
from generator.log import (
    LogRewritten,
    LogState,
    WitnessStatus,
    extend_log,
    log_origin,
    log_witness,
    read_log,
    witness_status,
    write_log,
)
from generator.log import keys as log_keys
from generator.log.entries import LogEntry
from generator.log.merkle import (
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    tree_root,
    verify_consistency,
    verify_inclusion,
)
from generator.log.note import (
    BadKey,
    generate_key,
    parse_note,
    parse_signer_key,
    parse_verifier_key,
    sign_note,
    verify_note,
)
from generator.log.tiles import index_path
from generator.log.witness import normalize_prefix
from tests.history.conftest import GitRunner
from tests.log import rfc9162

# The Certificate Transparency test vectors (certificate-transparency-go merkle tests):
# eight leaves and the root after each.
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def test_roots_match_the_certificate_transparency_test_vectors() -> None:
    hashes = [leaf_hash(leaf) for leaf in CT_LEAVES]
    assert [tree_root(hashes[: n + 1]).hex() for n in range(8)] == CT_ROOTS
    assert tree_root([]).hex() == rfc9162.sha256(b"").hex()


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 33])
def test_proofs_verify_both_ways_with_the_independent_implementation(
    size: int, tmp_path: Path
) -> None:
    leaves = [f"leaf {i}".encode() for i in range(size)]
    hashes = [leaf_hash(leaf) for leaf in leaves]
    root = tree_root(hashes)
    write_log(tmp_path, LogState("example.org/log", tuple(leaves)))
    tiled = rfc9162.TiledLog(tmp_path, size)
    for index in range(size):
        ours = inclusion_proof(index, hashes)
        assert ours == tiled.path(index, 0, size)
        assert rfc9162.verify_inclusion(index, size, hashes[index], ours, root)
        assert verify_inclusion(index, size, hashes[index], ours, root)
        assert not verify_inclusion(index, size, leaf_hash(b"other"), ours, root)
        if ours:
            assert not verify_inclusion(index, size, hashes[index], ours[:-1], root)
    for old in range(1, size):
        old_root = tree_root(hashes[:old])
        ours = consistency_proof(old, hashes)
        assert ours == tiled.subproof(old, 0, size, True)
        assert rfc9162.verify_consistency(old, size, old_root, root, ours)
        assert verify_consistency(old, size, old_root, root, ours)
        assert not verify_consistency(old, size, leaf_hash(b"other"), root, ours)
        assert not verify_consistency(old, size, old_root, root, ours[1:])
    assert verify_consistency(size, size, root, root, [])
    assert verify_consistency(0, size, tree_root([]), root, [])
    assert not verify_consistency(size, size, root, leaf_hash(b"x"), [])


def test_index_paths_are_written_in_groups_of_three_with_x_prefixes() -> None:
    assert index_path(0) == "000"
    assert index_path(5) == "005"
    assert index_path(999) == "999"
    assert index_path(1000) == "x001/000"
    assert index_path(1234067) == "x001/x234/067"
    for n in (0, 7, 1000, 1234067, 999_999_999):
        assert index_path(n) == rfc9162.encode_index(n)


def test_a_tree_of_70000_has_the_tiles_the_specification_lists(tmp_path: Path) -> None:
    leaves = tuple(i.to_bytes(4, "big") for i in range(70_000))
    state = LogState("example.org/log", leaves)
    write_log(tmp_path, state)
    level0 = sorted(
        p.relative_to(tmp_path / "tile/0").as_posix()
        for p in (tmp_path / "tile/0").rglob("*")
        if p.is_file()
    )
    assert len(level0) == 274
    assert level0[-1] == "273.p/112" and "272" in level0
    assert sorted(
        p.relative_to(tmp_path / "tile/1").as_posix()
        for p in (tmp_path / "tile/1").rglob("*")
        if p.is_file()
    ) == ["000", "001.p/17"]
    assert [
        p.relative_to(tmp_path / "tile/2").as_posix()
        for p in (tmp_path / "tile/2").rglob("*")
        if p.is_file()
    ] == ["000.p/1"]
    assert not (tmp_path / "tile/3").exists()
    assert (tmp_path / "tile/entries/273.p/112").is_file()
    checkpoint = rfc9162.read_checkpoint(tmp_path)
    tiled = rfc9162.TiledLog(tmp_path, 70_000)
    assert tiled.mth(0, 70_000) == checkpoint.root == state.root
    for index in (0, 255, 256, 65_535, 65_536, 69_999):
        path = tiled.path(index, 0, 70_000)
        assert rfc9162.verify_inclusion(index, 70_000, leaf_hash(leaves[index]), path, state.root)
    for old in (1, 256, 300, 65_536, 69_000):
        proof = tiled.subproof(old, 0, 70_000, True)
        assert rfc9162.verify_consistency(old, 70_000, state.root_at(old), state.root, proof)
    assert read_log(tmp_path).leaves == leaves


def test_a_tree_of_256_has_one_full_tile_and_a_partial_one_above(tmp_path: Path) -> None:
    write_log(tmp_path, LogState("example.org/log", tuple(bytes([i]) for i in range(256))))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["checkpoint", "tile/0/000", "tile/1/000.p/1", "tile/entries/000"]


def test_the_origin_is_the_site_address_without_its_scheme_plus_log() -> None:
    assert log_origin("https://cuihu.example.org/") == "cuihu.example.org/log"
    assert log_origin("https://example.org/cuihu") == "example.org/cuihu/log"
    assert log_origin("http://example.org:8080/a/b/") == "example.org:8080/a/b/log"


def test_the_signed_note_specification_example_verifies() -> None:
    vkey = parse_verifier_key(
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
    )
    note = parse_note(
        "This is an example message.\n\n"
        "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
    )
    assert note.text == "This is an example message.\n"
    assert verify_note(note, vkey) is True
    tampered = parse_note(
        "This is an example message!\n\n"
        "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
    )
    assert verify_note(tampered, vkey) is False


def test_keys_round_trip_and_never_show_the_secret() -> None:
    key = generate_key("cuihu.example.org/log")
    assert parse_signer_key(str(key)).seed == key.seed
    assert str(key).startswith("PRIVATE+KEY+cuihu.example.org/log+")
    assert str(parse_verifier_key(str(key.verifier))) == str(key.verifier)
    assert key.seed.hex() not in repr(key) and "hidden" in repr(key)
    note = parse_note(sign_note("cuihu.example.org/log\n3\nAAAA\n", key))
    assert verify_note(note, key.verifier) is True
    assert verify_note(note, generate_key("cuihu.example.org/log").verifier) is None
    with pytest.raises(BadKey, match="PRIVATE"):
        parse_signer_key(str(key.verifier))
    vkey = str(key.verifier)
    mistyped = vkey[:-2] + ("B" if vkey[-2] == "A" else "A") + vkey[-1]
    with pytest.raises(BadKey, match="密钥编号"):
        parse_verifier_key(mistyped)


def test_the_key_helper_prints_a_pair_the_config_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import BASE

    assert log_keys.main([str(BASE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    public = next(line for line in lines if line.startswith("  public_key: ")).split(": ")[1]
    secret = next(line for line in lines if line.startswith("PRIVATE+KEY+"))
    assert public.startswith("test.example.org/log+")
    signer = log_keys.signer_from_environment({log_keys.KEY_VARIABLE: secret}, public)
    assert signer is not None and str(signer.verifier) == public
    assert log_keys.signer_from_environment({}, public) is None
    assert log_keys.main([str(tmp_path)]) == 2


def test_a_poster_state_is_contained_until_history_is_rewritten() -> None:
    today = LogState("example.org/log", tuple(f"v{i}".encode() for i in range(40)))
    printed = LogState("example.org/log", today.leaves[:23])
    size, prefix = log_witness(printed)
    assert size == 23 and len(prefix) == 8 and prefix == printed.root.hex()[:8]
    assert witness_status(today, size, prefix) is WitnessStatus.CONTAINED
    assert witness_status(today, size, prefix).contained
    assert witness_status(today, size, f" {prefix.upper()[:4]}-{prefix.upper()[4:]} ").contained
    assert witness_status(printed, size, prefix).contained  # the day it was printed
    rewritten = LogState("example.org/log", (b"changed", *today.leaves[1:]))
    assert witness_status(rewritten, size, prefix) is WitnessStatus.DIFFERENT
    assert witness_status(LogState("example.org/log", today.leaves[:10]), size, prefix) is (
        WitnessStatus.BEYOND
    )
    assert witness_status(today, size, "12") is WitnessStatus.INVALID
    assert witness_status(today, size, "not-hex!") is WitnessStatus.INVALID
    assert normalize_prefix("0A1B 2C3D") == "0a1b2c3d"
    assert normalize_prefix("OA1B2C3D") == "0a1b2c3d"  # O typed for 0


def test_an_upgrade_that_changes_canonical_json_keeps_the_old_leaves(
    community: tuple[Path, GitRunner],
) -> None:
    root, git = community
    history = read_history(root)
    assert history is not None
    origin = "test.example.org/log"
    current = extend_log(origin, history, root).state
    # the same versions as an older Gongshi wrote them: same commits and blobs, other digests
    older = []
    for entry in current.entries:
        fields = json.loads(entry.to_bytes())
        fields["sha256"] = rfc9162.sha256(fields["sha256"].encode()).hex()
        fields["code"] = "2222-2222"
        older.append(json.dumps(fields, sort_keys=True, separators=(",", ":")).encode())
    previous = LogState(origin, tuple(older))
    extension = extend_log(origin, history, root, previous)
    assert extension.state.leaves[: previous.size] == previous.leaves
    assert extension.appended == 0
    # each record's newest version restated once, so today's 校验码 is in the log
    newest = {(e.kind, e.record_id): e for e in current.entries}
    restated = extension.state.entries[previous.size :]
    assert extension.restated == len(restated) == len(newest) == 9
    assert {(e.kind, e.record_id, e.code, e.commit, e.blob) for e in restated} == {
        (e.kind, e.record_id, e.code, e.commit, e.blob) for e in newest.values()
    }
    # and the next build adds nothing more
    again = extend_log(origin, history, root, extension.state)
    assert again.state == extension.state and (again.appended, again.restated) == (0, 0)
    git("commit", "-q", "--allow-empty", "-m", "空提交")
    assert extend_log(origin, read_history(root), root, extension.state).state == extension.state


def test_an_entry_of_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError):
        LogEntry.from_bytes(b'{"v": 2}')


def test_an_entry_whose_blob_or_file_git_does_not_hold_is_a_rewrite(
    community: tuple[Path, GitRunner],
) -> None:
    root, _ = community
    history = read_history(root)
    assert history is not None
    origin = "test.example.org/log"
    state = extend_log(origin, history, root).state
    entries = list(state.entries)
    for change, reason in (
        ({"blob": "0" * 40}, "与日志记下的内容不同"),
        ({"file": "content/funds/gone.yml"}, "里已没有文件 content/funds/gone.yml"),
    ):
        altered = [*entries[:3], replace(entries[3], **change), *entries[4:]]
        previous = LogState(origin, tuple(e.to_bytes() for e in altered))
        with pytest.raises(LogRewritten) as raised:
            extend_log(origin, history, root, previous)
        assert raised.value.index == 3 and reason in raised.value.reason
