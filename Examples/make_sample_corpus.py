#!/usr/bin/env python3
"""Write Examples/sample-corpus: six invented articles in the PMC Cloud bucket layout.

Everything here is made up (titles, authors, numbers, PMCIDs PMC99000001-PMC99000006,
DOIs under the 10.5555 test prefix); nothing is copied from PMC. The articles imitate
the markup of several publishers so that `biomedica extract` meets the usual traps.
See sample-corpus/README.md for what each one exercises and the expected numbers.

Run:  python3 -m venv /tmp/venv-corpus && /tmp/venv-corpus/bin/pip install pillow==13.0.0
      /tmp/venv-corpus/bin/python Examples/make_sample_corpus.py
The output is deterministic (fixed seeds, fixed JPEG settings) for a given Pillow version:
JPEG bytes may differ under another libjpeg, so the committed files are the reference.
"""
import hashlib
import json
import math
import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(__file__).resolve().parent / "sample-corpus"
FONT = ImageFont.load_default()

# ---------------------------------------------------------------- images


def canvas(w, h):
    img = Image.new("RGB", (w, h), "white")
    return img, ImageDraw.Draw(img)


def axes(d, w, h, m=40):
    d.line([(m, h - m), (w - 10, h - m)], fill="black", width=2)
    d.line([(m, h - m), (m, 10)], fill="black", width=2)


def bar_chart(seed, w=480, h=360, groups=3, bars=3):
    rng = random.Random(seed)
    img, d = canvas(w, h)
    axes(d, w, h)
    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
    slot = (w - 60) / (groups * (bars + 1))
    for g in range(groups):
        for b in range(bars):
            x = 50 + (g * (bars + 1) + b) * slot
            top = h - 40 - rng.uniform(0.2, 0.9) * (h - 60)
            d.rectangle([x, top, x + slot * 0.9, h - 41], fill=colors[b])
            d.line([(x + slot * 0.45, top - 12), (x + slot * 0.45, top)], fill="black")  # error bar
        d.text((50 + g * (bars + 1) * slot, h - 32), f"group {g + 1}", fill="black", font=FONT)
    return img


def line_plot(seed, w=520, h=360, series=3):
    rng = random.Random(seed)
    img, d = canvas(w, h)
    axes(d, w, h)
    for s in range(series):
        rate, pts = rng.uniform(0.04, 0.12), []
        for i in range(40):
            x = 45 + i * (w - 60) / 39
            y = (h - 45) - (h - 80) / (1 + math.exp(-rate * 4 * (i - 20 + s * 3)))
            pts.append((x, y + rng.uniform(-3, 3)))
        d.line(pts, fill=["#1f77b4", "#d62728", "#2ca02c"][s], width=2)
    d.text((w - 120, 20), "OD600 vs time", fill="black", font=FONT)
    return img


def scatter(seed, w=400, h=400, n=84):
    rng = random.Random(seed)
    img, d = canvas(w, h)
    axes(d, w, h)
    for _ in range(n):
        x = rng.uniform(0, 1)
        y = 0.7 * x + rng.gauss(0, 0.12)
        px, py = 45 + x * (w - 70), (h - 45) - max(0, min(1, y)) * (h - 70)
        d.ellipse([px - 3, py - 3, px + 3, py + 3], outline="#333333", fill="#9ecae1")
    d.line([(45, h - 45), (w - 25, h - 45 - 0.7 * (h - 70))], fill="#d62728", width=2)
    return img


def micrograph(seed, w=500, h=400, blobs=40, tint=(90, 200, 90)):
    """Fake fluorescence/histology field: blurred noise plus bright round 'cells'."""
    rng = random.Random(seed)
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).filter(ImageFilter.GaussianBlur(3))
    img = Image.merge("RGB", [noise.point(lambda v, c=c: v * c // 600) for c in tint])
    d = ImageDraw.Draw(img)
    for _ in range(blobs):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(6, 22)
        d.ellipse([x - r, y - r, x + r, y + r], fill=tint)
        d.ellipse([x - r / 3, y - r / 3, x + r / 3, y + r / 3], fill=(30, 30, 160))  # nucleus
    img = img.filter(ImageFilter.GaussianBlur(1.5))
    ImageDraw.Draw(img).line([(w - 110, h - 25), (w - 30, h - 25)], fill="white", width=4)  # scale bar
    return img


def diagram(boxes, w=560, h=300):
    """Boxes left to right joined by arrows: a flow chart or pathway."""
    img, d = canvas(w, h)
    bw = (w - 40) / len(boxes)
    for i, text in enumerate(boxes):
        x0, y0 = 20 + i * bw + 10, h / 2 - 40 + (i % 2) * 30
        d.rectangle([x0, y0, x0 + bw - 40, y0 + 60], outline="black", width=2, fill="#f0f0ff")
        d.text((x0 + 6, y0 + 24), text, fill="black", font=FONT)
        if i:
            ax, ay = x0 - 30, y0 + 30
            d.line([(ax, ay), (x0 - 2, ay)], fill="black", width=2)
            d.polygon([(x0 - 2, ay), (x0 - 10, ay - 5), (x0 - 10, ay + 5)], fill="black")
    return img


def table_image(rows, w=520):
    """A table typeset as a picture, as publishers deposit for table-wrap/graphic."""
    rh = 26
    img, d = canvas(w, rh * len(rows) + 20)
    cw = (w - 20) / len(rows[0])
    for r, row in enumerate(rows):
        y = 10 + r * rh
        for c, cell in enumerate(row):
            d.text((16 + c * cw, y + 7), cell, fill="black", font=FONT)
        if r in (0, 1, len(rows)):
            d.line([(10, y), (w - 10, y)], fill="black", width=2 if r != 1 else 1)
    d.line([(10, 10 + len(rows) * rh), (w - 10, 10 + len(rows) * rh)], fill="black", width=2)
    return img


def formula(text, w=220, h=40):
    img, d = canvas(w, h)
    d.text((8, 12), text, fill="black", font=FONT)
    return img


def multipanel(seed, w=600, h=440):
    """2x2 composite with panel letters A-D; the panels are only named in the caption text."""
    img, d = canvas(w, h)
    parts = [bar_chart(seed, 290, 210), line_plot(seed + 1, 290, 210),
             scatter(seed + 2, 290, 210, 40), micrograph(seed + 3, 290, 210, 12)]
    for i, p in enumerate(parts):
        x, y = 5 + (i % 2) * 300, 5 + (i // 2) * 220
        img.paste(p, (x, y))
        d.text((x + 6, y + 4), "ABCD"[i], fill="black", font=FONT)
    return img


def save_jpeg(img, path):
    img.save(path, "JPEG", quality=85, optimize=True)


def save_thumbnail_gif(img, path):
    """PMC puts a small .gif preview beside most figure .jpg files."""
    t = img.copy()
    t.thumbnail((150, 150))
    t.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(path, "GIF")


# ---------------------------------------------------------------- articles
# Each entry: pmcid, metadata extras, the XML text, media {file name: image, "gif" thumbnail?}.

BMC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD Journal Archiving and Interchange DTD v2.3 20070202//EN" "archivearticle.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" article-type="research-article"><?properties open_access?><front><journal-meta><journal-id journal-id-type="nlm-ta">BMC Microb Rep</journal-id><journal-title>BMC Microbial Reports</journal-title><issn pub-type="epub">1471-2180</issn><publisher><publisher-name>BioMed Central</publisher-name></publisher></journal-meta><article-meta><article-id pub-id-type="pmid">39900001</article-id><article-id pub-id-type="pmc">99000001</article-id><article-id pub-id-type="publisher-id">1471-2180-99-101</article-id><article-id pub-id-type="doi">10.5555/1471-2180-99-101</article-id><article-categories><subj-group subj-group-type="heading"><subject>Research Article</subject></subj-group></article-categories><title-group><article-title>Temperature shapes biofilm formation in clinical isolates of <italic>Staphylococcus aureus</italic></article-title></title-group><contrib-group><contrib contrib-type="author" corresp="yes" id="A1"><name><surname>Okafor</surname><given-names>Adaeze N</given-names></name><xref ref-type="aff" rid="I1">1</xref></contrib><contrib contrib-type="author" id="A2"><name><surname>Lindqvist</surname><given-names>Maja</given-names></name><xref ref-type="aff" rid="I1">1</xref></contrib></contrib-group><aff id="I1"><label>1</label>Department of Microbiology, Example University, Sampletown, Nowhere</aff><pub-date pub-type="collection"><year>2024</year></pub-date><pub-date pub-type="epub"><day>14</day><month>3</month><year>2024</year></pub-date><volume>99</volume><fpage>101</fpage><permissions><copyright-statement>Copyright &#x000a9;2024 Okafor and Lindqvist; licensee BioMed Central Ltd.</copyright-statement><copyright-year>2024</copyright-year><copyright-holder>Okafor and Lindqvist; licensee BioMed Central Ltd.</copyright-holder><license license-type="open-access" xlink:href="http://creativecommons.org/licenses/by/4.0"><p>This is an Open Access article distributed under the terms of the Creative Commons Attribution License (<ext-link ext-link-type="uri" xlink:href="http://creativecommons.org/licenses/by/4.0">http://creativecommons.org/licenses/by/4.0</ext-link>).</p></license></permissions><self-uri xlink:href="http://www.example.org/1471-2180/99/101"/><abstract><sec><title>Background</title><p>Biofilms protect <italic>S. aureus</italic> from antibiotics. We asked how growth temperature changes biofilm biomass in 24 clinical isolates.</p></sec><sec><title>Results</title><p>Biomass peaked at 37&#x000b0;C and fell by half at 42&#x000b0;C, while planktonic growth rates did not differ.</p></sec></abstract><kwd-group><kwd>biofilm</kwd><kwd>temperature</kwd><kwd>Staphylococcus aureus</kwd></kwd-group></article-meta></front><body><sec><title>Background</title><p>Biofilm formation by <italic>S</italic>. <italic>aureus</italic> is a major cause of device-related infection. Temperature is rarely varied in biofilm assays, although fever and device surfaces change it.</p></sec><sec><title>Results</title><p>All isolates formed more biomass at 37&#x000b0;C than at 30&#x000b0;C (Figure <xref ref-type="fig" rid="F1">1</xref>); Student's <italic>t</italic>-test, <italic>P</italic> &lt; 0.05 for 21 of 24 isolates.</p><p>Confocal imaging of the strongest producer, SA-17, showed dense towers of live cells at 37&#x000b0;C (Figures <xref ref-type="fig" rid="F1">1</xref> and <xref ref-type="fig" rid="F2">2</xref>).</p><table-wrap id="T1" position="float"><label>Table 1</label><caption><p>Isolates and their sources</p></caption><table frame="hsides" rules="groups"><thead><tr><td>Source</td><td>Isolates</td></tr></thead><tbody><tr><td>Catheter</td><td>11</td></tr><tr><td>Wound</td><td>13</td></tr></tbody></table></table-wrap><p>Planktonic growth did not depend on temperature between 30 and 37&#x000b0;C (Figure <xref ref-type="fig" rid="F3">3</xref>). Doubling times were computed as</p><disp-formula id="M1"><graphic xlink:href="1471-2180-99-101-i1"/></disp-formula><p>where <italic>&#x003bc;</italic> is the specific growth rate.</p></sec><sec><title>Discussion</title><p>The towers seen in <xref ref-type="fig" rid="F2">Figure 2</xref> match earlier reports for device isolates.</p></sec></body><back><ref-list><ref id="B1"><citation citation-type="journal"><person-group person-group-type="author"><name><surname>Example</surname><given-names>A</given-names></name></person-group><article-title>A made-up reference on biofilms</article-title><source>J Invented Res</source><year>2020</year><volume>1</volume><fpage>1</fpage><lpage>9</lpage></citation></ref></ref-list></back><floats-wrap><fig id="F1" position="float"><label>Figure 1</label><caption><title>Biofilm biomass of <italic>S. aureus</italic> isolates at three temperatures.</title><p>Crystal violet staining (OD<sub>595</sub>) after 24 h at 30, 37 and 42&#x000b0;C. Bars show means of <italic>n</italic> = 6 wells; error bars, SD.</p></caption><graphic xlink:href="1471-2180-99-101-1"/></fig><fig id="F2" position="float"><label>Figure 2</label><caption><p><bold>Confocal micrograph of a 48 h biofilm</bold>. <italic>S</italic>. <italic>aureus</italic> SA-17 stained with SYTO 9 (green) and propidium iodide (red); scale bar, 10 &#x003bc;m.</p></caption><graphic xlink:href="1471-2180-99-101-2"/></fig><fig id="F3" position="float"><label>Figure 3</label><caption><title>Planktonic growth of SA-17.</title><p>Cultures started at 10<sup>5</sup> CFU/mL in TSB; OD<sub>600</sub> read every 30 min at 30&#x000b0;C (blue), 37&#x000b0;C (red) and 42&#x000b0;C (green).</p></caption><graphic xlink:href="1471-2180-99-101-3"/></fig></floats-wrap></article>
"""

PLOS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1d3 20150301//EN" "http://jats.nlm.nih.gov/publishing/1.1d3/JATS-journalpublishing1.dtd">
<article xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" dtd-version="1.1d3" xml:lang="en">
  <front>
    <journal-meta>
      <journal-id journal-id-type="nlm-ta">PLoS One</journal-id>
      <journal-id journal-id-type="publisher-id">plos</journal-id>
      <journal-title-group>
        <journal-title>PLOS ONE</journal-title>
      </journal-title-group>
      <issn pub-type="epub">1932-6203</issn>
      <publisher>
        <publisher-name>Public Library of Science</publisher-name>
        <publisher-loc>San Francisco, CA USA</publisher-loc>
      </publisher>
    </journal-meta>
    <article-meta>
      <article-id pub-id-type="pmid">39900002</article-id>
      <article-id pub-id-type="pmcid">PMC99000002</article-id>
      <article-id pub-id-type="publisher-id">PONE-D-24-09990</article-id>
      <article-id pub-id-type="doi">10.5555/journal.pone.0999002</article-id>
      <article-categories>
        <subj-group subj-group-type="heading">
          <subject>Research Article</subject>
        </subj-group>
        <subj-group subj-group-type="Discipline-v3">
          <subject>Medicine and health sciences</subject>
          <subj-group>
            <subject>Rheumatology</subject>
          </subj-group>
        </subj-group>
      </article-categories>
      <title-group>
        <article-title>Serum interleukin-6 tracks disease activity in early rheumatoid arthritis: a prospective cohort</article-title>
      </title-group>
      <contrib-group>
        <contrib contrib-type="author">
          <name><surname>Moreau</surname><given-names>Camille</given-names></name>
          <xref ref-type="aff" rid="aff001"><sup>1</sup></xref>
        </contrib>
        <contrib contrib-type="author">
          <name><surname>Tanaka</surname><given-names>Hiro</given-names></name>
          <xref ref-type="aff" rid="aff001"><sup>1</sup></xref>
        </contrib>
      </contrib-group>
      <aff id="aff001"><label>1</label> <addr-line>Institute of Imaginary Medicine, Sampletown, Nowhere</addr-line></aff>
      <pub-date pub-type="epub">
        <day>7</day>
        <month>3</month>
        <year>2024</year>
      </pub-date>
      <volume>19</volume>
      <issue>3</issue>
      <elocation-id>e0999002</elocation-id>
      <permissions>
        <copyright-year>2024</copyright-year>
        <copyright-holder>Moreau, Tanaka</copyright-holder>
        <license xlink:href="http://creativecommons.org/licenses/by/4.0/">
          <license-p>This is an open access article distributed under the terms of the <ext-link ext-link-type="uri" xlink:href="http://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution License</ext-link>.</license-p>
        </license>
      </permissions>
      <abstract>
        <p>We followed 84 patients with early rheumatoid arthritis for 12 months. Serum interleukin-6 (IL-6) correlated with the disease activity score (DAS28) at every visit.</p>
      </abstract>
      <kwd-group kwd-group-type="author">
        <kwd>interleukin-6</kwd>
        <kwd>rheumatoid arthritis</kwd>
      </kwd-group>
    </article-meta>
  </front>
  <body>
    <sec id="sec001">
      <title>Methods</title>
      <p>Patients were screened and enrolled as shown in <xref ref-type="fig" rid="pone.0999002.g002">Fig 2</xref>; their baseline characteristics are in <xref ref-type="table" rid="pone.0999002.t001">Table 1</xref>. Disease activity was scored as <inline-formula id="pone.0999002.e001"><alternatives><inline-graphic xlink:href="pone.0999002.e001.jpg" id="pone.0999002.e001g"/><mml:math id="M1"><mml:mrow><mml:mi>D</mml:mi><mml:mi>A</mml:mi><mml:mi>S</mml:mi><mml:mn>28</mml:mn></mml:mrow></mml:math></alternatives></inline-formula> from 28 joint counts.</p>
      <table-wrap id="pone.0999002.t001" position="float">
        <object-id pub-id-type="doi">10.5555/journal.pone.0999002.t001</object-id>
        <label>Table 1</label>
        <caption>
          <title>Baseline characteristics of the cohort.</title>
        </caption>
        <alternatives>
          <graphic id="pone.0999002.t001g" xlink:href="pone.0999002.t001"/>
          <table frame="box" rules="all" border="0">
            <thead><tr><th>Characteristic</th><th>Value</th></tr></thead>
            <tbody>
              <tr><td>Age, years</td><td>54 (11)</td></tr>
              <tr><td>Women, n (%)</td><td>61 (73)</td></tr>
              <tr><td>DAS28</td><td>5.1 (1.2)</td></tr>
            </tbody>
          </table>
        </alternatives>
        <table-wrap-foot>
          <fn id="t001fn001"><p>Values are mean (SD) unless stated.</p></fn>
        </table-wrap-foot>
      </table-wrap>
    </sec>
    <sec id="sec002">
      <title>Results</title>
      <p>Serum IL-6 rose with DAS28 (<xref ref-type="fig" rid="pone.0999002.g001">Fig 1</xref>).</p>
      <fig id="pone.0999002.g001" position="float">
        <object-id pub-id-type="doi">10.5555/journal.pone.0999002.g001</object-id>
        <label>Fig 1</label>
        <caption>
          <title>Serum IL-6 correlates with disease activity.</title>
          <p>Each dot is one patient (<italic>n</italic> = 84); Spearman&#x2019;s &#x3c1; = 0.61, <italic>P</italic> &lt; 10<sup>&#x2212;4</sup>. Line, least-squares fit.</p>
        </caption>
        <graphic xlink:href="pone.0999002.g001"/>
      </fig>
      <p>Of 112 screened patients, 84 completed follow-up and the correlation held at every visit (<xref ref-type="fig" rid="pone.0999002.g001 pone.0999002.g002">Figs 1 and 2</xref>).</p>
      <fig id="pone.0999002.g002" position="float">
        <object-id pub-id-type="doi">10.5555/journal.pone.0999002.g002</object-id>
        <label>Fig 2</label>
        <caption>
          <title>Study design and patient flow.</title>
          <p>Screening, enrolment, and the visits at 3, 6 and 12 months.</p>
        </caption>
        <graphic xlink:href="pone.0999002.g002"/>
      </fig>
    </sec>
  </body>
  <back>
    <ref-list>
      <title>References</title>
      <ref id="pone.0999002.ref001"><label>1</label><mixed-citation publication-type="journal"><name><surname>Example</surname> <given-names>B</given-names></name>. <article-title>An invented cohort study</article-title>. <source>J Imag Rheum</source>. <year>2019</year>;<volume>3</volume>:<fpage>10</fpage>&#x2013;<lpage>19</lpage>.</mixed-citation></ref>
    </ref-list>
  </back>
</article>
"""

SPRINGER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD with MathML3 v1.2 20190208//EN" "JATS-archivearticle1-mathml3.dtd">
<article xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ali="http://www.niso.org/schemas/ali/1.0/" article-type="research-article" xml:lang="en"><?properties open_access?><front><journal-meta><journal-id journal-id-type="nlm-ta">Sci Rep</journal-id><journal-id journal-id-type="iso-abbrev">Sci Rep</journal-id><journal-title-group><journal-title>Scientific Reports</journal-title></journal-title-group><issn pub-type="epub">2045-2322</issn><publisher><publisher-name>Nature Publishing Group UK</publisher-name><publisher-loc>London</publisher-loc></publisher></journal-meta><article-meta><article-id pub-id-type="pmid">39900003</article-id><article-id pub-id-type="pmc">PMC99000003</article-id><article-id pub-id-type="publisher-id">99003</article-id><article-id pub-id-type="doi">10.5555/s41598-024-99003-x</article-id><article-categories><subj-group subj-group-type="heading"><subject>Article</subject></subj-group></article-categories><title-group><article-title>Fibroblast growth factor 20a drives tail fin regeneration in zebrafish larvae</article-title></title-group><contrib-group><contrib contrib-type="author" corresp="yes"><name><surname>Haddad</surname><given-names>Leila</given-names></name><xref ref-type="aff" rid="Aff1">1</xref></contrib></contrib-group><aff id="Aff1"><label>1</label><institution-wrap><institution>Example Institute of Regeneration</institution></institution-wrap>, Sampletown, Nowhere</aff><pub-date pub-type="epub"><day>7</day><month>3</month><year>2024</year></pub-date><pub-date pub-type="collection"><year>2024</year></pub-date><volume>14</volume><elocation-id>5612</elocation-id><permissions><copyright-statement>&#x000a9; The Author(s) 2024</copyright-statement><license><ali:license_ref specific-use="textmining" content-type="ccbynclicense">http://creativecommons.org/licenses/by-nc/4.0/</ali:license_ref><license-p><bold>Open Access</bold> This article is licensed under a Creative Commons Attribution-NonCommercial 4.0 International License.</license-p></license></permissions><abstract id="Abs1"><p>Zebrafish (<italic>Danio rerio</italic>) larvae regrow an amputated tail fin within days. Here we show that <italic>fgf20a</italic> is induced within 6 h and is required for blastema formation.</p></abstract><kwd-group xml:lang="en"><title>Subject terms</title><kwd>Regeneration</kwd><kwd>Growth factor signalling</kwd></kwd-group></article-meta></front><body><sec id="Sec1"><title>Results</title><p id="Par1">Amputated fins regrew to 80% of their length by 3 days (Fig. <xref rid="Fig1" ref-type="fig">1</xref>a,b). Expression of <italic>fgf20a</italic> rose 12-fold at 6 h (Fig. <xref rid="Fig2" ref-type="fig">2</xref>), and uncropped gels are given in Supplementary Fig. <xref rid="FigS1" ref-type="fig">S1</xref>.</p><fig id="Fig1"><label>Figure 1</label><caption><title>Tail fin regeneration in <italic>Danio rerio</italic> larvae.</title><p>(<bold>a</bold>) Fin 1 day after amputation; (<bold>b</bold>) 3 days after amputation. Nuclei in blue. Scale bars, 100&#x02009;&#x000b5;m.</p></caption><graphic xlink:href="41598_2024_99003_Fig1_HTML" id="MO1"/></fig><fig id="Fig2"><label>Figure 2</label><caption><title>Expression of <italic>fgf20a</italic> after amputation.</title><p>qPCR relative to <italic>ef1a</italic> (2<sup>&#x02212;&#x00394;&#x00394;Ct</sup>), mean&#x02009;&#x000b1;&#x02009;SD of three clutches.</p><p><fig id="FigS1"><label>Supplementary Figure S1</label><caption><p>Uncropped agarose gels of the RT-PCR products used in Fig. 2.</p></caption><graphic xlink:href="41598_2024_99003_FigS1_HTML" id="MO3"/></fig></p></caption><graphic xlink:href="41598_2024_99003_Fig2_HTML" id="MO2"/></fig></sec><sec id="Sec2"><title>Discussion</title><p id="Par2">Blocking FGF signalling abolished regrowth (Figs <xref rid="Fig1" ref-type="fig">1</xref> and <xref rid="Fig2" ref-type="fig">2</xref>), placing <italic>fgf20a</italic> upstream of blastema formation.</p></sec></body><back><ref-list id="Bib1"><title>References</title><ref id="CR1"><label>1.</label><mixed-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Example</surname><given-names>C</given-names></name></person-group><article-title>An invented paper on fins</article-title><source>Dev Imag</source><year>2018</year><volume>5</volume><fpage>1</fpage><lpage>8</lpage></mixed-citation></ref></ref-list></back></article>
"""

ELSEVIER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.1 20151215//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" article-type="research-article">
<?properties open_access?>
<front>
<journal-meta><journal-id journal-id-type="nlm-ta">Imag Infect Dis</journal-id><journal-title-group><journal-title>Imaginary Infectious Diseases</journal-title></journal-title-group><issn pub-type="ppub">0000-0000</issn><publisher><publisher-name>Elsevier</publisher-name></publisher></journal-meta>
<article-meta>
<article-id pub-id-type="pmid">39900004</article-id>
<article-id pub-id-type="pmc">99000004</article-id>
<article-id pub-id-type="pii">S0000-0000(24)99004-4</article-id>
<article-id pub-id-type="doi">10.5555/j.iid.2024.99004</article-id>
<article-categories><subj-group subj-group-type="heading"><subject>Article</subject></subj-group></article-categories>
<title-group><article-title>Neutrophil extracellular traps limit <italic>Klebsiella pneumoniae</italic> spread in the murine lung</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Novak</surname><given-names>Petra</given-names></name><xref rid="aff1" ref-type="aff">a</xref></contrib></contrib-group>
<aff id="aff1"><label>a</label>Example Centre for Infection Research, Sampletown, Nowhere</aff>
<pub-date pub-type="pmc-release"><day>1</day><month>6</month><year>2025</year></pub-date>
<pub-date pub-type="ppub"><month>6</month><year>2024</year></pub-date>
<volume>42</volume><fpage>99</fpage><lpage>107</lpage>
<permissions><copyright-statement>&#x000a9; 2024 Elsevier Inc.</copyright-statement><copyright-year>2024</copyright-year><license><license-p>This article is made available under the publisher's user license for non-commercial reading only. (An invented notice for a sample article.)</license-p></license></permissions>
<abstract id="abs0010"><p>Mice lacking peptidylarginine deiminase 4 cleared <italic>K. pneumoniae</italic> more slowly and died earlier.</p></abstract>
<kwd-group id="kwrds0010"><title>Keywords</title><kwd>Neutrophil extracellular traps</kwd><kwd>Pneumonia</kwd></kwd-group>
</article-meta>
</front>
<body>
<sec id="sec1"><label>1</label><title>Results</title>
<p id="p0010">After intranasal infection with 10<sup>6</sup> CFU, knockout mice died earlier than wild-type littermates (<xref rid="fig1" ref-type="fig">Fig. 1</xref>), and their lungs showed larger bacterial foci (<xref rid="fig2" ref-type="fig">Fig. 2</xref>).</p>
<fig id="fig1"><label>Fig. 1</label><caption><p>Survival of wild-type and <italic>Padi4</italic><sup>&#x2212;/&#x2212;</sup> C57BL/6 mice after intranasal infection with 10<sup>6</sup> CFU <italic>K. pneumoniae</italic> (<italic>n</italic> = 12 per group; log-rank <italic>P</italic> = 0.003).</p></caption><alt-text id="at0010">Fig. 1</alt-text><graphic xlink:href="gr1"/></fig>
<fig id="fig2"><label>Fig. 2</label><caption><p>Lung histology 48 h after infection (H&amp;E). Arrowheads, bacterial foci; scale bar, 50 &#x3bc;m.</p></caption><alt-text id="at0015">Fig. 2</alt-text><graphic xlink:href="gr2"/></fig>
</sec>
</body>
<back><ref-list id="bibl0010"><title>References</title><ref id="bib1"><label>1</label><element-citation publication-type="journal" id="sref1"><person-group person-group-type="author"><name><surname>Example</surname><given-names>D.</given-names></name></person-group><article-title>An invented study of traps</article-title><source>Imag Infect Dis</source><volume>1</volume><year>2017</year><fpage>5</fpage><lpage>9</lpage></element-citation></ref></ref-list></back>
</article>
"""

WILEY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD Journal Archiving and Interchange DTD v3.0 20080202//EN" "archivearticle3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" article-type="research-article"><front><journal-meta><journal-id journal-id-type="nlm-ta">J Cell Mol Med</journal-id><journal-title-group><journal-title>Journal of Cellular and Molecular Medicine</journal-title></journal-title-group><issn pub-type="epub">1582-4934</issn><publisher><publisher-name>John Wiley and Sons Inc.</publisher-name></publisher></journal-meta><article-meta><article-id pub-id-type="pmid">39900005</article-id><article-id pub-id-type="pmc">99000005</article-id><article-id pub-id-type="doi">10.5555/jcmm.99005</article-id><article-categories><subj-group subj-group-type="overline"><subject>Original Article</subject></subj-group><subj-group subj-group-type="heading"><subject>Original Articles</subject></subj-group></article-categories><title-group><article-title>Hypoxia rewires glycolysis in human cardiac fibroblasts through HIF-1&#x003b1;</article-title></title-group><contrib-group><contrib contrib-type="author"><name><surname>Silva</surname><given-names>Rafael</given-names></name></contrib></contrib-group><pub-date pub-type="ppub"><season>Spring</season><year>2024</year></pub-date><volume>28</volume><issue>2</issue><elocation-id>e99005</elocation-id><permissions><copyright-statement content-type="article-copyright">&#x000a9; 2024 The Authors.</copyright-statement><license license-type="creative-commons-attribution-non-commercial-no-derivs" xlink:href="https://creativecommons.org/licenses/by-nc-nd/4.0/"><license-p>This is an open access article under the terms of the Creative Commons Attribution-NonCommercial-NoDerivs License.</license-p></license></permissions><abstract><p>Cardiac fibroblasts kept at 1% O<sub>2</sub> doubled lactate output within 24 h; silencing <italic>HIF1A</italic> prevented the switch.</p></abstract><kwd-group><kwd>cardiac fibroblast</kwd><kwd>glycolysis</kwd><kwd>hypoxia</kwd></kwd-group></article-meta></front><body><sec id="jcmm99005-sec-0001"><title>Results</title><p>Hypoxia raised lactate and glucose uptake (Figure&#x000a0;<xref rid="jcmm99005-fig-0001" ref-type="fig">1</xref>A&#x2013;D) through the pathway summarised in Figure&#x000a0;<xref rid="jcmm99005-fig-0002" ref-type="fig">2</xref>; enzyme activities are listed in Table&#x000a0;<xref rid="jcmm99005-tbl-0001" ref-type="table">1</xref>.</p><fig fig-type="Figure" xml:lang="en" id="jcmm99005-fig-0001" orientation="portrait" position="float"><label>FIGURE 1</label><caption><p>Metabolic response to hypoxia. (A) Lactate output; (B) glucose uptake over 48 h; (C) correlation of lactate with HIF-1&#x003b1; protein; (D) pimonidazole staining (green) at 1% O<sub>2</sub>.</p></caption><graphic id="nlm-graphic-1" xlink:href="JCMM-28-e99005-g001.jpg"/></fig><fig fig-type="Figure" xml:lang="en" id="jcmm99005-fig-0002" orientation="portrait" position="float"><label>FIGURE 2</label><caption><p>Proposed pathway: hypoxia stabilises HIF-1&#x003b1;, which induces GLUT1, HK2 and LDHA.</p></caption><graphic id="nlm-graphic-3" xlink:href="JCMM-28-e99005-g002.jpg"/></fig><table-wrap id="jcmm99005-tbl-0001" xml:lang="en" content-type="Table" orientation="portrait" position="float"><label>TABLE 1</label><caption><p>Glycolytic enzyme activities at 21% and 1% O<sub>2</sub></p></caption><graphic id="nlm-graphic-5" xlink:href="JCMM-28-e99005-t001.jpg"/></table-wrap></sec></body><back><ref-list><ref id="jcmm99005-bib-0001"><label>1</label><mixed-citation publication-type="journal" id="jcmm99005-cit-0001"><string-name><surname>Example</surname> <given-names>E</given-names></string-name>. <article-title>An invented paper on fibroblasts</article-title>. <source>Imag Cardiol</source>. <year>2021</year>;<volume>7</volume>:<fpage>1</fpage>&#x2010;<lpage>6</lpage>.</mixed-citation></ref></ref-list></back></article>
"""

# A complete PLOS-style article whose XML is then cut inside an element (see write_article).
BROKEN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1 20151215//EN" "JATS-journalpublishing1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article"><front><journal-meta><journal-id journal-id-type="nlm-ta">PLoS One</journal-id><journal-title-group><journal-title>PLOS ONE</journal-title></journal-title-group></journal-meta><article-meta><article-id pub-id-type="pmid">39900006</article-id><article-id pub-id-type="pmc">99000006</article-id><article-id pub-id-type="doi">10.5555/journal.pone.0999006</article-id><title-group><article-title>Sleep duration and retinal thickness in adolescents</article-title></title-group><pub-date pub-type="epub"><day>2</day><month>2</month><year>2024</year></pub-date><permissions><license xlink:href="http://creativecommons.org/licenses/by/4.0/"><license-p>Creative Commons Attribution License.</license-p></license></permissions></article-meta></front><body><sec><title>Results</title><p>Retinal thickness did not vary with sleep duration (<xref ref-type="fig" rid="pone.0999006.g001">Fig 1</xref>).</p><fig id="pone.0999006.g001" position="float"><label>Fig 1</label><caption><title>Retinal thickness by nightly sleep duration.</title><p>Box plots of mean macular thickness in 212 adolescents grouped by <italic>self-reported</italic> sleep.</p></caption><graphic xlink:href="pone.0999006.g001"/></fig></sec></body></article>
"""
BROKEN_CUT_AT = "<italic>self-rep"  # the file ends inside this element

ARTICLES = [
    dict(pmcid="PMC99000001", xml=BMC, license_code="CC BY", citation="BMC Microb Rep. 2024 Mar 14; 99:101",
         title="Temperature shapes biofilm formation in clinical isolates of Staphylococcus aureus",
         doi="10.5555/1471-2180-99-101", pmid="39900001",
         media={"1471-2180-99-101-1": bar_chart(1), "1471-2180-99-101-2": micrograph(2),
                "1471-2180-99-101-3": line_plot(3)},
         gif_only={"1471-2180-99-101-i1": formula("t_d = ln 2 / mu")}),
    dict(pmcid="PMC99000002", xml=PLOS, license_code="CC BY", citation="PLoS One. 2024 Mar 7; 19(3):e0999002",
         title="Serum interleukin-6 tracks disease activity in early rheumatoid arthritis: a prospective cohort",
         doi="10.5555/journal.pone.0999002", pmid="39900002",
         media={"pone.0999002.g001": scatter(4),
                "pone.0999002.g002": diagram(["Screened 112", "Enrolled 84", "Month 3", "Month 12"]),
                "pone.0999002.t001": table_image([["Characteristic", "Value"], ["Age, years", "54 (11)"],
                                                  ["Women, n (%)", "61 (73)"], ["DAS28", "5.1 (1.2)"]])},
         exact={"pone.0999002.e001.jpg": formula("DAS28", 80, 24)}),
    dict(pmcid="PMC99000003", xml=SPRINGER, license_code="CC BY-NC", citation="Sci Rep. 2024 Mar 7; 14:5612",
         title="Fibroblast growth factor 20a drives tail fin regeneration in zebrafish larvae",
         doi="10.5555/s41598-024-99003-x", pmid="39900003",
         media={"41598_2024_99003_Fig1_HTML": micrograph(5, 600, 300, 25, (80, 120, 230)),
                "41598_2024_99003_Fig2_HTML": bar_chart(6, 360, 300, 2, 2),
                "41598_2024_99003_FigS1_HTML": micrograph(7, 320, 240, 8, (200, 200, 200))}),
    dict(pmcid="PMC99000004", xml=ELSEVIER, license_code="NO-CC CODE", citation="Imag Infect Dis. 2024 Jun; 42:99-107",
         title="Neutrophil extracellular traps limit Klebsiella pneumoniae spread in the murine lung",
         doi="10.5555/j.iid.2024.99004", pmid="39900004",
         media={"gr1": line_plot(8, 420, 300, 2), "gr2": micrograph(9, 480, 360, 30, (220, 120, 170))}),
    dict(pmcid="PMC99000005", xml=WILEY, license_code="CC BY-NC-ND", citation="J Cell Mol Med. 2024 Spring; 28(2):e99005",
         title="Hypoxia rewires glycolysis in human cardiac fibroblasts through HIF-1\u03b1",
         doi="10.5555/jcmm.99005", pmid="39900005",
         exact={"JCMM-28-e99005-g001.jpg": multipanel(10),
                "JCMM-28-e99005-g002.jpg": diagram(["Hypoxia", "HIF-1a", "GLUT1/HK2", "LDHA", "Lactate"]),
                "JCMM-28-e99005-t001.jpg": table_image([["Enzyme", "21% O2", "1% O2"], ["HK2", "1.0", "2.3"],
                                                        ["PFK1", "1.0", "1.6"], ["LDHA", "1.0", "2.9"]], 420)}),
    dict(pmcid="PMC99000006", xml=BROKEN, license_code="CC BY", citation="PLoS One. 2024 Feb 2; 19(2):e0999006",
         title="Sleep duration and retinal thickness in adolescents",
         doi="10.5555/journal.pone.0999006", pmid="39900006",
         media={"pone.0999006.g001": bar_chart(11, 300, 240, 4, 1)}),
]

# ---------------------------------------------------------------- layout


def md5(path):
    return hashlib.md5(path.read_bytes()).hexdigest()


def write_article(a):
    name = f"{a['pmcid']}.1"
    folder = OUT / name
    folder.mkdir(parents=True)
    xml = a["xml"]
    if a["xml"] is BROKEN:
        xml = xml[: xml.index(BROKEN_CUT_AT) + len(BROKEN_CUT_AT)]
    (folder / f"{name}.xml").write_text(xml, encoding="utf-8")

    # Media named as the XML's xlink:href: + .jpg with a .gif thumbnail beside it,
    # formula images as .gif only, and hrefs that already carry an extension as is.
    for href, img in a.get("media", {}).items():
        save_jpeg(img, folder / f"{href}.jpg")
        save_thumbnail_gif(img, folder / f"{href}.gif")
    for href, img in a.get("gif_only", {}).items():
        img.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(folder / f"{href}.gif", "GIF")
    for filename, img in a.get("exact", {}).items():
        save_jpeg(img, folder / filename)

    s3 = f"s3://pmc-oa-opendata/{name}"
    media = sorted(p for p in folder.iterdir() if p.suffix in (".jpg", ".gif"))
    meta = {
        "pmcid": a["pmcid"],
        "version": 1,
        "pmid": a["pmid"],
        "doi": a["doi"],
        "title": a["title"],
        "citation": a["citation"],
        "license_code": a["license_code"],
        "is_pmc_openaccess": True,
        "is_manuscript": False,
        "is_historical_ocr": False,
        "is_retracted": False,
        "xml_url": f"{s3}/{name}.xml?md5={md5(folder / f'{name}.xml')}",
        "pdf_url": None,
        "text_url": None,
        "media_urls": [f"{s3}/{p.name}?md5={md5(p)}" for p in media],
    }
    text = json.dumps(meta, indent=2) + "\n"
    (folder / f"{name}.json").write_text(text, encoding="utf-8")
    (OUT / "metadata" / f"{name}.json").write_text(text, encoding="utf-8")


def main():
    # Start clean so a removed article or image cannot linger; README.md is hand-written and kept.
    for p in OUT.glob("PMC*"):
        shutil.rmtree(p)
    shutil.rmtree(OUT / "metadata", ignore_errors=True)
    (OUT / "metadata").mkdir(parents=True)
    for a in ARTICLES:
        write_article(a)


if __name__ == "__main__":
    main()
