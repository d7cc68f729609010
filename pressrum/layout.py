"""The names at the top of the output that the newsroom's own files take.

A round's files go under its folder name (``<omgång>/…``); the newsroom-wide files – the start
page, the county pages and feeds, the accessibility statement, the privacy page, 404, sitemap, robots.txt, the
style sheet and the national feeds – go at the top. ``site.py`` and ``feeds.py`` write their
paths from the names here, and ``validate.load_round`` refuses a round folder named by any of
them (a round called ``lan`` would otherwise overwrite county pages), so the two can never
disagree; ``tests/test_guards.py`` checks that every newsroom-wide file starts with one.
"""
from __future__ import annotations

COUNTIES = "lan"  # lan/<län>/index.html, rss.xml, atom.xml
ACCESSIBILITY = "tillganglighet"  # tillganglighet/index.html
PRIVACY = "integritet"  # integritet/index.html: what the site stores (no cookies), what subscriptions keep
START_PAGE = "index.html"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FEED_FILES = ("rss.xml", "atom.xml")  # in every feed's folder: the newsroom's is the top
STATIC_FILES = ("style.css",)  # copied from templates/static/

RESERVED = frozenset({COUNTIES, ACCESSIBILITY, PRIVACY, START_PAGE, NOT_FOUND, SITEMAP, ROBOTS, *FEED_FILES, *STATIC_FILES})
