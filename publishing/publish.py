"""Publish the handbook into a folder without ever leaving readers a broken or half-copied site.

    python -m publishing.publish TARGET             build, check, swap in, keep the previous version, zip
    python -m publishing.publish --rollback TARGET  put the previous version back (run again to redo)

The new site is built into a sibling folder of TARGET (same file system), checked (strict build,
every link and anchor, nothing off the intranet), zipped, and only then exchanged with TARGET in
one atomic rename. Until that rename nothing under TARGET is touched, so a failed build or check
leaves the published site byte for byte as it was. Beside TARGET live:
    TARGET.previous       the version before the last publish (for --rollback)
    TARGET.zip            the published site as one zip, for units without a web server
    TARGET.previous.zip   the zip of the previous version
Plain Python: no MkDocs API, so a move to another generator only changes `build_command`.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import fcntl
import logging
import os
import shutil
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .sitecheck import check_site

log = logging.getLogger("handbook.publish")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RENAME_EXCHANGE = 2  # linux/fs.h
# A folder that may be replaced: a published site (it has index.html), or an empty folder
SITE_MARKER = "index.html"


class PublishError(Exception):
    """A publish or rollback that did not happen; the published site is as it was."""


@dataclass(frozen=True)
class Layout:
    """Where the published site, its previous version and their zips live."""

    target: Path

    def beside(self, suffix: str) -> Path:
        return self.target.with_name(self.target.name + suffix)

    @property
    def previous(self) -> Path:
        return self.beside(".previous")

    @property
    def archive(self) -> Path:
        return self.beside(".zip")

    @property
    def previous_archive(self) -> Path:
        return self.beside(".previous.zip")

    @property
    def lock(self) -> Path:
        return self.beside(".lock")

    def scratch(self, what: str) -> Path:
        """A hidden sibling of the target, unique to this run, on the same file system."""
        return self.target.with_name(f".{self.target.name}.{what}-{os.getpid()}-{time.time_ns()}")


def build_command(project: Path, site_dir: Path) -> list[str]:
    """The strict build: any warning (broken link, missing anchor, bad data) fails it."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
            "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]


def build(project: Path, site_dir: Path) -> None:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(build_command(project, site_dir), capture_output=True, text=True,
                            env=environment, cwd=project)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise PublishError(f"Dựng trang thất bại, trang đang đăng không đổi.\n{output}")


def check(site_dir: Path) -> None:
    problems = check_site(site_dir)
    if problems:
        listed = "\n".join(f"  {problem}" for problem in problems[:20])
        more = f"\n  … và {len(problems) - 20} lỗi nữa" if len(problems) > 20 else ""
        raise PublishError(f"Kiểm tra trang đã dựng thấy {len(problems)} lỗi liên kết, "
                           f"trang đang đăng không đổi:\n{listed}{more}")


def make_archive(site_dir: Path, archive: Path, folder_name: str) -> None:
    """Zip the site under one folder, so that unzipping gives `folder_name/index.html`."""
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{folder_name}/{path.relative_to(site_dir).as_posix()}")


def exchange(first: Path, second: Path) -> None:
    """Swap two existing paths in one atomic step (Linux renameat2 RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    at_cwd = -100  # AT_FDCWD
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first))


def swap(new: Path, current: Path) -> None:
    """Afterwards `current` holds what `new` held and `new` holds the old `current`."""
    try:
        exchange(new, current)
    except OSError as error:
        # File systems without RENAME_EXCHANGE: two renames, with a moment without the site
        log.warning("Không đổi chỗ nguyên khối được (%s); đổi bằng hai lần đổi tên.", error)
        parked = current.with_name(new.name + ".parked")
        os.rename(current, parked)
        try:
            os.rename(new, current)
        except OSError:
            os.rename(parked, current)  # put the published site back before giving up
            raise
        os.rename(parked, new)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@contextmanager
def locked(layout: Layout):
    """One publish or rollback at a time for a target."""
    layout.lock.parent.mkdir(parents=True, exist_ok=True)
    with open(layout.lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"Đang có một lần đăng khác vào {layout.target}; chờ nó xong rồi chạy lại.") from None
        yield


def _remove_leftovers(layout: Layout) -> None:
    """Scratch folders of a publish that was killed (we hold the lock, so none is in use)."""
    for leftover in layout.target.parent.glob(f".{layout.target.name}.*-*"):
        log.info("Xóa phần dở dang của lần đăng trước: %s", leftover)
        remove(leftover)


def _check_target(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise PublishError(f"{target} không phải là thư mục; hãy chọn thư mục đích khác.")
    if target.is_dir() and any(target.iterdir()) and not (target / SITE_MARKER).is_file():
        raise PublishError(f"{target} có nội dung nhưng không phải trang đã đăng (không có {SITE_MARKER}); "
                           "không thay nó. Hãy chọn thư mục trống hoặc thư mục trang đã đăng.")
    project = PROJECT_ROOT.resolve()
    resolved = target.resolve()
    if resolved.is_relative_to(project) and not resolved.is_relative_to(project / "publish"):
        raise PublishError(f"{target} nằm trong mã nguồn của sổ tay; hãy đăng ra ngoài (hoặc vào publish/).")


def publish(target: Path, project: Path = PROJECT_ROOT) -> Path:
    """Build, check and swap in a new version of the site at `target`; returns the zip."""
    layout = Layout(Path(os.path.abspath(target)))
    _check_target(layout.target)
    layout.target.parent.mkdir(parents=True, exist_ok=True)
    with locked(layout):
        _remove_leftovers(layout)
        staging = layout.scratch("new")
        staged_archive = layout.scratch("zip")
        replaced = layout.target.is_dir()
        try:
            log.info("Dựng trang vào %s", staging)
            build(project, staging)
            log.info("Kiểm tra liên kết và neo")
            check(staging)
            log.info("Đóng gói %s", layout.archive.name)
            make_archive(staging, staged_archive, layout.target.name)
            # Nothing under the target has changed up to here; the swap changes all of it, or nothing.
            if replaced:
                swap(staging, layout.target)
            else:
                os.rename(staging, layout.target)
        except BaseException as error:
            remove(staging)
            remove(staged_archive)
            if isinstance(error, OSError):  # disk full, no permission, a failed rename …
                raise PublishError(f"Không đăng được bản mới ({error}); trang đang đăng không đổi.") from None
            raise
        if replaced:
            # `staging` now holds the version that was published until now
            remove(layout.previous)
            os.rename(staging, layout.previous)
        if layout.archive.exists():
            os.replace(layout.archive, layout.previous_archive)
        os.replace(staged_archive, layout.archive)
    log.info("Đã đăng %s (bản trước: %s; gói zip: %s)", layout.target, layout.previous, layout.archive)
    return layout.archive


def rollback(target: Path) -> None:
    """Put the previous version back; the version it replaces becomes the previous one."""
    layout = Layout(Path(os.path.abspath(target)))
    with locked(layout):
        if not layout.previous.is_dir():
            raise PublishError(f"Không có bản trước ({layout.previous}) để quay lại.")
        if not layout.target.is_dir():
            os.rename(layout.previous, layout.target)
        else:
            swap(layout.previous, layout.target)
        if layout.previous_archive.exists():
            parked = layout.scratch("zip")
            if layout.archive.exists():
                os.rename(layout.archive, parked)
            os.rename(layout.previous_archive, layout.archive)
            if parked.exists():
                os.rename(parked, layout.previous_archive)
    log.info("Đã quay lại bản trước tại %s; chạy lại lệnh này để trở về bản vừa thay.", layout.target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publishing.publish",
                                     description="Đăng sổ tay vào một thư mục, an toàn; hoặc quay lại bản trước.")
    parser.add_argument("target", type=Path, help="thư mục đích, ví dụ /srv/www/so-tay")
    parser.add_argument("--rollback", action="store_true", help="quay lại bản trước")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s - %(message)s")
    try:
        if arguments.rollback:
            rollback(arguments.target)
        else:
            publish(arguments.target)
    except PublishError as error:
        log.error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
