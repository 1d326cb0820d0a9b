"""Search: queries typed into the handbook's search box, in Chromium, over HTTP and file://.

Every query here is typed into the real box (overrides/partials/search.html, search/ui.js) and
read from the results it shows, so they test the index (macros/search/), the engine
(search/engine.js) and the interface together. The interface itself: tests/test_search_ui.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.slugs import fold

from helpers import RESULTS, RESULTS_READY, SEARCH_BOX, mkdocs_build, type_query

# (query as staff type it, "first" or "top3", pages of which one must be there)
DOC = "van-ban/"
PLAN = "ke-hoach/dan-van-2022/"
QUERIES = [
    # Document numbers, every common spelling: the document's own page comes first
    ("16/CT-TTg", "first", [DOC + "chi-thi-16-ct-ttg.html"]),
    ("CT-TTg", "first", [DOC + "chi-thi-16-ct-ttg.html"]),
    ("16/CT", "first", [DOC + "chi-thi-16-ct-ttg.html"]),
    ("16/ct-ttg", "first", [DOC + "chi-thi-16-ct-ttg.html"]),
    ("Chỉ thị 16", "first", [DOC + "chi-thi-16-ct-ttg.html"]),
    ("chi thi 16", "first", [DOC + "chi-thi-16-ct-ttg.html"]),
    ("chỉ thị 16 thủ tướng", "first", [DOC + "chi-thi-16-ct-ttg.html"]),
    # The decree the plan cites, above 285/2025/NĐ-CP, which the plan does not cite (found later)
    ("NĐ-CP", "first", [DOC + "nghi-dinh-04-2015-nd-cp.html"]),
    ("nd-cp", "first", [DOC + "nghi-dinh-04-2015-nd-cp.html"]),
    ("04/2015/ND-CP", "first", [DOC + "nghi-dinh-04-2015-nd-cp.html"]),
    ("4/2015/NĐ-CP", "first", [DOC + "nghi-dinh-04-2015-nd-cp.html"]),
    ("217-QĐ/TW", "first", [DOC + "quyet-dinh-217-qd-tw.html"]),
    ("217/QĐ-TW", "first", [DOC + "quyet-dinh-217-qd-tw.html"]),
    ("217- QĐ/TW", "first", [DOC + "quyet-dinh-217-qd-tw.html"]),
    ("QD 217", "first", [DOC + "quyet-dinh-217-qd-tw.html"]),
    ("qđ 217", "first", [DOC + "quyet-dinh-217-qd-tw.html"]),
    ("218-QĐ/TW", "first", [DOC + "quyet-dinh-218-qd-tw.html"]),
    ("Quyết định 1238", "first", [DOC + "quyet-dinh-1238-qd-tu.html"]),
    ("nghi quyet 25", "first", [DOC + "nghi-quyet-25-nq-tw.html"]),
    ("25-NQ/TW", "first", [DOC + "nghi-quyet-25-nq-tw.html"]),
    ("ket luan 120", "first", [DOC + "ket-luan-120-kl-tw.html"]),
    ("KL 114", "first", [DOC + "ket-luan-114-kl-tw.html"]),
    ("30-CT/TW", "first", [DOC + "chi-thi-30-ct-tw.html"]),
    ("193/KH-UBND", "first", [DOC + "ke-hoach-193-kh-ubnd.html"]),
    ("4215/UBND-NC", "first", [DOC + "cong-van-4215-ubnd-nc.html"]),
    ("hien phap 2013", "first", [DOC + "hien-phap-2013.html"]),
    ("đề án 01", "first", [DOC + "de-an-01-da-tu.html"]),
    ("khóa XII", "first", [DOC + "nghi-quyet-hoi-nghi-tw4-khoa-xii.html", DOC + "nghi-quyet-dai-hoi-xii.html"]),
    # Topics, with and without diacritics: the most specific page is in the top 3
    ("giám sát và phản biện xã hội", "top3", [DOC + "quyet-dinh-217-qd-tw.html"]),
    ("giam sat va phan bien xa hoi", "top3", [DOC + "quyet-dinh-217-qd-tw.html"]),
    ("kinh phí", "top3", [PLAN + "iii-kinh-phi-thuc-hien.html"]),
    ("kinh phi", "top3", [PLAN + "iii-kinh-phi-thuc-hien.html"]),
    ("một cửa", "top3", [PLAN + "ii-2-cai-cach-thu-tuc-hanh-chinh.html"]),
    ("mot cua", "top3", [PLAN + "ii-2-cai-cach-thu-tuc-hanh-chinh.html"]),
    ("cai cach hanh chinh", "top3", [PLAN + "ii-2-cai-cach-thu-tuc-hanh-chinh.html"]),
    ("quy che dan chu", "top3", [PLAN + "ii-1-quan-triet-hoc-tap.html", PLAN + "i-muc-dich-yeu-cau.html",
                                 DOC + "chi-thi-30-ct-tw.html", DOC + "ket-luan-120-kl-tw.html"]),
    ("thi đua", "top3", [PLAN + "ii-3-chinh-sach-xa-hoi.html"]),
    ("dân vận khéo", "top3", [PLAN + "i-muc-dich-yeu-cau.html", PLAN + "ii-3-chinh-sach-xa-hoi.html"]),
    ("mat tran to quoc", "top3", [PLAN + "ii-5-phoi-hop-mat-tran.html"]),
    ("van phong so", "top3", [PLAN + "iv-to-chuc-thuc-hien.html"]),
]

# A document's subject (trích yếu), or most of it, typed as the query, with and without diacritics:
# the document's own page is in the top 3 and above every plan page, although plan pages quote the
# same words inside long paragraphs and have long section titles made of the same common words.
# (wording, the same typed without diacritics, document)
SUBJECTS = [
    ("tăng cường và đổi mới công tác dân vận trong cơ quan hành chính nhà nước",
     "tang cuong va doi moi cong tac dan van trong co quan hanh chinh nha nuoc", "chi-thi-16-ct-ttg"),
    ("quy chế giám sát và phản biện xã hội của mặt trận tổ quốc",
     "quy che giam sat va phan bien xa hoi cua mat tran to quoc", "quyet-dinh-217-qd-tw"),
    ("tăng cường kỷ luật, kỷ cương hành chính trên địa bàn tỉnh",
     "tang cuong ky luat, ky cuong hanh chinh tren dia ban tinh", "chi-thi-18-ct-ubnd"),
    ("nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp",
     "nang cao hieu qua cong tac dan van cua co quan nha nuoc cac cap", "ket-luan-114-kl-tw"),
    ("thực hiện dân chủ trong hoạt động của cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập",
     "thuc hien dan chu trong hoat dong cua co quan hanh chinh nha nuoc va don vi su nghiep cong lap",
     "nghi-dinh-04-2015-nd-cp"),
    ("tăng cường và đổi mới công tác dân vận của Đảng ở vùng đồng bào dân tộc thiểu số",
     "tang cuong va doi moi cong tac dan van cua dang o vung dong bao dan toc thieu so", "chi-thi-49-ct-tw"),
    ("tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
     "tang cuong va doi moi su lanh dao cua dang doi voi cong tac dan van trong tinh hinh moi",
     "nghi-quyet-25-nq-tw"),
    ("Mặt trận Tổ quốc Việt Nam các đoàn thể chính trị - xã hội và nhân dân tham gia góp ý xây dựng Đảng",
     "mat tran to quoc viet nam cac doan the chinh tri - xa hoi va nhan dan tham gia gop y xay dung dang",
     "quyet-dinh-218-qd-tw"),
]
SUBJECT_QUERIES = [(typed, DOC + f"{document}.html")
                   for accented, folded, document in SUBJECTS for typed in (accented, folded)]


def words(text: str) -> list[str]:
    """The words of a text as the search compares them: folded, without punctuation."""
    return re.findall(r"[a-z0-9]+", fold(text))


def page_path(href: str, base: str) -> str:
    return urlsplit(href).path.removeprefix(urlsplit(base).path)


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type in ("error", "warning") and errors.append(message.text))
    page.goto(site_url + "index.html")
    page.errors = errors
    yield page
    context.close()


@pytest.mark.parametrize(("query", "rank", "expected"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_finds_the_expected_page(search_page, site_url, query, rank, expected):
    results = [page_path(r["href"], site_url) for r in type_query(search_page, query)]
    shown = results[:1] if rank == "first" else results[:3]
    assert set(shown) & set(expected), f"{query!r}: expected {expected} {rank}, got {results[:5]}"


def test_the_suite_is_large_enough():
    assert len(QUERIES) >= 30
    assert len(SUBJECTS) >= 6


def subject_misranked(results: list[str], expected: str) -> str | None:
    """Why a subject query's results are wrong (None if right): the page in the top 3, no plan page above."""
    if expected not in results[:3]:
        return f"expected {expected} in the top 3, got {results[:5]}"
    plan_pages_above = [page for page in results[:results.index(expected)] if page.startswith(PLAN)]
    if plan_pages_above:
        return f"plan pages {plan_pages_above} above {expected}"
    return None


def test_subject_queries_are_the_documents_subjects(built_site, page_html):
    """Each query of SUBJECTS is, word for word, part of its document's subject on the built page."""
    for accented, folded, document in SUBJECTS:
        assert folded == fold(accented)
        subject = page_html(built_site / DOC / f"{document}.html").select_one("p.hb-subject")
        assert subject is not None, f"{document}: no subject paragraph (p.hb-subject) on its page"
        wording, text = " ".join(words(accented)), " ".join(words(subject.get_text(" ")))
        assert f" {wording} " in f" {text} ", f"{document}: {accented!r} is not in its subject {text!r}"


@pytest.mark.parametrize(("query", "expected"), SUBJECT_QUERIES, ids=[q for q, _ in SUBJECT_QUERIES])
def test_subject_finds_the_documents_page_before_plan_pages(search_page, site_url, query, expected):
    results = [page_path(r["href"], site_url) for r in type_query(search_page, query)]
    problem = subject_misranked(results, expected)
    assert problem is None, f"{query!r}: {problem}"


# A query and a word its results mark as written (also checked on the engine alone: test_search_index.py)
MARKED = [
    ("chi thi", "Chỉ"),            # diacritics ignored, the word marked as written
    ("dang", "Đảng"),              # đ folded to d
    ("khóa XII", "khoá"),          # new tone placement finds the old one
    ("văn hoá", "hóa"),            # and the other way round
    ("hoá", "hóa"),                # a word typed alone: its completions too
    ("ngày", "ngày"),              # no stemmer ("ngày" is not "ngài")
    ('"dân vận"', "vận"),          # quotes are punctuation: the words are folded too
    ("217- QĐ/TW", "QĐ"),
]


@pytest.mark.parametrize(("query", "written"), MARKED)
def test_results_highlight_words_as_written(search_page, query, written):
    html = "".join(r["html"] for r in type_query(search_page, query))
    assert f"<mark>{written}</mark>" in html


def test_opened_page_marks_the_words_as_written(search_page, site_url):
    results = type_query(search_page, "chi thi 16 thu tuong")
    assert page_path(results[0]["href"], site_url) == DOC + "chi-thi-16-ct-ttg.html"
    search_page.goto(results[0]["href"])
    search_page.wait_for_selector("article mark[data-hb-found]")
    marked = search_page.eval_on_selector_all("article mark[data-hb-found]", "ms => ms.map(m => m.textContent)")
    assert {"Chỉ", "thị", "16"} <= set(marked)     # the link carries the words matched: ?h=Chỉ thị 16 …
    assert set(marked) <= {"Chỉ", "thị", "16", "Thủ", "tướng", "Tướng", "chỉ", "Chi", "thi"}
    assert not search_page.eval_on_selector_all("mark mark", "ms => ms.length")
    assert "h=" not in search_page.url     # taken out of the address: a reload shows the page plain
    assert search_page.errors == []
    search_page.goto(site_url + "index.html")


def test_search_works_from_file_url_without_internet(browser, built_site):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    context.route(lambda url: not url.startswith("file:"),
                  lambda route: (outside.append(route.request.url), route.abort()))
    try:
        page.goto((built_site / "index.html").as_uri())
        results = type_query(page, "QD 217")
        assert urlsplit(results[0]["href"]).path.endswith("/van-ban/quyet-dinh-217-qd-tw.html")
        assert "<mark>QĐ</mark>" in results[0]["html"] + results[1]["html"] or "<mark>217</mark>" in results[0]["html"]
        page.goto(results[0]["href"])
        page.wait_for_selector("article mark[data-hb-found]")
    finally:
        context.close()
    assert outside == []


# At scale: the real documents plus 1,975 synthetic ones (benchmarks/synthetic.py), from file://
SCALE_QUERIES = [
    ("1001/2011/CT-TTg", DOC + "tu-lieu-00002.html"),
    ("1001/CT-TTg", DOC + "tu-lieu-00002.html"),
    ("QD 1000", DOC + "tu-lieu-00001.html"),
    ("ket luan 1003", DOC + "tu-lieu-00004.html"),
    ("16/CT-TTg", DOC + "chi-thi-16-ct-ttg.html"),
    ("Chỉ thị 16", DOC + "chi-thi-16-ct-ttg.html"),
    ("217/QĐ-TW", DOC + "quyet-dinh-217-qd-tw.html"),
    ("nghi quyet 25", DOC + "nghi-quyet-25-nq-tw.html"),
]


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> Path:
    from synthetic import write_project
    project = write_project(tmp_path_factory.mktemp("synthetic") / "project", 2000)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_document_numbers_rank_first_among_2000_documents(browser, synthetic_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto((synthetic_site / "index.html").as_uri())
        for query, expected in SCALE_QUERIES:
            results = type_query(page, query)
            first = urlsplit(results[0]["href"]).path
            assert first.endswith("/" + expected), f"{query!r}: {first}"
            assert len(results) <= 50             # the box shows the best 50 (search/ui.js)
    finally:
        context.close()


def test_subjects_find_the_documents_page_among_2000_documents(browser, synthetic_site):
    """The same subjects, from file://, among 1,975 synthetic documents whose subjects share their words."""
    context = browser.new_context()
    page = context.new_page()
    base = synthetic_site.as_uri() + "/"
    problems = []
    try:
        page.goto(base + "index.html")
        for query, expected in SUBJECT_QUERIES:
            results = [page_path(r["href"], base) for r in type_query(page, query)]
            problem = subject_misranked(results, expected)
            if problem:
                problems.append(f"{query!r}: {problem}")
    finally:
        context.close()
    assert problems == []


@pytest.mark.parametrize("over", ["http", "file"])
def test_the_index_loads_only_when_the_reader_searches(browser, site_url, built_site, over):
    """The engine and its index (megabytes at thousands of documents) are not part of a page view:
    engine.js and search/*.js load when the reader first uses the box, and then only the parts the
    query needs."""
    context = browser.new_context()
    page = context.new_page()
    index_requests, engine_requests = [], []
    page.on("request", lambda request: re.search(r"/search/[^/]+$", urlsplit(request.url).path)
            and (engine_requests if "/assets/" in request.url else index_requests).append(request.url))
    try:
        home = site_url + "index.html" if over == "http" else (built_site / "index.html").as_uri()
        page.goto(home, wait_until="networkidle")
        page.wait_for_timeout(300)
        assert index_requests == []
        assert [url.rsplit("/", 1)[-1] for url in engine_requests] == ["ui.js"]
        results = type_query(page, "chi thi 16")
        assert urlsplit(results[0]["href"]).path.endswith("/van-ban/chi-thi-16-ct-ttg.html")
        assert [url.rsplit("/", 1)[-1] for url in engine_requests] == ["ui.js", "engine.js"]
        # The real handbook's index is small: whole in its manifest, one file (a large one's parts:
        # tests/test_search_index.py)
        loaded = {urlsplit(url).path.rsplit("/", 1)[-1] for url in index_requests}
        assert loaded == {"manifest.js"} == {path.name for path in (built_site / "search").glob("*.js")}
        # A shared search link (?q=) opens the box with its results
        page.goto(home + "?q=kinh+phi")
        page.wait_for_function(RESULTS_READY, arg="kinh phi", timeout=10_000)
        assert page.input_value(SEARCH_BOX) == "kinh phi" and page.locator(RESULTS).count() > 0
    finally:
        context.close()
