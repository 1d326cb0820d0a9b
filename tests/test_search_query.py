"""lunr.vi's faster query gives lunr's own results: same order, scores and match data.

lunr.vi.min.js replaces lunr.Index#query (match data built when read, postings kept between
keystrokes). Material's search worker, which bundles lunr, runs in Node with lunr.vi
(tests/js/query_harness.mjs) over the paragraphs of the 2022 plan; every prefix of the queries is
searched in the order typed, as Material sends it and as its suggestions ask, once with lunr's
query and once with lunr.vi's. No browser, no build.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import material

from helpers import ROOT

HARNESS = ROOT / "tests/js/query_harness.mjs"
MATERIAL_JS = Path(material.__file__).parent / "templates/assets/javascripts"
SOURCE = ROOT / "data/source/ke-hoach-cong-tac-dan-van-2022.txt"
TYPED = ["16/CT-TTg", "quyet dinh 217", "giám sát và phản biện xã hội", "nghi dinh 1005",
         "dân vận chính quyền", "chi thi 16", "kinh phí thực hiện", "qd tw", "dang uy"]


def _documents() -> list[dict]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n(?=[IVX]+\.|\d+\.|- )", SOURCE.read_text(encoding="utf-8"))]
    return [{"location": f"p{n}", "title": " ".join(p.split()[:8]), "text": p}
            for n, p in enumerate(paragraphs) if p]


def test_the_faster_query_gives_lunrs_results():
    node = shutil.which("node")
    assert node, "Node.js is needed for this check"
    queries = [typed[:end] for typed in TYPED for end in range(1, len(typed) + 1)]
    queries += ["và", "quyet dinh 217", "quyet dinh 21", "-dan van", "+dan +van"]   # again, back, operators
    scripts = [str(next((MATERIAL_JS / "workers").glob("search.*.min.js"))),
               str(MATERIAL_JS / "lunr/min/lunr.stemmer.support.min.js"),
               str(ROOT / "overrides/assets/javascripts/lunr/min/lunr.vi.min.js")]
    docs = _documents()
    assert len(docs) > 50
    result = subprocess.run([node, str(HARNESS)], input=json.dumps({"scripts": scripts, "docs": docs, "queries": queries}),
                            capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["compared"] == 2 * len(queries)
    assert report["differences"] == []
