"""C2SP signed notes with Ed25519 (https://c2sp.org/signed-note): keys, signing, verifying.

A note is text ending in a newline, a blank line, then signature lines
`— <key name> base64(key ID || signature)`. The key ID is the first four bytes of
SHA-256(key name || 0x0A || 0x01 || public key). Keys are written as Go's
golang.org/x/mod/sumdb/note writes them, so litetlog, sigsum and the Go tools read them:

    verifier key  <name>+<key ID hex>+base64(0x01 || 32-byte public key)      site_config.yml
    signer key    PRIVATE+KEY+<name>+<key ID hex>+base64(0x01 || 32-byte seed)  GONGSHI_LOG_KEY

The signer key is a secret: it lives in CI's secret store, never in the repository.
`python -m generator.log.keys` makes a pair.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

ED25519 = 0x01
"""The signature type byte of Ed25519 note signatures."""

SIGNATURE_DASH = "\u2014"
_PRIVATE_PREFIX = "PRIVATE+KEY+"
_NAME = re.compile(r"^[^\s+]+$")
MAX_SIGNATURES = 16


class BadKey(ValueError):
    """A key that is not in the expected form; the message says, in Chinese, what is wrong."""


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public_key).digest()[:4]


@dataclass(frozen=True)
class VerifierKey:
    name: str
    public_key: bytes
    """The 32-byte Ed25519 public key (RFC 8032 encoding)."""

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.public_key)

    def __str__(self) -> str:
        encoded = base64.b64encode(bytes([ED25519]) + self.public_key).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"


@dataclass(frozen=True)
class SignerKey:
    name: str
    seed: bytes
    """The 32-byte Ed25519 private key seed."""

    def __repr__(self) -> str:  # never print the secret, even in a traceback
        return f"SignerKey(name={self.name!r}, seed=<hidden>)"

    @property
    def verifier(self) -> VerifierKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        private = Ed25519PrivateKey.from_private_bytes(self.seed)
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return VerifierKey(self.name, public)

    def sign(self, message: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed).sign(message)

    def __str__(self) -> str:
        encoded = base64.b64encode(bytes([ED25519]) + self.seed).decode()
        return f"{_PRIVATE_PREFIX}{self.name}+{self.verifier.id.hex()}+{encoded}"


def _key_parts(text: str, what: str) -> tuple[str, str, bytes]:
    """(name, key ID hex, key bytes) of `name+hex+base64(0x01 || key)`."""
    name, _, rest = text.strip().partition("+")
    hex_id, _, encoded = rest.partition("+")
    if not name or not _NAME.match(name) or not re.fullmatch(r"[0-9a-f]{8}", hex_id):
        raise BadKey(f"{what}的格式不对：应是「名称+8 位十六进制+base64」三段，用 + 号连接。")
    try:
        material = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise BadKey(f"{what}的最后一段不是 base64。") from None
    if len(material) != 33 or material[0] != ED25519:
        raise BadKey(f"{what}不是 Ed25519 密钥（解码后应是 1 个类型字节 0x01 加 32 字节）。")
    return name, hex_id, material[1:]


def parse_verifier_key(text: str) -> VerifierKey:
    """A vkey such as `cuihu.example.org/log+1a2b3c4d+AQ…`; BadKey when it is not one."""
    name, hex_id, public = _key_parts(text, "公钥")
    key = VerifierKey(name, public)
    if key.id.hex() != hex_id:
        raise BadKey("公钥的第二段（密钥编号）与密钥不符，可能抄错了一部分。")
    return key


def parse_signer_key(text: str) -> SignerKey:
    """A signer key `PRIVATE+KEY+name+id+base64`; BadKey (never quoting the key) when not one."""
    stripped = text.strip()
    if not stripped.startswith(_PRIVATE_PREFIX):
        raise BadKey("私钥应以 PRIVATE+KEY+ 开头。")
    name, hex_id, seed = _key_parts(stripped.removeprefix(_PRIVATE_PREFIX), "私钥")
    key = SignerKey(name, seed)
    if key.verifier.id.hex() != hex_id:
        raise BadKey("私钥的密钥编号与密钥不符，可能抄错了一部分。")
    return key


def generate_key(name: str) -> SignerKey:
    if not _NAME.match(name):
        raise BadKey("密钥名称不能含空格或 + 号。")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return SignerKey(name, seed)


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes


@dataclass(frozen=True)
class Note:
    text: str
    """The signed text, with its final newline."""
    signatures: tuple[Signature, ...]


def sign_note(text: str, key: SignerKey) -> str:
    """The note: text, a blank line, one Ed25519 signature line."""
    if not text.endswith("\n"):
        raise ValueError("a note's text ends with a newline")
    signature = key.sign(text.encode("utf-8"))
    encoded = base64.b64encode(key.verifier.id + signature).decode()
    return f"{text}\n{SIGNATURE_DASH} {key.name} {encoded}\n"


def parse_note(note: str) -> Note:
    """Text and signatures; an unsigned note (no blank line followed by signatures) has none.

    ValueError when the note breaks the format: control characters, a signature line
    that is not `— name base64`, more than 16 signatures.
    """
    if any(ch < " " and ch != "\n" for ch in note):
        raise ValueError("含有控制字符")
    if not note.endswith("\n"):
        raise ValueError("最后没有换行")
    split = note.rfind("\n\n")
    if split < 0:
        return Note(note, ())
    text, block = note[: split + 1], note[split + 2 :]
    signatures = []
    for line in block.splitlines():
        dash, _, rest = line.partition(" ")
        name, _, encoded = rest.partition(" ")
        if dash != SIGNATURE_DASH or not name or not _NAME.match(name) or " " in encoded:
            raise ValueError("签名行的格式不对")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("签名不是 base64") from None
        if len(raw) < 5:
            raise ValueError("签名太短")
        signatures.append(Signature(name, raw[:4], raw[4:]))
    if len(signatures) > MAX_SIGNATURES:
        raise ValueError("签名超过 16 个")
    return Note(text, tuple(signatures))


def verify_note(note: Note, key: VerifierKey) -> bool | None:
    """True when a signature by `key` verifies; False when one by it fails; None when it has none."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    mine = [s for s in note.signatures if s.name == key.name and s.key_id == key.id]
    if not mine:
        return None
    public = Ed25519PublicKey.from_public_bytes(key.public_key)
    for signature in mine:
        try:
            public.verify(signature.signature, note.text.encode("utf-8"))
        except InvalidSignature:
            return False
    return True
