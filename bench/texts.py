"""Measure what the release texts say over a synthetic newsroom (issue 15's done-when bars).

    python bench/texts.py                 # generate 200 releases (bench/bench.py), build, report
    python bench/texts.py --releases 44   # a smaller newsroom
    python bench/texts.py --built DIR --content DIR   # measure a build made elsewhere

Reported: headlines over 70 characters; headlines without a figure (digits or a number word);
template sentences shared by more than half of the local releases of one decision, after names
and figures are replaced by placeholders (sentences found in the content files are the
editor's, not the template's, and list items are a table, so both are left out); and county facts
per local release (share, rank, kommuner, biggest grant, multi-year) where the county
file has a recipient list; and how many local releases say the rank as the counties ahead
("Två län har fler beviljade aktörer än Halland") and the share in per cent.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pressrum import sv  # noqa: E402

MAX_HEADLINE = 70
NUMBER_WORDS = r"\b(en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\b"
NEGATIVE_RANK = r"län har fler beviljade|län får fler [\w\u00a0]+ \w+ än|färre beviljade [\w\u00a0]+ än"
PERCENT_SHARE = r"\d+ procent"  # the share in per cent (a count reads "en av landets tolv")
FACTS = {  # what a county fact reads like in a local release, by kind
    "andel": r"\d+ procent|av landets [\w\u00a0]+ beviljade|av de [\w\u00a0]+ \w+ som får",
    "rang": r"flest beviljade|flest [\w\u00a0]+ som får|plats bland landets län| plats med |flest i landet|i topp|där flest|får fler|"
            + NEGATIVE_RANK,
    "kommuner": r"av länets \w+ kommuner|alla länets \w+ kommuner",
    "storst": r"största bidraget|får mest i länet|Mest i länet får",
    "flerarigt": r"fleråriga",
}


def headline_of(text: str) -> str:
    return text.split("\n", 1)[0].strip()


def has_figure(headline: str) -> bool:
    return bool(re.search(r"\d", headline) or re.search(NUMBER_WORDS, headline, re.IGNORECASE))


def _names() -> list[str]:
    names = {lan.namn for lan in sv.alla_lan()} | {lan.kortnamn for lan in sv.alla_lan()}
    names |= {k.namn for k in sv.alla_kommuner()}
    return sorted(names, key=len, reverse=True)


def normalise(sentence: str, names: list[str], extra: list[str]) -> str:
    """A sentence with names and figures as placeholders."""
    for n in extra + names:
        if n in sentence:
            sentence = sentence.replace(n, "NAMN")
    sentence = re.sub(r"\d[\d\u00a0 ,]*", "#", sentence)
    sentence = re.sub(NUMBER_WORDS, "#", sentence, flags=re.IGNORECASE)
    sentence = re.sub(r"\(https?://\S+\)|https?://\S+", "URL", sentence)
    return sentence.strip()


def sentences(text: str) -> list[str]:
    body = text.split("\nPresskontakt\n", 1)[0]  # contacts and the About text are content
    out = []
    for para in body.split("\n\n")[2:]:  # headline and dateline left out
        para = para.strip()
        if not para or para.startswith("- ") or para.startswith("– "):  # list items and quotes
            continue
        out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])", para.replace("\n", " ")) if len(s.split()) > 2]
    return out


def content_text(content: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.read_text(encoding="utf-8") for p in content.rglob("*.yaml")))


def recipient_names(content: Path) -> list[str]:
    found = re.findall(r'namn:\s*"?([^"\n]+)"?', " \n".join(p.read_text(encoding="utf-8") for p in content.rglob("*.yaml")))
    return sorted({n.strip() for n in found}, key=len, reverse=True)


def measure(built: Path, content: Path) -> dict:
    names, extra, own = _names(), recipient_names(content), content_text(content)
    heads = [headline_of(p.read_text(encoding="utf-8")) for p in built.rglob("index.txt") if _is_release(p, built)]
    shared = negative = percent = 0
    facts = []
    for decision in sorted({p.parent.parent for p in built.rglob("index.txt") if _is_local(p, built)}):
        local = sorted(decision.glob("*/index.txt"))
        seen = Counter()
        for p in local:
            text = p.read_text(encoding="utf-8")
            mine = {normalise(s, names, extra) for s in sentences(text) if re.sub(r"\s+", " ", s) not in own}
            seen.update(mine)
            negative += bool(re.search(NEGATIVE_RANK, text))
            percent += bool(re.search(PERCENT_SHARE, text))
            county_file = content / "rounds" / decision.parent.name / "lan" / f"{p.parent.name}.yaml"
            if county_file.exists() and "mottagare:" in county_file.read_text(encoding="utf-8") \
                    and "mottagare: []" not in county_file.read_text(encoding="utf-8"):
                facts.append(sum(bool(re.search(rx, text, re.IGNORECASE)) for rx in FACTS.values()))
        shared += sum(1 for _, n in seen.items() if n > len(local) / 2)
    return {
        "releases": len(heads),
        "headlines > 70": sum(len(h) > MAX_HEADLINE for h in heads),
        "headlines without figure": sum(not has_figure(h) for h in heads),
        "shared sentences > half": shared,
        "rank said as counties ahead": negative,
        "share in per cent": percent,
        "county facts min": min(facts) if facts else 0,
        "county facts avg": round(sum(facts) / len(facts), 1) if facts else 0.0,
    }


def _is_release(p: Path, built: Path) -> bool:
    parts = p.relative_to(built).parts
    return len(parts) in (3, 4) and parts[1] in ("beslut", "ansokningar", "tillagg") or (len(parts) >= 3 and "nyhet" in parts[1])


def _is_local(p: Path, built: Path) -> bool:
    parts = p.relative_to(built).parts
    return len(parts) == 4 and parts[1] == "beslut"


def build(releases: int, folder: Path) -> tuple[Path, Path]:
    content, out = folder / "content", folder / "out"
    subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--generate", str(releases), str(content)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--out", str(out),
                    "--now", "2100-12-31T12:00"], check=True, capture_output=True, cwd=ROOT)
    return out, content


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--releases", type=int, default=200)
    p.add_argument("--built", type=Path)
    p.add_argument("--content", type=Path)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pressrum-texts-") as tmp:
        built, content = (args.built, args.content) if args.built else build(args.releases, Path(tmp))
        for k, v in measure(built, content).items():
            print(f"{k:28} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
