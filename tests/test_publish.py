"""Publishing: build aside, check, swap in atomically, keep the previous version, zip.

Each test publishes a throw-away copy of the project into a temporary folder, the way
`make publish TARGET=…` does, and compares the published folders byte for byte.
"""

from __future__ import annotations

import errno
import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from publishing import publish as publishing
from publishing.sitecheck import Problem, check_site

from helpers import BUILD_ENV, ROOT, copy_project

pytestmark = pytest.mark.build  # publishing builds the site


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under `folder`: content hash and modification time (lock file aside)."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        if path.name.endswith(".lock"):
            continue
        key = path.relative_to(folder).as_posix()
        if path.is_dir():
            entries[key + "/"] = ("folder", 0)
        else:
            entries[key] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return entries


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory) -> Path:
    """Built once per module: a target with two published versions (TARGET.previous and both zips)."""
    root = tmp_path_factory.mktemp("two-versions")
    project = copy_project(root / "project")
    target = root / "www" / "so-tay"
    publishing.publish(target, project)
    edit_home(project, "Bản thứ hai.")
    publishing.publish(target, project)
    return root / "www"


@pytest.fixture
def published(two_versions, project, tmp_path):
    """A fresh copy of the two published versions for one test; `project` is the second version."""
    shutil.copytree(two_versions, tmp_path / "www", symlinks=True)
    edit_home(project, "Bản thứ hai.")
    return tmp_path / "www" / "so-tay"


def edit_home(project: Path, sentence: str) -> None:
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_publish_swaps_in_keeps_the_previous_version_and_zips(project, tmp_path):
    target = tmp_path / "www" / "so-tay"
    archive = publishing.publish(target, project)
    assert archive == target.with_name("so-tay.zip")
    first = snapshot(target)
    assert "index.html" in first and "search/manifest.js" in first
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert "so-tay/index.html" in names
        assert bundle.read("so-tay/index.html") == (target / "index.html").read_bytes()
    assert len(names) == len([k for k in first if not k.endswith("/")])

    edit_home(project, "Bản thứ hai.")
    publishing.publish(target, project)
    assert "Bản thứ hai." in (target / "index.html").read_text(encoding="utf-8")
    assert snapshot(target.with_name("so-tay.previous")) == first
    with zipfile.ZipFile(target.with_name("so-tay.previous.zip")) as bundle:
        assert "Bản thứ hai." not in bundle.read("so-tay/index.html").decode()
    with zipfile.ZipFile(target.with_name("so-tay.zip")) as bundle:
        assert "Bản thứ hai." in bundle.read("so-tay/index.html").decode()
    assert leftovers(target.parent) == []


def test_rollback_restores_the_previous_version_and_can_be_undone(published):
    second = snapshot(published)
    first = snapshot(published.with_name("so-tay.previous"))
    second_zip = published.with_name("so-tay.zip").read_bytes()
    publishing.rollback(published)
    assert snapshot(published) == first
    assert "Bản thứ hai." not in (published / "index.html").read_text(encoding="utf-8")
    assert published.with_name("so-tay.previous.zip").read_bytes() == second_zip
    publishing.rollback(published)               # the same command brings the newer version back
    assert snapshot(published) == second
    assert published.with_name("so-tay.zip").read_bytes() == second_zip


def break_the_catalogue(project, monkeypatch):
    documents = project / "data" / "documents.yml"
    documents.write_text(documents.read_text(encoding="utf-8").replace('"2016-05-16"', '"16/05/2016"'),
                         encoding="utf-8")
    return "16/05/2016"


def fail_the_link_check(project, monkeypatch):
    monkeypatch.setattr(publishing, "check_site",
                        lambda site: [Problem("index.html", "van-ban/khong-co.html", "liên kết hỏng (không có tệp)")])
    return "van-ban/khong-co.html"


def fill_the_disk_while_zipping(project, monkeypatch):
    def half_written(site_dir, archive, folder_name):
        archive.write_bytes(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(publishing, "make_archive", half_written)
    return "No space left on device"


def fail_the_swap(project, monkeypatch):
    """No atomic exchange on this file system, and the second rename fails too."""
    def no_exchange(first, second):
        raise OSError(errno.EINVAL, "Invalid argument")
    real_rename = publishing.os.rename
    renames = []

    def rename(source, destination):
        renames.append(source)
        if len(renames) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real_rename(source, destination)
    monkeypatch.setattr(publishing, "exchange", no_exchange)
    monkeypatch.setattr(publishing.os, "rename", rename)
    return "Input/output error"


@pytest.mark.parametrize("failure", [break_the_catalogue, fail_the_link_check, fill_the_disk_while_zipping,
                                     fail_the_swap])
def test_a_publish_that_fails_half_way_leaves_everything_byte_for_byte(failure, published, project, monkeypatch):
    edit_home(project, "Bản thứ ba, không được đăng.")
    before = snapshot(published.parent)
    message = failure(project, monkeypatch)
    with pytest.raises(publishing.PublishError) as raised:
        publishing.publish(published, project)
    assert message in str(raised.value)
    assert "trang đang đăng không đổi" in str(raised.value)
    assert snapshot(published.parent) == before
    assert leftovers(published.parent) == []


def test_without_atomic_exchange_the_publish_still_completes(published, project, monkeypatch):
    def no_exchange(first, second):
        raise OSError(errno.EINVAL, "Invalid argument")
    monkeypatch.setattr(publishing, "exchange", no_exchange)
    previous = snapshot(published)
    edit_home(project, "Bản thứ ba.")
    publishing.publish(published, project)
    assert "Bản thứ ba." in (published / "index.html").read_text(encoding="utf-8")
    assert snapshot(published.with_name("so-tay.previous")) == previous
    assert leftovers(published.parent) == []


def test_leftovers_of_a_killed_publish_are_cleared(published, project):
    stale = published.with_name(".so-tay.new-1-1")
    (stale / "ke-hoach").mkdir(parents=True)
    (stale / "ke-hoach" / "can-cu.html").write_text("dở dang")
    published.with_name(".so-tay.zip-1-1").write_bytes(b"PK")
    publishing.publish(published, project)
    assert leftovers(published.parent) == []


def test_a_folder_that_is_not_a_published_site_is_never_replaced(project, tmp_path):
    target = tmp_path / "tai-lieu"
    target.mkdir()
    (target / "bao-cao.docx").write_bytes(b"not a site")
    before = snapshot(tmp_path)
    with pytest.raises(publishing.PublishError, match="không phải trang đã đăng"):
        publishing.publish(target, project)
    assert snapshot(tmp_path) == before


def test_the_command_line_reports_errors_in_vietnamese_and_fails(tmp_path):
    result = subprocess.run([sys.executable, "-m", "publishing.publish", "--rollback", str(tmp_path / "so-tay")],
                            cwd=ROOT, capture_output=True, text=True, env=BUILD_ENV, timeout=60)
    assert result.returncode == 1
    assert "Không có bản trước" in result.stderr


# The link check the publish command runs, on small broken sites and on the real one

BROKEN_LINKS = [
    ('<a href="khong-co.html">x</a>', "liên kết hỏng"),
    ('<a href="../trang.html#khong-co">x</a>', "neo hỏng"),
    ('<a href="#khong-co">x</a>', "neo hỏng"),
    ('<a href="https://fonts.googleapis.com/css">x</a>', "ra ngoài mạng nội bộ không được đánh dấu"),
    ('<a href="https://vbpl.vn/" class="hb-outbound">x</a>', "không được đánh dấu"),  # no rel
    ('<a href="https://vbpl.vn/" rel="external noopener">x</a>', "không được đánh dấu"),  # no class
    ('<a href="javascript:void(0)" class="hb-outbound" rel="external noopener">x</a>', "không phải địa chỉ http(s)"),
    ('<script src="//unpkg.com/iframe-worker/shim"></script>', "tài nguyên nạp từ ngoài mạng nội bộ"),
    ('<img src="https://vbpl.vn/logo.png" class="hb-outbound" rel="external noopener" alt="">', "tài nguyên nạp từ ngoài"),
    ('<link href="https://cdn.example/x.css" class="hb-outbound" rel="external noopener stylesheet">', "tài nguyên nạp từ ngoài"),
    ('<link href="/assets/main.css" rel="stylesheet">', "tuyệt đối"),
    ('<img src="../../ngoai.png" alt="">', "ra ngoài thư mục trang"),
    ('<a href="./">x</a>', "tới thư mục"),
]


def test_link_check_lets_out_only_the_marked_links_to_sources(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a class="hb-outbound" rel="external noopener" href="https://vbpl.vn/TW/Pages/vbpq-timkiem.aspx?Keyword=16">x</a>'
        '<a class="hb-evidence hb-outbound" rel="noopener external" href="http://thuvienphapluat.vn/">y</a>')
    assert check_site(tmp_path) == []


@pytest.mark.parametrize(("link", "reason"), BROKEN_LINKS)
def test_link_check_names_the_page_the_link_and_the_reason(tmp_path, link, reason):
    (tmp_path / "muc").mkdir()
    (tmp_path / "trang.html").write_text('<p id="doan-1">x</p><a href="mailto:vanphong@example.vn">x</a>')
    (tmp_path / "muc" / "index.html").write_text(f'<a href="../trang.html#doan-1">x</a>{link}')
    (tmp_path / "index.html").write_text('<a href="muc/index.html">x</a>')
    problems = check_site(tmp_path)
    assert [(p.page, p.link) for p in problems] == [("muc/index.html", link.split('"')[1])]
    assert reason in problems[0].reason
