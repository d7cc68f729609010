"""Messages of the command line itself: a closed pipe, the output folder, --now."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, run_cli


def test_json_piped_into_a_reader_that_stops_early_prints_no_traceback(tmp_path):
    """`check --format json | head -c 1`: the reader closes the pipe; no traceback, no 'internt fel'."""
    content = tmp_path / "content"
    (content / "rounds" / "2021" / "lan").mkdir(parents=True)
    (content / "site.yaml").write_text("".join(f"okant{i}: 1\n" for i in range(3000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "check", "--content", str(content),
                             "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.stdout.read(1) == b"{"
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    proc.wait(timeout=60)
    assert "Traceback" not in err and "internt fel" not in err and "BrokenPipe" not in err


def test_a_refused_output_folder_is_said_plainly(tmp_path):
    """Not 'fel i kommandot: utmappen … används inte' with two dash clauses: what Pressrum does not do, why,
    that nothing changed, and what to do."""
    out = tmp_path / "x"
    out.mkdir()
    (out / "egen.txt").write_text("behåll\n", encoding="utf-8")
    code, stdout, err = run_cli("build", "--out", str(out), "--now", "2021-05-17T10:00")
    assert (code, stdout) == (2, "")
    assert err == (f"Pressrum skriver inte i mappen {out}, eftersom mappen innehåller filer som Pressrum inte har "
                   "skapat. Ingenting har ändrats. Välj en ny eller tom mapp med --out.\n")


def test_help_names_the_output_folder_in_plain_swedish():
    """Not argparse's placeholder OUT nor the odd word 'utmapp' (review §4): the folder is MAPP, as --content's."""
    for command in ("build", "skicka"):
        code, stdout, err = run_cli(command, "--help")
        assert (code, err) == (0, "")
        stdout = " ".join(stdout.split())  # argparse wraps the help at the terminal's width
        assert "--out MAPP" in stdout and "mappen där nyhetsrummet skrivs" in stdout
        assert " OUT" not in stdout and "utmapp" not in stdout


def test_no_command_help_shows_argparse_placeholders():
    for command in ("build", "check", "schema", "serve", "publish", "status", "archive", "skicka"):
        code, stdout, err = run_cli(command, "--help")
        assert (code, err) == (0, "")
        assert " OUT" not in stdout, command


# Each command's parser declares only that command (cli_parser._parser); the reference declares
# all nine, as ``--help`` does. Same values, same help, same errors.
_ARGVS = (
    ["build"], ["build", "--out", "x", "--drafts", "--now", "2021-05-17T10:00"], ["build", "--unpublish"],
    ["check", "--format", "json"], ["schema", "--out", "s"], ["serve", "--port", "0"], ["publish", "--dry-run", "--to", "d"],
    ["status"], ["archive", "list"], ["skicka", "--dry-run"], ["subscribers", "add", "a@b.se", "--list", "skane"],
    ["subscribers", "import", "f.csv"], ["subscribers", "list"], ["subscribers", "serve", "--port", "0"],
    ["build", "--help"], ["check", "-h"], ["subscribers", "--help"], ["subscribers", "add", "--help"],
    ["build", "--bogus"], ["build", "--now", "x"], ["check", "--format", "xml"], ["serve", "--port", "70000"],
    ["archive", "nope"], ["subscribers"], ["build", "check"],
)


def _outcome(parser, argv, capsys):
    from pressrum.cli_parser import UsageError

    try:
        result = ("ok", vars(parser.parse_args(argv)))
    except UsageError as exc:
        result = ("usage", str(exc))
    except SystemExit as exc:
        result = ("exit", exc.code)
    return result, capsys.readouterr()


def test_a_parser_of_one_command_reads_as_the_parser_of_all(capsys):
    from pressrum.cli_parser import _COMMANDS, _parser

    for argv in _ARGVS:
        assert argv[0] in _COMMANDS
        assert _outcome(_parser(argv[0]), argv, capsys) == _outcome(_parser(None), argv, capsys), argv
