"""The accessibility statement (DIGG's required parts, from site.yaml's ``tillgänglighet``), the
privacy page, and the footer link to both on every page."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CONTENT, NOW, TEMPLATES, run_cli
from pressrum import layout

DIGG_FORM = "https://www.digg.se/tdosanmalan"


def with_statement(tmp_path: Path, block: str) -> Path:
    """The bundled content with site.yaml's ``tillgänglighet`` block replaced by ``block``."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = content / "site.yaml"
    text = site.read_text("utf-8")
    text, n = re.subn(r"tillgänglighet:\n(?:  .*\n)+", block, text)
    assert n == 1
    site.write_text(text, "utf-8")
    return content


def build(tmp_path: Path, content: Path) -> Path:
    out = tmp_path / "releases"
    code, _, stderr = run_cli("build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                              "--now", NOW)
    assert code == 0, stderr
    return out


def main_text(path: Path) -> str:
    html = path.read_text("utf-8")
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def test_bundled_statement_says_fully_compliant_with_both_dates(bundled_site):
    page = bundled_site / "tillganglighet" / "index.html"
    text = main_text(page)
    assert "Den här webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service." in text
    assert ("Redogörelsen upprättades den 10 maj 2021. Webbplatsen granskades och redogörelsen uppdaterades "
            "senast den 2 november 2026.") in text
    assert "meddela oss så att vi får veta att problemet finns" in text
    html = page.read_text("utf-8")
    assert f'<a href="{DIGG_FORM}">' in html and 'href="mailto:info@delmos.se"' in html


def test_partly_compliant_lists_the_reasons_and_its_own_address(tmp_path):
    content = with_statement(tmp_path, (
        "tillgänglighet:\n  status: delvis\n  brister:\n    - Diagrammen i pressmeddelandena saknar textalternativ.\n"
        "    - Tabellen över mottagare går inte att sortera med tangentbordet.\n"
        "  upprättad: 2021-05-10\n  granskad: 2026-11-02\n  e-post: tillganglighet@delmos.se\n"))
    page = build(tmp_path, content) / "tillganglighet" / "index.html"
    text = main_text(page)
    assert ("Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, "
            "på grund av de brister som beskrivs nedan.") in text
    html = page.read_text("utf-8")
    assert ("<ul>\n<li>Diagrammen i pressmeddelandena saknar textalternativ.</li>\n"
            "<li>Tabellen över mottagare går inte att sortera med tangentbordet.</li>\n</ul>") in html
    assert "Vi känner inte till några brister" not in text
    assert 'href="mailto:tillganglighet@delmos.se"' in html and "mailto:info@delmos.se" not in html


def test_not_compliant_wording(tmp_path):
    content = with_statement(tmp_path, "tillgänglighet:\n  status: inte\n  brister: [Inget går att läsa.]\n"
                                       "  upprättad: 2021-05-10\n  granskad: 2021-05-10\n")
    text = main_text(build(tmp_path, content) / "tillganglighet" / "index.html")
    assert "Den här webbplatsen är inte förenlig med lagen" in text
    assert "upprättades den 10 maj 2021" in text and "senast den 10 maj 2021" in text


BROKEN = [
    ("tillgänglighet:\n  status: delvis\n  upprättad: 2021-05-10\n  granskad: 2026-11-02\n", 66, 3,
     "redogörelsen säger att webbplatsen är delvis förenlig med lagen, men den räknar inte upp några brister – "
     "skriv varje brist på en egen rad under 'brister:', till exempel '- Diagrammen saknar textalternativ.', "
     "eller skriv 'status: helt' om inga brister finns"),
    ("tillgänglighet:\n  status: helt\n  brister: [Något.]\n  upprättad: 2021-05-10\n  granskad: 2026-11-02\n", 67, 12,
     "redogörelsen säger att webbplatsen är helt förenlig med lagen, men den räknar ändå upp brister – "
     "skriv 'status: delvis' om bristerna finns kvar, eller ta bort de brister som är åtgärdade"),
    ("tillgänglighet:\n  status: helt\n  upprättad: 2021-05-10\n  granskad: 2020-01-01\n", 68, 13,
     "enligt redogörelsen granskades webbplatsen den 1 januari 2020, före den dag redogörelsen upprättades "
     "(10 maj 2021) – skriv dagen för den senaste granskningen efter 'granskad:', samma dag som redogörelsen "
     "upprättades eller senare"),
    ("tillgänglighet:\n  status: helt\n  upprättad: 10 maj 2021\n  granskad: 2026-11-02\n", 67, 14,
     "här ska det stå ett datum, men nu står det '10 maj 2021' – skriv datumet som år-månad-dag, till exempel 2021-05-10"),
    ("tillgänglighet:\n  status: helt\n  upprättad: 2021-02-30\n  granskad: 2026-11-02\n", 67, 14,
     "datumet '2021-02-30' finns inte – kontrollera dag och månad"),
]


@pytest.mark.parametrize("block, line, column, message", BROKEN)
def test_statement_mistakes_are_located(tmp_path, block, line, column, message):
    content = with_statement(tmp_path, block)
    code, stdout, stderr = run_cli("check", "--content", str(content), "--templates", str(TEMPLATES))
    assert code == 1
    site = (content / "site.yaml").as_posix()
    lines = [text for text in (stdout + stderr).splitlines() if text.startswith(site)]
    assert lines == [f"{site}:{line}:{column}: {message}"], stdout + stderr


def test_unknown_status_is_refused(tmp_path):
    content = with_statement(tmp_path, "tillgänglighet:\n  status: nästan\n  upprättad: 2021-05-10\n"
                                       "  granskad: 2026-11-02\n")
    code, stdout, stderr = run_cli("check", "--content", str(content), "--templates", str(TEMPLATES))
    assert code == 1
    assert re.search(r"site\.yaml:66:11: .*nästan", stdout + stderr), stdout + stderr


def test_privacy_page_says_no_cookies_and_is_linked_from_every_page(bundled_site):
    text = main_text(bundled_site / layout.PRIVACY / "index.html")
    assert "Webbplatsen sätter inga kakor" in text
    assert "Prenumeration via e-post" not in text  # no e-mail subscriptions configured
    pages = sorted(bundled_site.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text("utf-8")
        assert re.search(r'<a href="((\.\./)*integritet/|\./|/integritet/)">Integritet och kakor</a>', html), page
        assert re.search(r'<a href="((\.\./)*tillganglighet/|\./|/tillganglighet/)">Tillgänglighetsredogörelse</a>', html), page


def test_privacy_page_with_subscriptions_names_what_is_kept():
    from pressrum import render, site as site_pages
    from pressrum.validate import load_site
    loaded, _, problems = load_site(CONTENT)
    assert not problems
    env = render.make_environment(TEMPLATES)
    html = site_pages._page(env, loaded, "site/integritet.html.j2", "integritet/", prenumeration=True).decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for words in ("sparar vi din e-postadress", "vilka listor du prenumererar på",
                  "när och hur du gav ditt samtycke", "avsluta prenumerationen när du vill"):
        assert words in text


def test_a_round_may_not_be_called_integritet():
    assert layout.PRIVACY in layout.RESERVED


def test_statement_claims_only_what_is_checked(bundled_site):
    """U6: no promise that tests run at publication, and "no known shortcomings" tied to the dated review."""
    text = main_text(bundled_site / "tillganglighet" / "index.html")
    assert "innan webbplatsen publiceras" not in text and "Alla slags sidor" not in text
    assert "Testerna körs när verktyget ändras, inte vid varje publicering." in text
    assert ("När webbplatsen granskades den 2 november 2026 hittade vi inga brister i pressmeddelandena "
            "eller nyhetsflödena.") in text


def test_404_has_one_för(bundled_site):
    """W14: "startsidan för Delmos nyhetsrum för att se" had two *för* in a row."""
    text = main_text(bundled_site / "404.html")
    assert "Gå till startsidan för att se de senaste pressmeddelandena." in text
