"""Compiled Jinja templates kept between runs, as Python keeps compiled modules.

Compiling the theme's and Gongshi's templates takes most of a second in every build
and in each process that renders pages (77 templates in an mkdocs worker). Jinja's own
`FileSystemBytecodeCache` keeps the compiled code in a folder of the user's own in the
system's temporary folder (it checks the owner and permissions), but keys it by the
template's file name, and a build copies the theme's templates into a fresh staging
folder each time. Here the key is what the code is compiled from: the template's name,
its source, the environment's settings that shape the compiled code and Jinja's version,
so a kept template is used only where it is the one Jinja would compile now.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from types import CodeType

import jinja2
from jinja2.bccache import Bucket


class KeptTemplates(jinja2.FileSystemBytecodeCache):
    """`FileSystemBytecodeCache` keyed by name, source and settings, never failing a build."""

    def __init__(self, salt: str, directory: str | None = None) -> None:
        super().__init__(directory)
        self.salt = f"{salt}|jinja2 {jinja2.__version__}"

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        checksum = self.get_source_checksum(source)
        key = hashlib.sha1(f"{self.salt}|{name}|{checksum}".encode(), usedforsecurity=False)
        bucket = Bucket(environment, key.hexdigest(), checksum)
        self.load_bytecode(bucket)
        named = filename or "<template>"  # what Jinja compiles a template without a file as
        if bucket.code is not None and bucket.code.co_filename != named:
            bucket.code = _compiled_from(bucket.code, named)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError):
            bucket.reset()  # unreadable or cut short: compiled again

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only disk: compiled all the same
            super().dump_bytecode(bucket)


def _compiled_from(code: CodeType, filename: str) -> CodeType:
    """`code`, and the code it holds (blocks, macros, loops), as if compiled from `filename`.

    A kept template was compiled in another folder (last build's staging folder): without
    this, a traceback through it would name that folder's file, which is gone."""
    constants = tuple(
        _compiled_from(item, filename) if isinstance(item, CodeType) else item
        for item in code.co_consts
    )
    return code.replace(co_filename=filename, co_consts=constants)


def keep_compiled(
    environment: jinja2.Environment, directory: str | None = None
) -> jinja2.Environment:
    """`environment` with its compiled templates kept between runs, in `directory` or
    Jinja's own folder (unless that is not safe: Jinja refuses one another user owns)."""
    with contextlib.suppress(OSError, RuntimeError):
        environment.bytecode_cache = KeptTemplates(_settings(environment), directory)
    return environment


def _settings(environment: jinja2.Environment) -> str:
    """What of the environment goes into a template's compiled code."""
    autoescape = environment.autoescape
    return repr(
        (
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            autoescape if isinstance(autoescape, bool) else _qualified(autoescape),
            environment.optimized,
            environment.is_async,
            environment.finalize is not None,
            sorted(environment.extensions),
            _qualified(environment.code_generator_class),
        )
    )


def _qualified(thing: object) -> str:
    return (
        f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', type(thing).__name__)}"
    )
