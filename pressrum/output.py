"""Write the built site atomically, and only over a folder this tool created.

The site is written into a temporary sibling folder and swapped in with ``rename``: a
failing build (content error, template error, full disk, Ctrl-C, a killed process) leaves
the previous output byte for byte as it was, and files of releases that no longer exist
disappear. A marker file proves a folder is ours; anything else is refused, never emptied.

Every commit – a full build or an update after an edit – publishes a complete staged tree in
one step, so no reader ever sees a page that links to a file not yet (or no longer) there. An
update stages only the changed files and hard-links every unchanged one from the current site
(cheap: no byte is copied). On Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` call, so
there is no moment without a site; elsewhere it is two renames, and the old site is put back
if the second fails. The output folder is therefore a new folder (a new inode) after every
commit: a web server that serves it by its path follows it; one holding the old folder open
(a process whose working folder it is) keeps seeing the previous site. Temporary folders left
behind by a killed build (``.releases.ny-<pid>``) are never published and are removed by the
next build.

The marker of a published newsroom also lists every release it publishes (``publicerat:``, the
path and headline as JSON: no build clock, so the same input gives the same bytes): the next
build into the folder knows what an earlier one put out, and ``pipeline.build`` refuses to take
any of it away unless the editor says ``--unpublish``.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import signal
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from . import ctrl_c
from .errors import BuildFailed, Place, Problem, display_path
from .pool import fork_safe
from .spare import fix

MARKER = ".pressrum-utdata"
MARKER_TEXT = b"Den har mappen skapas av Pressrum (python build.py). Innehallet skrivs over vid varje bygge.\n"
DRAFT_LINE = b"utkast: ja\n"  # a preview (drafts included) – never to be published
PREVIEW_ROBOTS = b"# Forhandsgranskning med utkast: far inte indexeras.\nUser-agent: *\nDisallow: /\n"
_NEW_MARKER = MARKER + ".ny"  # a kept folder's new marker, before it replaces the old
_STAGING_OWN = frozenset((MARKER, _NEW_MARKER))  # what spare.fix leaves alone
PUBLISHED = b"publicerat: "  # a marker line naming one published release: JSON [path, headline]


def marker_bytes(drafts: bool, published=()) -> bytes:
    """The marker of an output folder: the fixed text, then ``utkast: ja`` for a preview, or a
    line per published release (``published``: (path, headline) pairs) sorted by path. A line
    ends in ``"]`` and so can never read as ``utkast: ja``, whatever a headline says."""
    import json  # not on the path of a build with nothing to do

    if drafts:
        return MARKER_TEXT + DRAFT_LINE
    # Each line's JSON is json.dumps([path, title], ensure_ascii=False) (tests/unit/test_marker.py
    # compares), quoted by the encoder's own C function: a marker of 5 000 lines in a tenth of
    # the time of an encoder per line.
    quote, start = json.encoder.encode_basestring, PUBLISHED.decode("ascii")
    lines = "".join(f"{start}[{quote(path)}, {quote(title)}]\n" for path, title in sorted(set(published)))
    return MARKER_TEXT + lines.encode("utf-8")


def published_before(out_dir: Path) -> tuple[tuple[int, str, str], ...]:
    """The releases that the last build into ``out_dir`` published, as its marker lists them:
    (line of the marker, path, headline); none for a new folder, a preview or an older marker."""
    try:
        data = (Path(out_dir) / MARKER).read_bytes()
    except OSError:
        return ()
    import json

    found = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.startswith(PUBLISHED):
            continue
        try:
            path, title = json.loads(line[len(PUBLISHED):].decode("utf-8"))
        except (ValueError, TypeError):  # a marker edited by hand: that line names nothing
            continue
        if isinstance(path, str) and isinstance(title, str):
            found.append((number, path, title))
    return tuple(found)


class RefusedOutput(BuildFailed):
    """The output folder may not be replaced (not ours, or a place that must never be emptied)."""


def refuse_reason(out_dir: Path, protected: tuple[Path, ...] = (), drafts: bool = False) -> str | None:
    """Why ``out_dir`` must not be replaced, or None when it is safe (new, empty or ours)."""
    out = Path(out_dir).expanduser().resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        return "det är filsystemets rot"
    if out == home:
        return "det är din hemmapp"
    cwd = Path.cwd().resolve()
    if out == cwd or cwd.is_relative_to(out):
        return "det är arbetsmappen eller en mapp som innehåller den"
    for p in protected:
        p = Path(p).expanduser().resolve()
        if out == p or p.is_relative_to(out) or out.is_relative_to(p):
            return f"den är eller innehåller {display_path(p)}, som Pressrum läser från"
    if out.exists() and not out.is_dir():
        return "det finns redan en fil med det namnet"
    if out.is_dir() and any(out.iterdir()):
        marker = out / MARKER
        if not marker.is_file():
            return "mappen innehåller filer som Pressrum inte har skapat"
        held_drafts = DRAFT_LINE in marker.read_bytes()
        if drafts and not held_drafts:
            return "mappen innehåller ett publicerat nyhetsrum; utkast skrivs bara till en förhandsgranskning"
        if not drafts and held_drafts:
            return ("mappen är en förhandsgranskning med utkast och blir aldrig ett publicerat nyhetsrum; "
                    "ta bort den först om den ska användas")
    return None


@contextmanager
def build_lock(out_dir: Path, lock_file: Path | None):
    """Hold the output folder for one build: a second build into the same folder at the same
    time stops at once with a located problem naming the process that holds it. The lock is the
    kernel's (``flock`` on ``lock_file``, in the user's cache folder), so it goes with the process;
    None: no lock (no cache folder to keep it in)."""
    if lock_file is None:
        yield
        return
    lock_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with held(lock_file, lambda holder: Problem(Place(display_path(out_dir)),
                                                f"utmappen byggs redan av en annan körning (process {holder})",
                                                "vänta tills den är klar och bygg sedan igen")):
        yield


@contextmanager
def held(lock_file: Path, taken: Callable[[str], Problem]):
    """Hold ``lock_file`` (the kernel's ``flock``, gone with the process) with this process's pid
    written in it; when another process holds it, raise BuildFailed with ``taken(its pid)`` at once.
    The one mechanism behind one build per output and one publisher per target."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "okänd"
            raise BuildFailed([taken(holder)]) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def check_out(out_dir: Path, protected: tuple[Path, ...] = (), drafts: bool = False) -> None:
    """Raise :class:`RefusedOutput` (a located, Swedish problem) if ``out_dir`` may not be replaced."""
    reason = refuse_reason(out_dir, protected, drafts)
    if reason:
        raise RefusedOutput([Problem(Place(display_path(out_dir)), f"Pressrum skriver inte i mappen, eftersom {reason}",
                                     "ingenting har ändrats; välj en ny eller tom mapp med --out, "
                                     "till exempel --out releases")])


def write_site(files: dict[str, bytes], out_dir: Path, protected: tuple[Path, ...] = (),
               drafts: bool = False) -> None:
    """Write ``files`` (path → bytes) as the complete new content of ``out_dir``, atomically.

    A preview (``drafts``) is marked as such and tells every crawler to stay out, should it
    ever be put on a web server.
    """
    with Staging(out_dir, protected, drafts) as staging:
        if drafts:
            files = {**files, "robots.txt": PREVIEW_ROBOTS}
        staging.commit({rel: staging.put(rel, files[rel]) for rel in sorted(files)})


def digest(data: bytes) -> str:
    """What the build cache remembers of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Staging:
    """The files of one build, put beside the output and published in one step by :meth:`commit`.

    * A **full** write (``last_output`` None) puts the complete new site in a temporary sibling
      folder – a file whose bytes equal the current output's is hard-linked from it – and swaps
      the folders, as :func:`write_site` does.
    * An **update** (``last_output``: the digest of every file in the current output, which the
      build cache has just verified) writes only the files whose bytes changed into the
      temporary folder. Every file of the current site is hard-linked beside them by a forked
      child process while the build runs (on the other core; by :meth:`commit` itself where
      forking is not safe), :meth:`commit` removes the files no longer built, and the temporary
      folder, now the complete new site, is swapped in the same single step as a full write.
      With ``spare`` (where the build cache keeps the previous site, ``spare.py``), an update
      starts from the kept folder instead of an empty one, and only what differs is removed and
      linked; the update's previous site is kept there in turn when most of it is unchanged.

    Either way the commit is one swap: before it the previous site is published, after it the
    new one, never a mix. :meth:`put` may be called from worker processes (forked after the
    staging folder exists). Used as a context manager, the staging folder (after a commit: the
    previous site, unless kept) is removed however the block ends.
    """

    def __init__(self, out_dir: Path, protected: tuple[Path, ...] = (), drafts: bool = False,
                 last_output: dict[str, str] | None = None, spare: Path | None = None):
        check_out(out_dir, protected, drafts)
        self.drafts = drafts
        self.out = Path(out_dir).expanduser().resolve()
        self.last_output = last_output if last_output is not None and self.out.is_dir() else None
        self.link_from = self.out if self.out.is_dir() and self.last_output is None else None
        self.tmp = self.out.parent / f".{self.out.name}.ny-{os.getpid()}"
        self._prefix = str(self.tmp) + os.sep  # plain strings: put() runs for every file
        self._old = str(self.link_from) + os.sep if self.link_from is not None else None
        self._made: set[str] = {str(self.tmp)}
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.out)
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        # An update stages in the previous site the build cache kept (spare.py) when it has one:
        # a child process removes what differs from the current output and links what it lacks,
        # where a tree made from nothing needs a link per file and the previous site a removal.
        self._spare, self._keep, self._missing, self._ready, self._taken = spare, False, None, None, False
        self._linker: int | None = None
        try:  # from here on, whatever stops the build (Ctrl-C) removes the staging folder
            self._taken = _take_spare(spare, self.tmp, self.last_output is not None)
            if not self._taken:
                self.tmp.mkdir()
            if not self._taken:
                # The marker comes first, so a half-written temporary folder is recognisably ours.
                (self.tmp / MARKER).write_bytes(marker_bytes(drafts))
            else:  # the kept folder's marker, replaced (it may be a link to the output's)
                write_new(f"{self._prefix}{_NEW_MARKER}", marker_bytes(drafts))
                os.replace(f"{self._prefix}{_NEW_MARKER}", self.tmp / MARKER)
            if self._taken:
                # put() waits until the kept folder is fixed (self._ready reads end of file).
                self._linker, self._ready = _start_linker(str(self.out), str(self.tmp), None)
                if self._linker is None:  # no forking here: fixed before anything is put
                    self._missing = set(fix(str(self.tmp), str(self.out), _STAGING_OWN))
            elif self.last_output is not None:
                # An update: a child process hard-links the current site into the staging folder
                # while this one builds; put() replaces what changes (never writing through).
                self._linker, _ = _start_linker(str(self.out), str(self.tmp), sorted(self.last_output))
        except BaseException:
            self.abandon()
            raise

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        self.abandon()

    def published(self) -> tuple[tuple[int, str, str], ...]:
        """What the output's marker says an earlier build published (nothing for a preview)."""
        return () if self.drafts else published_before(self.out)

    def mark(self, published) -> None:
        """Let the marker name the releases this build publishes ((path, headline) pairs); the
        commit puts it in place with the site."""
        if not self.drafts:
            write_new(str(self.tmp / MARKER), marker_bytes(False, published))

    def put(self, rel: str, data: bytes) -> str:
        """Stage one file (unless the output already has these bytes); return its digest."""
        d = digest(data)
        if self.last_output is not None and self.last_output.get(rel) == d:
            return d
        if self._ready is not None:  # in each process once: until the kept folder is fixed
            fd, self._ready = self._ready, None
            try:
                os.read(fd, 1)  # end of file when the fixing child is done (or gone)
            finally:
                os.close(fd)
        path = self._prefix + rel
        parent = os.path.dirname(path)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        if self._old is not None and _unchanged(self._old + rel, data):
            try:
                _link_new(self._old + rel, path)
                return d
            except OSError:  # no hard links here (another file system, FAT): write it
                pass
        write_new(path, data)
        return d

    def commit(self, files: dict[str, str]) -> list[str]:
        """Publish the build whose files (path → digest) are ``files``; return the paths written
        (an update: the new and changed files, and the marker when it changed)."""
        try:
            if self.last_output is None:
                if self.out.exists():
                    _swap(self.tmp, self.out)  # tmp now holds the previous site
                else:
                    os.rename(self.tmp, self.out)
                return sorted(files)
            changed = sorted(rel for rel, d in files.items() if self.last_output.get(rel) != d)
            if not self._linked():  # no linker, or it failed: link (or copy) here what it did not
                unchanged = [rel for rel, d in files.items() if self.last_output.get(rel) == d]
                if self._taken:
                    if self._missing is None:  # its child failed: fixed here, sparing what was put
                        new = {rel for rel, d in files.items() if self.last_output.get(rel) != d}
                        self._missing = set(fix(str(self.tmp), str(self.out), _STAGING_OWN, new))
                    unchanged = [rel for rel in unchanged if rel in self._missing]
                self._link_unchanged(unchanged)
            self._drop([rel for rel in self.last_output if rel not in files])  # no longer built
            # The marker is read here again: only a folder that is still ours is replaced.
            if (self.out / MARKER).read_bytes() == (self.tmp / MARKER).read_bytes():
                # The current marker itself (its size and time stay as the build cache knows them),
                # put in place by a rename: the staging folder is never without one.
                spare = f"{self._prefix}{MARKER}.ny"
                _link_new(str(self.out / MARKER), spare)
                os.replace(spare, self.tmp / MARKER)
            else:
                changed.insert(0, MARKER)
            _swap(self.tmp, self.out)  # tmp now holds the previous site
            # Kept for the next update to stage in, when it shares most of its files with the
            # new site (its only bytes of its own are the old versions of the changed files).
            self._keep = self._spare is not None and 2 * len(changed) < len(files)
            return changed
        finally:
            self.abandon()

    def _link_unchanged(self, rels: list[str]) -> None:
        """Hard-link the output's ``rels`` into the staging folder (copied where the file system
        has no hard links), so that it holds the complete new site."""
        old, new, made = str(self.out) + os.sep, self._prefix, self._made
        for rel in rels:
            path = new + rel
            parent = os.path.dirname(path)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            try:
                os.link(old + rel, path, follow_symlinks=False)
            except FileExistsError:  # linked already, or put() wrote it
                pass
            except FileNotFoundError:  # gone from the output since the cache checked it: no site to make
                raise
            except OSError:  # no hard links here (FAT, some network file systems): a copy, same time
                shutil.copy2(old + rel, path, follow_symlinks=False)

    def _linked(self) -> bool:
        """Wait for the linker; True when it linked every file of the current site."""
        pid, self._linker = self._linker, None
        if pid is None:
            return False
        _, status = os.waitpid(pid, 0)
        return status == 0

    def _drop(self, rels: list[str]) -> None:
        """Remove files no longer built from the staging folder, and folders left empty."""
        for rel in rels:
            path = self.tmp / rel
            try:
                path.unlink()
                parent = path.parent
                while parent != self.tmp and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
            except FileNotFoundError:
                pass

    def abandon(self) -> None:
        """Remove the staging folder (the output is left as it is). The marker goes last, so a
        removal cut short (Ctrl-C, a kill) leaves a folder the next build recognises and removes."""
        if self._linker is not None:
            pid, self._linker = self._linker, None
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self._ready is not None:
            fd, self._ready = self._ready, None
            os.close(fd)
        keep, self._keep = self._keep, False
        if keep and _keep_spare(self.tmp, self._spare):
            return
        _remove_ours(self.tmp)


class Looking:
    """A sink that only looks at the files (``check``: everything is made, nothing written)."""

    def __enter__(self) -> Looking:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def published(self) -> tuple:
        return ()

    def mark(self, published) -> None:
        pass

    def put(self, rel: str, data: bytes) -> str:
        return digest(data)

    def commit(self, files: dict[str, str]) -> list[str]:
        return []


class Collect(Looking):
    """A sink that keeps the files in memory (tests and tools), by path."""

    def __init__(self):
        self.files: dict[str, bytes] = {}

    def put(self, rel: str, data: bytes) -> str:
        self.files[rel] = data
        return digest(data)


def temporaries(out: Path) -> list[Path]:
    """Temporary siblings of ``out`` made by builds (this one's or killed ones), sorted."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(ny|gammal)-(\d+)")
    if not out.parent.is_dir():
        return []
    return sorted(p for p in out.parent.iterdir() if pattern.fullmatch(p.name))


def remove_stale_temporaries(out: Path) -> None:
    """Remove temporary folders of builds that no longer run (killed mid-write)."""
    for p in temporaries(out):
        pid = int(p.name.rsplit("-", 1)[1])
        if pid != os.getpid() and process_alive(pid):
            continue  # another build is writing right now
        if p.is_dir() and not p.is_symlink() and ((p / MARKER).is_file() or not any(p.iterdir())):
            shutil.rmtree(p, ignore_errors=True)


def _start_linker(out: str, tmp: str, rels: list[str] | None) -> tuple[int | None, int | None]:
    """Fork a child that hard-links ``rels`` from ``out`` into ``tmp`` (sorted paths) and exits,
    0 when it linked them all; its pid, or None when this process may not fork (it has threads).

    With ``rels`` None, ``tmp`` is a kept previous site: the child first makes it hold only the
    output's files (``spare.fix``), then closes the write end of a pipe whose read end is
    returned too (end of file there: nothing it removes can be a file put meanwhile), then
    links the output's files it lacked."""
    if not hasattr(os, "fork") or not fork_safe():
        return None, None
    prctl, parent = _prctl(), os.getpid()  # before the fork: the child imports nothing
    ready, done = os.pipe() if rels is None else (None, None)
    with ctrl_c.blocked() as before:
        try:
            pid = os.fork()
        except OSError:
            if ready is not None:
                os.close(ready)
                os.close(done)
            return None, None
        if pid == 0:  # the child: link, leave at once; never a message, whatever happens
            code = 1
            try:
                ctrl_c.in_forked_child(before)  # Ctrl-C is the build's, which stops this
                _die_with_parent(prctl, parent)
                if rels is None:
                    os.close(ready)
                    rels = fix(tmp, out, _STAGING_OWN)
                    os.close(done)
                _link_tree(out, tmp, rels)
                code = 0
            except BaseException:  # noqa: BLE001 - the build links what is missing itself
                pass
            finally:
                os._exit(code)
    if done is not None:
        os.close(done)
    return pid, ready


def _link_tree(out: str, tmp: str, rels: list[str]) -> None:
    """Hard-link every path of ``rels`` from ``out`` into ``tmp``, leaving any already there.
    Relative to the two folders' descriptors: should ``tmp`` be removed meanwhile, nothing is
    made again in its place."""
    src = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    dst = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    made = {""}
    for rel in rels:
        parent = rel.rpartition("/")[0]
        if parent not in made:
            parts = parent.split("/")
            for i in range(1, len(parts) + 1):
                folder = "/".join(parts[:i])
                if folder not in made:
                    try:
                        os.mkdir(folder, dir_fd=dst)
                    except FileExistsError:
                        pass
                    made.add(folder)
        try:
            os.link(rel, rel, src_dir_fd=src, dst_dir_fd=dst, follow_symlinks=False)
        except FileExistsError:  # put() wrote it first
            pass


def _prctl():
    """Linux's prctl from the C library already loaded, or None."""
    import ctypes  # also needed by the swap that follows

    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _die_with_parent(prctl, parent: int) -> None:
    """Ask Linux to kill this (forked) process when its parent (``parent``, its pid taken before
    the fork) dies: a build killed with kill -9 must not leave a linker that writes into a folder
    the next build is removing."""
    if prctl is not None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)


def _remove_ours(folder: Path) -> None:
    """Remove ``folder`` (a temporary of ours), its marker last, with Ctrl-C held meanwhile.

    A KeyboardInterrupt raised inside shutil.rmtree between its closing of a directory and the
    ``finally`` that closes it again makes rmtree close it twice (EBADF: "internt fel" in place of
    "avbrutet"; found by the Ctrl-C loop of tests/test_atomic.py). Held, the Ctrl-C is raised
    when the removal is done, at a point where the build can say what is true.

    In the main thread the Ctrl-C is held by a handler that only notes it: a signal mask holds
    it for the calling thread alone, and a process with another thread (an executor's, a test
    runner's) would take the signal there and still raise in the middle of rmtree (``ctrl_c.held``)."""
    with ctrl_c.held():
        _remove(folder)


def _remove(folder: Path) -> None:
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for entry in entries:
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except OSError:
                pass
    shutil.rmtree(folder, ignore_errors=True)


def _take_spare(spare: Path | None, tmp: Path, update: bool) -> bool:
    """For an ``update``, move the previous site the build cache kept (``spare``) into place as
    the staging folder ``tmp``; True when it did. Else a kept folder is of no use (this build
    starts from nothing): removed."""
    if spare is None:
        return False
    if update:
        try:
            if stat.S_ISDIR(os.lstat(spare).st_mode):
                os.rename(spare, tmp)
                if stat.S_ISDIR(os.lstat(tmp).st_mode):
                    return True
                os.unlink(tmp)  # replaced by something else meanwhile
        except OSError:  # none, or on another file system
            pass
    _remove_kept(spare)
    return False


def _remove_kept(folder: Path) -> None:
    """Remove a kept previous site (a link in its place only as a link: never what it points to)."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            os.unlink(folder)
            return
    except OSError:  # none there (or not ours to remove: then it is not used either)
        return
    _remove_ours(folder)


def _keep_spare(previous: Path, folder: Path) -> bool:
    """Move the previous site (after a commit, the staging folder) to where the build cache keeps
    it for the next update; False when it cannot be moved there (another file system)."""
    try:
        _remove_kept(folder)  # one the build did not take: replaced
        os.rename(previous, folder)
        return True
    except OSError:
        return False


def output_identity(out: Path) -> tuple[int, int] | None:
    """Which folder ``out`` is (device, inode), or None when there is none. Every commit puts a
    new folder there, so a changed identity means a build was published."""
    try:
        st = os.stat(out)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C after the new site was published (the output folder is the new build's)."""

    def __init__(self, out: Path):
        super().__init__(str(out))
        self.out = out


@contextmanager
def interrupt_truth(out: Path):
    """Let a Ctrl-C in the block tell whether the output was replaced meanwhile: it is raised as
    :class:`InterruptedAfterCommit` when it was, as it came when not. The folder itself is the
    witness, so this holds however late the Ctrl-C comes (saving the cache, printing)."""
    before = output_identity(out)
    try:
        yield
    except KeyboardInterrupt as exc:
        if isinstance(exc, InterruptedAfterCommit) or output_identity(out) == before:
            raise
        raise InterruptedAfterCommit(out) from None


def process_alive(pid: int) -> bool:
    """True when a process ``pid`` exists (also one of another user's, which may not be signalled)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_new(path: str, data: bytes) -> None:
    """Create the file ``path`` holding ``data``. A file already there (a round built again) is
    replaced, never written through: it may be a hard link into the published site."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(3):  # an update's linker may link the path once between unlink and open
        try:
            fd = os.open(path, flags, 0o666)
            break
        except FileExistsError:
            if attempt == 2:
                raise
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _link_new(old: str, path: str) -> None:
    try:
        os.link(old, path, follow_symlinks=False)
    except FileExistsError:
        os.unlink(path)
        os.link(old, path, follow_symlinks=False)


def _unchanged(old, data: bytes) -> bool:
    """True when ``old`` is a regular file (not a link planted in the output) holding exactly ``data``."""
    try:
        st = os.lstat(old)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        with open(old, "rb") as f:
            return f.read() == data
    except OSError:
        return False


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    import ctypes  # only when a site is swapped

    try:
        # The C library is already loaded into Python; find_library would run ldconfig.
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        try:
            import ctypes.util

            fn = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).renameat2
        except (OSError, AttributeError):
            return None
    fn.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    fn.restype = ctypes.c_int
    return fn


_EXCHANGE = []  # renameat2, looked up on the first swap ([None] where there is none)


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` in place of ``out``; afterwards ``new`` holds the previous site."""
    if not _EXCHANGE:
        _EXCHANGE.append(_renameat2())
    if _EXCHANGE[0] is not None:
        if _EXCHANGE[0](_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(out), _RENAME_EXCHANGE) == 0:
            return
        # Not supported by this file system: fall back to two renames.
    old = out.parent / f".{out.name}.gammal-{os.getpid()}"
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(old, out)  # put the previous site back before giving up
        raise
    os.rename(old, new)
