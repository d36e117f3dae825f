"""Zip files read safely: member paths that escape, links and zip bombs are refused first.

Zipped Shapefiles and Word legends (a .docx is a zip) arrive from users; unpacking a hostile
one can write outside the folder or fill the disk. Every reader of a zip asks
:func:`safe_zip_members` for the member names before it opens a member.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from ryhti.errors import InputError

__all__ = ["MAX_ZIP_BYTES", "MAX_ZIP_RATIO", "safe_zip_members"]

#: Largest total uncompressed size of a zip we read (a zip bomb is refused, not unpacked).
MAX_ZIP_BYTES = 2 * 1024 * 1024 * 1024
#: Largest compression ratio of one member.
MAX_ZIP_RATIO = 200


def safe_zip_members(path: Path, max_bytes: int = MAX_ZIP_BYTES) -> list[str]:
    """Member names of a zip after refusing escaping paths, links and bombs."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InputError(f"not a readable zip file: {exc}", source=path) from exc
    with zf:
        names = []
        total = 0
        for info in zf.infolist():
            name = info.filename
            pure = PurePosixPath(name.replace("\\", "/"))
            if pure.is_absolute() or ".." in pure.parts or (name[1:2] == ":"):
                raise InputError(
                    f"zip member {name!r} points outside the folder it would be unpacked into",
                    source=path,
                    hint="a zip like this is refused as hostile; repack it with relative paths",
                )
            mode = (info.external_attr >> 16) & 0o170000
            if mode == 0o120000:
                raise InputError(f"zip member {name!r} is a symbolic link", source=path)
            total += info.file_size
            if info.compress_size and info.file_size / max(info.compress_size, 1) > MAX_ZIP_RATIO:
                raise InputError(
                    f"zip member {name!r} expands {info.file_size / info.compress_size:.0f}-fold",
                    source=path,
                    hint="refused as a possible zip bomb",
                )
            names.append(name)
        if total > max_bytes:
            raise InputError(f"zip expands to {total:,} bytes, over the limit", source=path)
    return names
