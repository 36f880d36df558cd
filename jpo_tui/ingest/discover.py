"""Finding the applications to import: one applicant per sub-folder of an import folder, a loose file its own.

What each path given is, told from its shape: a folder with sub-folders (or only ZIP archives) holds applications,
one per sub-folder; a folder holding files and no sub-folder is one applicant's folder (its name is the key); a
file is one applicant (its name without the suffix is the key); a ZIP archive holds applications.

``discover_applications`` is the one entry point: it walks the folders and returns each applicant's files, the
files refused before anything reads them (symbolic links out of the folder, FIFOs and other non-files) and those
ignored (hidden and system files, plain-text notes: no application document).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jpo_tui.core.safetext import printable
from jpo_tui.ingest.archive import looks_like_archive

HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class ApplicationFolder:
    key: str
    files: tuple[Path, ...]
    refusals: tuple[tuple[Path, str], ...] = ()  # files refused before reading (symlinks out, not files)
    loose: bool = False  # a file lying directly in an import folder: its own applicant only if readable
    ignored: tuple[tuple[Path, str], ...] = ()  # hidden files and plain-text notes: no application document
    root: Path | None = None  # what paths are shown relative to (the folder above a single applicant's)


HIDDEN = "hidden or system file: ignored"


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".") or path.name in ("Thumbs.db", "desktop.ini")


def _plain_text(path: Path) -> bool:
    """Whether the file is plain text (a note, not a document); False when it cannot be opened (said later)."""
    from jpo_tui.ingest.formats import is_plain_text

    try:
        with path.open("rb") as fh:
            return is_plain_text(fh.read(4096))
    except OSError:
        return False


Found = tuple[list[Path], list[tuple[Path, str]], list[tuple[Path, str]]]  # files, refused, ignored


def _files_below(folder: Path, root: Path) -> Found:
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    ignored: list[tuple[Path, str]] = []
    real_root = root.resolve()
    for path in sorted(folder.rglob("*")):
        if any(_is_hidden(p) for p in path.relative_to(folder).parents if p.name):
            continue  # inside a hidden folder: the folder is counted once
        if _is_hidden(path):
            ignored.append((path, HIDDEN))
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(real_root):
                refused.append((path, "symbolic link pointing outside the import folder: not followed"))
                continue
        if path.is_file() and looks_like_archive(path):
            _add_archive(path, files, refused)
        elif path.is_file() and _plain_text(path):
            ignored.append((path, _plain_text_reason()))
        elif path.is_file():
            files.append(path)
        elif not path.is_dir() and path.exists():
            refused.append((path, "not a regular file"))
    return files, refused, ignored


def _plain_text_reason() -> str:
    from jpo_tui.ingest.formats import PLAIN_TEXT

    return PLAIN_TEXT


def is_applicant_folder(folder: Path) -> bool:
    """A folder holding files and no sub-folder (hidden ones aside), not only ZIP archives: one applicant's."""
    entries = [e for e in folder.iterdir() if not _is_hidden(e)]
    if any(e.is_dir() for e in entries):
        return False
    return any(e.is_file() and not looks_like_archive(e) for e in entries)


def path_kind(path: Path) -> str:
    """What a path given to the importer is: "archive", "applicant" (one applicant's folder), "applications" (a
    folder of applicant folders), "file" (one applicant's file) or "missing"."""
    if looks_like_archive(path):
        return "archive"
    if path.is_dir():
        return "applicant" if is_applicant_folder(path) else "applications"
    if path.is_file():
        return "file"
    return "missing"


def discover_applications(dirs: Sequence[str | Path]) -> list[ApplicationFolder]:
    """The applicants below ``dirs``: each path is taken for what its shape says (see the module docstring)."""
    found: dict[str, ApplicationFolder] = {}
    for d in dirs:
        root = Path(d)
        kind = path_kind(root)
        if kind == "archive":  # a ZIP of applications given instead of a folder
            _add_archive_applicants(root, found, whole=True)
            continue
        if kind == "missing":
            raise FileNotFoundError(f"{root}: no such file or folder")
        if kind in ("applicant", "file"):
            if kind == "file":
                files, refused, ignored = _files_below_single(root, root.parent)
            else:
                files, refused, ignored = _files_below(root, root)
            key = _unique_key(printable(root.stem if kind == "file" else root.name), found)
            found[key] = ApplicationFolder(key=key, files=tuple(files), refusals=tuple(refused),
                                           ignored=tuple(ignored), root=root.parent)
            continue
        for entry in sorted(root.iterdir()):
            if _is_hidden(entry):
                continue
            if not entry.is_symlink() and looks_like_archive(entry) and _add_archive_applicants(entry, found):
                continue
            loose = not (entry.is_dir() and not entry.is_symlink())
            if loose:
                files, refused, ignored = _files_below_single(entry, root)
                key = entry.stem
            else:
                files, refused, ignored = _files_below(entry, root)
                key = entry.name
            key = _unique_key(printable(key), found)
            found[key] = ApplicationFolder(key=key, files=tuple(files), refusals=tuple(refused), loose=loose,
                                           ignored=tuple(ignored), root=root)
    return list(found.values())


def _files_below_single(entry: Path, root: Path) -> Found:
    if entry.is_symlink() and not entry.resolve().is_relative_to(root.resolve()):
        return [], [(entry, "symbolic link pointing outside the import folder: not followed")], []
    if entry.is_file() and looks_like_archive(entry) and not entry.is_symlink():
        files: list[Path] = []
        refused: list[tuple[Path, str]] = []
        _add_archive(entry, files, refused)
        return files, refused, []
    if entry.is_file() and _plain_text(entry):
        return [], [], [(entry, _plain_text_reason())]
    if entry.is_file():
        return [entry], [], []
    return [], [(entry, "not a regular file")], []


def _add_archive(path: Path, files: list[Path], refused: list[tuple[Path, str]]) -> None:
    """An applicant's ZIP: its members are more of the applicant's documents (read in place, within limits)."""
    from jpo_tui.ingest.archive import expand

    members, problems = expand(path)
    files.extend(members)
    refused.extend(problems)


def _add_archive_applicants(path: Path, found: dict[str, ApplicationFolder], *, whole: bool = False) -> bool:
    """A ZIP of applications (one folder per applicant): its applicants added; False when it is not one."""
    from jpo_tui.ingest.archive import applicant_folders, expand

    groups = applicant_folders(path)
    if groups is None:
        if not whole:
            return False
        members, problems = expand(path)  # given as the import folder: its loose files are one applicant
        groups = [(path.stem, members, problems)]
    for key, files, refused in groups:
        key = _unique_key(printable(key), found)
        found[key] = ApplicationFolder(key=key, files=tuple(files), refusals=tuple(refused))
    return True


def _unique_key(key: str, found: dict[str, ApplicationFolder]) -> str:
    candidate, n = key, 2
    while candidate in found:
        candidate = f"{key}~{n}"
        n += 1
    return candidate


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, or of an archive member's content (``archive.member_sha256``)."""
    from jpo_tui.ingest.archive import member_sha256

    return member_sha256(path)

