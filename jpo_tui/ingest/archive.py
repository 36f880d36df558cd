"""ZIP archives of applications, read in place (never extracted to disk) within limits.

An archive is listed from its central directory and checked before anything is inflated: the number of members,
their total inflated size, each member's compression ratio (a zip bomb inflates 1,000 times and more), names
that would leave the archive (``../``, absolute paths, drive letters) and archives inside the archive (nested
bombs: refused, never opened). A member is then read by inflating at most its declared size.

A member is addressed as a path below the archive's own path (``Dupont/applications.zip/cv.pdf``), so the
importer shows, hashes and reports it like any other file; :func:`split_member` tells the two apart.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from jpo_tui.core.records import DocumentRefused

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


@dataclass(frozen=True)
class ArchiveLimits:
    """What an archive of applications may hold (a committee's download of a few hundred applicants fits)."""

    max_members: int = 5_000
    max_total_bytes: int = 2_000_000_000  # inflated, all members together
    max_member_bytes: int = 50_000_000  # inflated, one member (the importer's per-file limit)
    max_ratio: float = 200.0  # inflated / compressed, per member (documents compress 1-20x)
    ratio_floor_bytes: int = 1_000_000  # members smaller than this may compress better (a page of spaces)


DEFAULT_LIMITS = ArchiveLimits()
# Office files are ZIP packages too; their XML parts compress much better than documents, so the ratio is looser.
PACKAGE_LIMITS = ArchiveLimits(max_members=2_000, max_total_bytes=200_000_000, max_member_bytes=100_000_000,
                               max_ratio=500.0)


@dataclass(frozen=True)
class Member:
    name: str  # the member's path inside the archive, "/"-separated
    size: int  # inflated bytes, as declared


def is_zip(head: bytes) -> bool:
    """True when the bytes start like a ZIP file (also a .docx, .xlsx or .odt)."""
    return head[:4] in ZIP_MAGIC


def looks_like_archive(path: Path) -> bool:
    """A regular file named *.zip, or any file that starts like a ZIP and is not an Office document."""
    if path.suffix.lower() != ".zip" or not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            return is_zip(fh.read(4))
    except OSError:
        return False


def safe_name(name: str) -> str | None:
    """The member name as a relative "/"-path inside the archive, or None when it would leave it."""
    if "\x00" in name or "\\" in name:
        return None
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or (len(parts[0]) >= 2 and parts[0][1] == ":"):
        return None
    if any(p in ("..", ".") for p in parts):
        return None
    return "/".join(parts)


def check_infos(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    """Refuse the whole archive (DocumentRefused) when its directory breaks a limit."""
    files = [i for i in infos if not i.is_dir()]
    if len(files) > limits.max_members:
        raise DocumentRefused(f"archive holds too many files ({len(files):,} > {limits.max_members:,})")
    total = sum(i.file_size for i in files)
    if total > limits.max_total_bytes:
        raise DocumentRefused(f"archive inflates to too much ({total:,} bytes > {limits.max_total_bytes:,}): "
                              "a zip bomb?")
    for info in files:
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(1, info.compress_size):
            raise DocumentRefused(f"archive member {_shown(info.filename)} inflates {info.file_size / max(1, info.compress_size):,.0f} "
                                  "times its size: a zip bomb?")


def list_members(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> tuple[list[Member], list[tuple[str, str]]]:
    """The archive's readable members and the refused ones as (name, reason); DocumentRefused for the archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DocumentRefused(f"damaged ZIP archive: {exc}") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise DocumentRefused(f"damaged ZIP archive: {exc}") from exc
    check_infos(infos, limits)
    members: list[Member] = []
    refused: list[tuple[str, str]] = []
    seen: set[str] = set()
    for info in infos:
        if info.is_dir():
            continue
        name = safe_name(info.filename)
        if name is None:
            refused.append((_shown(info.filename).lstrip("/\\").replace("..", "__") or "?",
                            "archive member with a path leaving the archive: not read"))
            continue
        if _hidden(name):
            continue
        if name in seen:
            refused.append((name, "archive member listed twice: only the first is read"))
            continue
        seen.add(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            refused.append((name, "symbolic link inside an archive: not followed"))
        elif info.flag_bits & 0x1:
            refused.append((name, "password-protected archive member"))
        elif info.file_size > limits.max_member_bytes:
            refused.append((name, f"file too large ({info.file_size:,} bytes > {limits.max_member_bytes:,})"))
        elif PurePosixPath(name).suffix.lower() in (".zip", ".7z", ".rar", ".gz", ".tar", ".tgz", ".bz2", ".xz"):
            refused.append((name, "an archive inside an archive: not opened (extract it first)"))
        else:
            members.append(Member(name, info.file_size))
    return members, refused


def _hidden(name: str) -> bool:
    """Folders and files a packer adds (macOS resource forks, Thumbs.db), skipped like hidden files on disk."""
    parts = name.split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or parts[-1] in ("Thumbs.db", "desktop.ini")


def read_member(archive_path: Path, name: str, *, max_bytes: int) -> bytes:
    """The member's bytes, inflating at most ``max_bytes`` (and no more than it declares); DocumentRefused else."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            info = archive.getinfo(name)
            if info.flag_bits & 0x1:
                raise DocumentRefused("password-protected archive member")
            if info.file_size > max_bytes:
                raise DocumentRefused(f"file too large ({info.file_size:,} bytes > {max_bytes:,})")
            chunks: list[bytes] = []
            got = 0
            with archive.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    got += len(chunk)
                    if got > max_bytes or got > info.file_size:
                        raise DocumentRefused(f"archive member inflates past {max_bytes:,} bytes: a zip bomb?")
                    chunks.append(chunk)
            return b"".join(chunks)
    except DocumentRefused:
        raise
    except KeyError as exc:
        raise DocumentRefused("archive member not found (the archive changed during the import?)") from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise DocumentRefused(f"damaged archive member: {str(exc)[:120]}") from exc


def split_member(path: Path) -> tuple[Path, str] | None:
    """(archive, member name) when ``path`` names a member below an archive file, else None (a plain file)."""
    if path.exists():
        return None
    for parent in path.parents:
        if parent.is_file():
            if not looks_like_archive(parent):
                return None
            return parent, path.relative_to(parent).as_posix()
        if parent.exists():
            return None
    return None


def member_sha256(path: Path, *, max_bytes: int = DEFAULT_LIMITS.max_member_bytes) -> str:
    """SHA-256 of a file, or of an archive member's inflated bytes (the same hash a loose copy of it has)."""
    inside = split_member(path)
    if inside is None:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    try:
        return hashlib.sha256(read_member(*inside, max_bytes=max_bytes)).hexdigest()
    except DocumentRefused as exc:
        raise OSError(exc.reason) from exc


def expand(path: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The documents of one archive as member paths below it, and what was refused (the archive itself when it
    breaks a limit)."""
    try:
        members, refused = list_members(path)
    except DocumentRefused as exc:
        return [], [(path, exc.reason)]
    return [path / m.name for m in members], [(path / name, reason) for name, reason in refused]


def applicant_folders(path: Path) -> list[tuple[str, list[Path], list[tuple[Path, str]]]] | None:
    """An archive of applications, one folder per applicant (inside at most one enclosing folder): each
    applicant's (key, documents, refusals); None when the archive is one applicant's documents."""
    try:
        members, refused = list_members(path)
    except DocumentRefused:
        return None
    names = [m.name for m in members]
    prefix = ""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):  # "applications/<applicant>/<file>"
        prefix = f"{tops.pop()}/"
        names = [n[len(prefix):] for n in names]
    groups: dict[str, list[Path]] = {}
    for name in names:
        if "/" not in name:
            return None  # a loose file: the archive is not one folder per applicant
        groups.setdefault(name.split("/", 1)[0], []).append(path / (prefix + name))
    if len(groups) < 2:
        return None
    problems: dict[str, list[tuple[Path, str]]] = {}
    for name, reason in refused:
        top = name[len(prefix):].split("/", 1)[0] if name.startswith(prefix) else ""
        problems.setdefault(top if top in groups else "", []).append((path / name, reason))
    out = [(key, files, problems.get(key, [])) for key, files in sorted(groups.items())]
    if problems.get(""):
        out[0][2].extend(problems[""])
    return out


def _shown(name: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in name)[:120]
