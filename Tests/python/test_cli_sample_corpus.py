"""`biomedica extract` + `export` on Examples/sample-corpus: the numbers its README promises."""
import pytest

import cli
from cli import norm

# id -> (kind, graphics, media, parent_id, number of citing paragraphs); see sample-corpus/README.md.
EXPECTED = {
    "PMC99000001": {
        "F1": ("fig", ["1471-2180-99-101-1"], ["1471-2180-99-101-1.jpg"], None, 2),
        "F2": ("fig", ["1471-2180-99-101-2"], ["1471-2180-99-101-2.jpg"], None, 2),
        "F3": ("fig", ["1471-2180-99-101-3"], ["1471-2180-99-101-3.jpg"], None, 1),
    },
    "PMC99000002": {
        "pone.0999002.g001": ("fig", ["pone.0999002.g001"], ["pone.0999002.g001.jpg"], None, 2),
        "pone.0999002.g002": ("fig", ["pone.0999002.g002"], ["pone.0999002.g002.jpg"], None, 2),
        "pone.0999002.t001": ("table", ["pone.0999002.t001"], ["pone.0999002.t001.jpg"], None, None),
    },
    "PMC99000003": {
        "Fig1": ("fig", ["41598_2024_99003_Fig1_HTML"], ["41598_2024_99003_Fig1_HTML.jpg"], None, 2),
        "Fig2": ("fig", ["41598_2024_99003_Fig2_HTML"], ["41598_2024_99003_Fig2_HTML.jpg"], None, 2),
        "FigS1": ("fig", ["41598_2024_99003_FigS1_HTML"], ["41598_2024_99003_FigS1_HTML.jpg"], "Fig2", 1),
    },
    "PMC99000004": {
        "fig1": ("fig", ["gr1"], ["gr1.jpg"], None, 1),
        "fig2": ("fig", ["gr2"], ["gr2.jpg"], None, 1),
    },
    "PMC99000005": {
        "jcmm99005-fig-0001": ("fig", ["JCMM-28-e99005-g001.jpg"], ["JCMM-28-e99005-g001.jpg"], None, 1),
        "jcmm99005-fig-0002": ("fig", ["JCMM-28-e99005-g002.jpg"], ["JCMM-28-e99005-g002.jpg"], None, 1),
        "jcmm99005-tbl-0001": ("table", ["JCMM-28-e99005-t001.jpg"], ["JCMM-28-e99005-t001.jpg"], None, None),
    },
    "PMC99000006": {},
}
LICENSE_GROUPS = {"PMC99000001": "commercial", "PMC99000002": "commercial", "PMC99000003": "noncommercial",
                  "PMC99000004": "other", "PMC99000005": "noncommercial", "PMC99000006": "commercial"}


@pytest.fixture(scope="module")
def run_dir(biomedica_bin, tmp_path_factory):
    return tmp_path_factory.mktemp("sample")


@pytest.fixture(scope="module")
def articles(biomedica_bin, run_dir):
    rows = cli.extract_and_export(biomedica_bin, cli.SAMPLE_CORPUS, run_dir)
    return {row["pmcid"]: row for row in rows}


def figures(articles, pmcid):
    return {f["id"]: f for f in articles[pmcid]["figures"]}


def test_every_article_version_once_in_order(articles):
    assert list(articles) == sorted(EXPECTED)
    assert all(a["version"] == 1 for a in articles.values())


def test_only_the_truncated_article_fails(articles):
    broken = articles["PMC99000006"]
    assert broken["error"] is not None
    assert broken["error"]["kind"] == "malformed-xml"
    assert "PMC99000006.1.xml" in broken["error"]["message"]
    assert broken["figures"] == []
    assert [p for p, a in articles.items() if a["error"] is not None] == ["PMC99000006"]


def test_figures_tables_graphics_media_parents_references(articles):
    for pmcid, expected in EXPECTED.items():
        ours = figures(articles, pmcid)
        assert sorted(ours) == sorted(expected), pmcid
        for fig_id, (kind, graphics, media, parent, n_refs) in expected.items():
            fig = ours[fig_id]
            assert (fig["kind"], fig["graphics"], fig["media"], fig["parent_id"]) == (kind, graphics, media, parent), \
                f"{pmcid} {fig_id}"
            if n_refs is not None:
                assert len(fig["references"]) == n_refs, f"{pmcid} {fig_id}: {fig['references']}"
                assert len(fig["references_xml"]) == n_refs
    kinds = [f["kind"] for a in articles.values() for f in a["figures"]]
    assert (kinds.count("fig"), kinds.count("table")) == (12, 2)


def test_formulas_and_plain_tables_are_not_samples(articles):
    graphics = {g for a in articles.values() for f in a["figures"] for g in f["graphics"]}
    assert "1471-2180-99-101-i1" not in graphics       # disp-formula
    assert "pone.0999002.e001.jpg" not in graphics     # inline-formula/inline-graphic
    assert "T1" not in figures(articles, "PMC99000001")  # table-wrap without an image


def test_license_groups(articles):
    assert {p: a["license_group"] for p, a in articles.items()} == LICENSE_GROUPS


def test_text_reads_as_written(articles):
    bmc = figures(articles, "PMC99000001")
    assert "S. aureus SA-17 stained" in norm(bmc["F2"]["caption"])
    assert norm(bmc["F1"]["caption_title"]) == "Biofilm biomass of S. aureus isolates at three temperatures."
    assert any("Student's t-test" in norm(p) for p in bmc["F1"]["references"])
    springer = figures(articles, "PMC99000003")
    assert "Uncropped agarose gels" not in springer["Fig2"]["caption"]  # the nested figure's caption is its own
    assert "Uncropped agarose gels" in springer["FigS1"]["caption"]
    assert articles["PMC99000001"]["keywords"] == ["biofilm", "temperature", "Staphylococcus aureus"]


def test_dates(articles):
    assert articles["PMC99000002"]["date"] == "2024-03-07"  # the only date is the epub one
    assert articles["PMC99000005"]["date"] == "2024"        # season-only: "Spring 2024"


def test_second_extract_leaves_export_byte_identical(biomedica_bin, run_dir, articles):
    first = (run_dir / "out.jsonl").read_bytes()
    cli.run(biomedica_bin, "extract", "--source", cli.SAMPLE_CORPUS, "--catalog", run_dir / "c.sqlite")
    cli.run(biomedica_bin, "export", "--catalog", run_dir / "c.sqlite", "--jsonl", run_dir / "again.jsonl")
    assert (run_dir / "again.jsonl").read_bytes() == first
