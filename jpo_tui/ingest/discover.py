"""Finding the applications to import: one applicant per sub-folder of an import folder, a loose file its own.

``discover_applications`` is the one entry point: it walks the folders and returns each applicant's files, and the
files refused before anything reads them (symbolic links out of the folder, FIFOs and other non-files).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jpo_tui.core.safetext import printable

HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class ApplicationFolder:
    key: str
    files: tuple[Path, ...]
    refusals: tuple[tuple[Path, str], ...] = ()  # files refused before reading (symlinks out, not files)
    loose: bool = False  # a file lying directly in an import folder: its own applicant only if readable




def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".") or path.name in ("Thumbs.db", "desktop.ini")


def _files_below(folder: Path, root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    real_root = root.resolve()
    for path in sorted(folder.rglob("*")):
        if _is_hidden(path) or any(_is_hidden(p) for p in path.relative_to(folder).parents if p.name):
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(real_root):
                refused.append((path, "symbolic link pointing outside the import folder: not followed"))
                continue
        if path.is_file():
            files.append(path)
        elif not path.is_dir() and path.exists():
            refused.append((path, "not a regular file"))
    return files, refused


def discover_applications(dirs: Sequence[str | Path]) -> list[ApplicationFolder]:
    """One applicant per sub-folder (its name is the key); a loose file in a given folder is its own applicant."""
    found: dict[str, ApplicationFolder] = {}
    for d in dirs:
        root = Path(d)
        if not root.is_dir():
            raise FileNotFoundError(f"{root}: no such folder")
        for entry in sorted(root.iterdir()):
            if _is_hidden(entry):
                continue
            loose = not (entry.is_dir() and not entry.is_symlink())
            if loose:
                files, refused = _files_below_single(entry, root)
                key = entry.stem
            else:
                files, refused = _files_below(entry, root)
                key = entry.name
            key = _unique_key(printable(key), found)
            found[key] = ApplicationFolder(key=key, files=tuple(files), refusals=tuple(refused), loose=loose)
    return list(found.values())


def _files_below_single(entry: Path, root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    if entry.is_symlink() and not entry.resolve().is_relative_to(root.resolve()):
        return [], [(entry, "symbolic link pointing outside the import folder: not followed")]
    if entry.is_file():
        return [entry], []
    return [], [(entry, "not a regular file")]


def _unique_key(key: str, found: dict[str, ApplicationFolder]) -> str:
    candidate, n = key, 2
    while candidate in found:
        candidate = f"{key}~{n}"
        n += 1
    return candidate


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()

