"""Every year's plan in one handbook: the automatic cut, one catalogue, comparison, old addresses.

The second plan is fictional test data (tests/fixtures/plans/, never published): the tests put it
into a copy of the project.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.errors import DataError
from macros.model import load_handbook
from macros.model.cut import short_title
from macros.render.compare import heading_key

from helpers import (
    ROOT,
    TEST_PLAN,
    add_test_plan,
    axe_violations,
    copy_project,
    mkdocs_build,
    redirect_pages,
    serve_directory,
    served_page,
    site_pages,
    type_query,
)

REAL = "dan-van-2022"
# The 2022 plan's pages, as published before the handbook held several plans (their old addresses)
PAGES_2022 = [("can-cu", "can-cu"), ("i", "i-muc-dich-yeu-cau"), ("ii", "ii-noi-dung-thuc-hien"),
              ("ii-1", "ii-1-quan-triet-hoc-tap"), ("ii-2", "ii-2-cai-cach-thu-tuc-hanh-chinh"),
              ("ii-3", "ii-3-chinh-sach-xa-hoi"), ("ii-4", "ii-4-phuong-thuc-dieu-hanh"),
              ("ii-5", "ii-5-phoi-hop-mat-tran"), ("ii-6", "ii-6-doi-voi-ca-nhan"), ("iii", "iii-kinh-phi-thuc-hien"),
              ("iv", "iv-to-chuc-thuc-hien"), ("noi-nhan", "noi-nhan")]


def resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(urlsplit(href).path)))


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory) -> Path:
    """A copy of the project with the fictional 2023 test plan beside the real 2022 plan."""
    return add_test_plan(copy_project(tmp_path_factory.mktemp("two-plans") / "project"))


@pytest.fixture(scope="module")
def two_model(two_plans):
    return load_handbook(two_plans)


@pytest.fixture(scope="module")
def two_site(two_plans) -> Path:
    site = two_plans.parent / "site"
    result = mkdocs_build(two_plans, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# ---------------------------------------------------------------- the automatic cut

def test_the_2022_plan_keeps_its_pages_paragraphs_and_anchors(handbook):
    plan = handbook.plan(REAL)
    assert [(s.id, Path(s.file).stem) for s in plan.sections] == PAGES_2022
    assert all(s.file.startswith(f"ke-hoach/{REAL}/") for s in plan.sections)
    assert plan.identity == ("Số: /KH-SVHTTDL", "Bình Phước, ngày tháng 3 năm 2022",
                             "KẾ HOẠCH **Thực hiện công tác dân vận năm 2022**")
    assert plan.signature == ("GIÁM ĐỐC", "Trần Văn Chung") and plan.issued == (2022, 3)
    # Parts I and IV stay whole (the header says so); their numbered items are headings there
    assert [b.anchor for b in plan.section("iv").blocks if b.kind == "heading"] == ["iv-1", "iv-2", "iv-3"]
    assert [len(s.paragraphs) for s in plan.sections] == [3, 8, 0, 3, 2, 2, 2, 1, 2, 1, 7, 8]  # as before the cut was automatic
    assert plan.section("ii-1").paragraphs[2].anchor == "ii-1-doan-3"


def test_the_test_plan_is_cut_at_its_own_upper_case_headings(two_model):
    plan = two_model.plan(TEST_PLAN)
    assert [s.id for s in plan.sections] == ["can-cu", "i", "ii", "ii-1", "ii-2", "ii-3", "iii", "iv", "v",
                                             "noi-nhan"]
    assert [s.nav for s in plan.sections][1:4] == ["I. Mục đích, yêu cầu", "II. Nhiệm vụ trọng tâm",
                                                   "1. Tuyên truyền, học tập"]
    assert [s.parent for s in plan.sections if s.parent] == ["ii", "ii", "ii"]
    assert plan.section("iii").paragraphs[1].text.endswith("về \"Quy chế giám sát và phản biện xã hội\".")
    assert "chủ động phối hợp với Ủy ban Mặt trận" in plan.section("iii").paragraphs[1].text  # the page break joined
    assert plan.issued == (2023, 2) and plan.number == "07/KH-THUNGHIEM"


@pytest.mark.parametrize(("heading", "short"), [
    ("I. MỤC ĐÍCH, YÊU CẦU", "Mục đích, yêu cầu"),
    ("2. Đẩy mạnh cải cách thủ tục hành chính gắn với việc nâng cao trách nhiệm của người đứng đầu",
     "Đẩy mạnh cải cách thủ tục hành chính …"),
    ("III. Kinh phí thực hiện", "Kinh phí thực hiện"),
])
def test_short_titles(heading, short):
    assert short_title(heading) == short


def test_plans_are_newest_first_and_compared_with_the_previous_of_their_kind(two_model):
    assert [p.id for p in two_model.plans] == [TEST_PLAN, REAL]
    assert two_model.previous(two_model.plan(TEST_PLAN)).id == REAL
    assert two_model.previous(two_model.plan(REAL)) is None


# ---------------------------------------------------------------- one catalogue for all plans

def test_citations_are_found_in_every_plan(two_model):
    assert [p.id for p in two_model.plans_citing("chi-thi-16-ct-ttg")] == [TEST_PLAN, REAL]
    assert [p.id for p in two_model.plans_citing("quyet-dinh-1238-qd-tu")] == [REAL]
    assert [p.id for p in two_model.plans_citing("chi-thi-99-ct-thunghiem")] == [TEST_PLAN]
    # The same anchor in two plans is two places
    assert {c.plan_id for c in two_model.citations if c.anchor == "ii-1-doan-1"} == {TEST_PLAN, REAL}


def test_a_document_page_groups_its_citations_by_plan(two_site, two_model):
    from bs4 import BeautifulSoup
    page = "van-ban/chi-thi-16-ct-ttg.html"
    article = BeautifulSoup((two_site / page).read_text(encoding="utf-8"), "html.parser").select_one("article")
    groups = article.select("h3.hb-backlink-plan")
    assert [h.get_text().rstrip("¶") for h in groups] == [p.title for p in two_model.plans]
    line = article.select_one(".hb-citing-plans").get_text(" ")
    assert line.startswith("2 Kế hoạch viện dẫn văn bản này")
    for heading, plan in zip(groups, two_model.plans, strict=True):
        links = heading.find_next_sibling("ul").select("a.hb-backlink")
        assert links and all(resolve(page, a["href"]).startswith(f"ke-hoach/{plan.id}/") for a in links)


def test_the_navigation_lists_the_plans_newest_first_with_their_sections(two_site, two_model):
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((two_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    titles = [label.get_text(" ", strip=True) for label in soup.select(".md-nav--primary .md-nav__title")]
    assert titles.index(two_model.plans[0].title) < titles.index(two_model.plans[1].title)
    hrefs = [a["href"] for a in soup.select(".md-nav--primary a[href]")]
    for plan in two_model.plans:
        for section in plan.sections:
            assert section.file[:-3] + ".html" in hrefs


def test_the_comparison_page_shows_documents_sections_and_duties(two_site, two_model):
    from bs4 import BeautifulSoup
    page = f"ke-hoach/{TEST_PLAN}/so-sanh.html"
    article = BeautifulSoup((two_site / page).read_text(encoding="utf-8"), "html.parser").select_one("article")

    def names(key):
        return [a.get_text() for a in article.find(id=f"van-ban-{key}").find_next_sibling("ul").select("a")]

    assert names("new") == ["Chỉ thị số 99/CT-THUNGHIEM"]
    assert "Quyết định số 1238-QĐ/TU" in names("dropped")
    assert "Chỉ thị số 16/CT-TTg" in names("both") and "Quyết định số 1238-QĐ/TU" not in names("both")
    both = article.find(id="van-ban-both").find_next_sibling("ul").get_text()
    assert "Hiến pháp năm 2013: đã được sửa đổi, bổ sung" in both  # the standing found outside the plans
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in article.find(id="cac-muc").find_next("table").select("tbody tr")]
    assert ["I. Mục đích, yêu cầu", "I. Mục đích, yêu cầu"] in rows
    assert ["IV. Tổ chức thực hiện", "V. Tổ chức thực hiện"] in rows  # matched by words, not number
    duties = article.find(id="nhiem-vu").find_next("table").get_text(" ")
    assert "10/03/2023" in duties and "10/03/2022" in duties


def test_each_plans_first_page_lists_the_documents_it_cites_by_date(two_site, two_model):
    from bs4 import BeautifulSoup
    for plan in two_model.plans:
        article = BeautifulSoup((two_site / plan.overview_file.replace(".md", ".html")).read_text(encoding="utf-8"),
                                "html.parser").select_one("article")
        names = [a.get_text() for a in article.select(".hb-timeline li > a")]
        cited = two_model.documents_cited_by(plan.id)
        assert sorted(names) == sorted(d.name for d in cited), plan.id
        # The plan's own map: what it cites, and the documents found later to replace, amend or continue them
        later = {r.later for d in cited for r in two_model.status.relations_from(d.id)}
        nodes = {" ".join(t.get_text() for t in g.select("text.hb-map-name"))
                 for g in article.select("svg.hb-map .hb-map-node")}
        assert nodes == {d.name for d in cited} | {two_model.catalogue.get(i).name for i in later}, plan.id
        assert article.find(id="ke-hoach").get_text().rstrip("¶").startswith("KẾ HOẠCH")


def test_sections_match_by_heading_words(two_model):
    old, new = two_model.plan(REAL), two_model.plan(TEST_PLAN)
    assert heading_key(old.section("iv")) == heading_key(new.section("v")) == "to chuc thuc hien"
    assert heading_key(old.section("can-cu")) == heading_key(new.section("can-cu"))


def test_each_plan_prints_with_its_own_identity(two_site, two_model):
    from bs4 import BeautifulSoup
    for plan in two_model.plans:
        for path in (plan.sections[3].file[:-3] + ".html", plan.whole_plan_file[:-3] + ".html"):
            soup = BeautifulSoup((two_site / path).read_text(encoding="utf-8"), "html.parser")
            text = " ".join(soup.select_one("article").get_text(" ").split())
            assert plan.department in text and plan.number in text and plan.place_date in text, path
            header = soup.select_one(".hb-print-header")
            if header:  # a section page; the whole-plan page opens with the plan's identity itself
                assert f"Số: {plan.number}, {plan.place_date}" in header.get_text()


def test_the_duties_calendar_covers_every_plan(two_site):
    allplans = (two_site / "tra-cuu/han-hoan-thanh.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20230310" in allplans and "DTSTART;VALUE=DATE:20220310" in allplans
    own = (two_site / f"ke-hoach/{TEST_PLAN}/han-hoan-thanh.ics").read_text(encoding="utf-8")
    assert "20230310" in own and "20220310" not in own
    assert "@so-tay-dan-van-2022.svhttdl.binhphuoc" in allplans  # the 2022 events keep their UIDs


@pytest.mark.build
def test_a_plan_that_is_a_catalogue_record_is_linked_from_its_page(tmp_path):
    from bs4 import BeautifulSoup
    project = add_test_plan(copy_project(tmp_path / "project"))
    header = project / "data" / "plans" / f"{TEST_PLAN}.yml"
    header.write_text(header.read_text(encoding="utf-8") + "catalogue: ke-hoach-dan-van-2021\n", encoding="utf-8")
    assert load_handbook(project).plan_of_record("ke-hoach-dan-van-2021").id == TEST_PLAN
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = "van-ban/ke-hoach-dan-van-2021.html"
    own = BeautifulSoup((tmp_path / "site" / page).read_text(encoding="utf-8"), "html.parser").select_one(".hb-own-plan a")
    assert resolve(page, own["href"]) == f"ke-hoach/{TEST_PLAN}/index.html"
    header.write_text(header.read_text(encoding="utf-8").replace("ke-hoach-dan-van-2021", "khong-co"), encoding="utf-8")
    with pytest.raises(DataError, match=r"trường 'catalogue'.*không có bản ghi 'khong-co'.*Cách sửa"):
        load_handbook(project)


# ---------------------------------------------------------------- old addresses

def test_every_old_address_leads_to_its_page(built_site, handbook):
    pages = set(site_pages(built_site))
    redirects = redirect_pages(built_site)
    old = [f"ke-hoach/{file}.html" for _, file in PAGES_2022] + ["ke-hoach/toan-van.html"]
    assert sorted(old) == redirects
    for path in old:
        html = (built_site / path).read_text(encoding="utf-8")
        target = html.split('url=', 1)[1].split('"', 1)[0]
        assert resolve(path, target) in pages, path
        assert not target.startswith(("/", "http")), target  # relative: any sub-path, and from a folder


@pytest.mark.browser
def test_an_old_address_with_an_anchor_opens_the_new_page_from_a_folder(browser, built_site):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto((built_site / "ke-hoach/ii-1-quan-triet-hoc-tap.html").as_uri() + "#ii-1-doan-3")
        page.wait_for_url(f"**/ke-hoach/{REAL}/ii-1-quan-triet-hoc-tap.html#ii-1-doan-3")
        assert page.locator("#ii-1-doan-3").is_visible()
    finally:
        context.close()


# ---------------------------------------------------------------- search across plans

@pytest.mark.browser
def test_results_say_which_plan_they_come_from(browser, two_site, two_model):
    with served_page(browser, two_site) as page:
        type_query(page, "mot cua")
        labels = page.locator(".hb-result--section .hb-result__kind").all_text_contents()
        # "Mục Kế hoạch · <the plan's title>", its year added when the title does not say it
        expected = {p.title if str(p.year) in p.title else f"{p.title} ({p.year})" for p in two_model.plans}
        assert {label.split(" · ", 1)[1] for label in labels} == expected, labels


@pytest.fixture(scope="module")
def five_plans(tmp_path_factory) -> Path:
    """The real plan and four copies of the test plan (2023 to 2026): five plans cite Chỉ thị 16/CT-TTg."""
    project = add_test_plan(copy_project(tmp_path_factory.mktemp("five-plans") / "project"))
    for year in (2024, 2025, 2026):
        add_test_plan(project, f"thu-nghiem-{year}", year)
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.browser
@pytest.mark.parametrize("query", ["16/CT-TTg", "chi thi 16", "217- QĐ/TW", "KL 114"])
def test_a_number_still_finds_its_document_first_when_five_plans_cite_it(browser, five_plans, query):
    assert len(list((five_plans / "ke-hoach").glob("*/index.html"))) == 5
    with served_page(browser, five_plans) as page:
        first = urlsplit(type_query(page, query)[0]["href"]).path
        assert first.startswith("/van-ban/"), first


@pytest.mark.browser
@pytest.mark.parametrize("query", [
    "tăng cường và đổi mới công tác dân vận trong cơ quan hành chính nhà nước, chính quyền các cấp",
    "tang cuong va doi moi cong tac dan van trong co quan hanh chinh nha nuoc, chinh quyen cac cap"])
def test_a_subject_finds_its_document_above_the_five_plans_quoting_it(browser, five_plans, query):
    with served_page(browser, five_plans) as page:
        results = [urlsplit(r["href"]).path for r in type_query(page, query)]
        own = "/van-ban/chi-thi-16-ct-ttg.html"
        assert own in results[:3], results[:5]
        assert not [r for r in results[:results.index(own)] if r.startswith("/ke-hoach/")], results[:5]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_of_several_plans_have_no_wcag_violation(browser, two_site, scheme):
    pages = [f"ke-hoach/{TEST_PLAN}/so-sanh.html", f"ke-hoach/{TEST_PLAN}/index.html", "index.html",
             "van-ban/chi-thi-16-ct-ttg.html", "tra-cuu/nhiem-vu-thoi-han.html", "tra-cuu/bang-tra-van-ban.html",
             "tra-cuu/chu-viet-tat.html", "tra-cuu/phong-trao.html", "van-ban/index.html"]
    url, server = serve_directory(two_site)
    context = browser.new_context(color_scheme=scheme, locale="vi-VN")
    page = context.new_page()
    try:
        problems = {}
        for path in pages:
            page.goto(url + path)
            page.wait_for_load_state("load")
            problems[path] = axe_violations(page)
        assert not any(problems.values()), {p: v for p, v in problems.items() if v}
    finally:
        context.close()
        server.shutdown()


# ---------------------------------------------------------------- what is published

def test_the_published_site_carries_only_real_plans(built_site, handbook):
    assert [p.id for p in handbook.plans] == [REAL]
    assert not [p for p in site_pages(built_site) if TEST_PLAN in p]
    assert not list((ROOT / "data").rglob(f"*{TEST_PLAN}*"))


# ---------------------------------------------------------------- bad input: one clear error

def _broken(tmp_path, change) -> str:
    project = add_test_plan(copy_project(tmp_path / "project"))
    change(project / "data")
    with pytest.raises(DataError) as raised:
        load_handbook(project)
    return str(raised.value)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the fixture no longer matches {path.name}: {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_plan_without_text(tmp_path):
    message = _broken(tmp_path, lambda data: (data / "plans" / TEST_PLAN / "ke-hoach.txt").write_text("\n"))
    assert message.startswith(f"data/plans/{TEST_PLAN}.yml") and "không có nội dung" in message
    assert "trường 'source'" in message and "Cách sửa" in message


def test_two_plans_with_the_same_number_and_year(tmp_path):
    def twin(data):  # the same plan entered twice, under another file name
        header = data / "plans" / f"{TEST_PLAN}.yml"
        (data / "plans" / "ban-sao.yml").write_text(header.read_text(encoding="utf-8"), encoding="utf-8")

    message = _broken(tmp_path, twin)
    assert "trùng với Kế hoạch" in message and "07/KH-THUNGHIEM" in message and "trường 'number'" in message


def test_a_heading_the_cut_cannot_find(tmp_path):
    message = _broken(tmp_path, lambda data: _edit(data / "plans" / f"{TEST_PLAN}.yml", "whole_parts: [V]",
                                                    "whole_parts: [VII]"))
    assert "cut.whole_parts nêu phần không có: VII" in message and "trường 'whole_parts'" in message


def test_a_cut_that_leaves_a_page_empty(tmp_path):
    def empty(data):
        text = data / "plans" / TEST_PLAN / "ke-hoach.txt"
        words = text.read_text(encoding="utf-8")
        start = words.index("Mỗi phòng, đơn vị đăng ký")
        text.write_text(words[:start] + words[words.index("III. GIẢI PHÁP"):], encoding="utf-8")

    message = _broken(tmp_path, empty)
    assert "trang 'ii-3' (3. Dân vận khéo) không có đoạn văn nào" in message and "cut.whole_parts" in message


def test_an_old_address_that_would_no_longer_resolve(tmp_path):
    message = _broken(tmp_path, lambda data: _edit(data / "redirects.yml", "dan-van-2022/ii-6", "dan-van-2022/ii-9"))
    assert message.startswith("data/redirects.yml") and "ke-hoach/ii-6-doi-voi-ca-nhan.md" in message
    assert "sẽ không còn mở được" in message and "ii-6" in message  # the fix lists the pages there are


@pytest.mark.build
def test_a_bad_plan_fails_the_build_with_one_message(tmp_path):
    project = add_test_plan(copy_project(tmp_path / "project"))
    _edit(project / "data" / "plans" / f"{TEST_PLAN}.yml", 'signer: Nguyễn Văn Thử', 'signer: Nguyễn Văn Thủ')
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output and output.count("Cách sửa") == 1, output
    assert f"data/plans/{TEST_PLAN}.yml" in output and "trường 'signer'" in output
