#!/usr/bin/env python3
"""Pressrum's command: ``python build.py`` builds the newsroom into releases/.

See ``python build.py --help``; the work is done by :mod:`pressrum.cli`.
"""
import signal

# Ctrl-C while the package is still being imported ends the process quietly, as SIGTERM does,
# instead of printing a traceback; pressrum.cli.main puts Python's own handler back.
signal.signal(signal.SIGINT, signal.SIG_DFL)

from pressrum.cli import command  # noqa: E402 - after the handler above, on purpose

if __name__ == "__main__":
    command()
