#!/usr/bin/env python3
"""Pressrum's command: ``python build.py`` builds the newsroom into releases/.

See ``python build.py --help``; the work is done by :mod:`pressrum.cli`.
"""
import sys

from pressrum.cli import main

if __name__ == "__main__":
    sys.exit(main())
