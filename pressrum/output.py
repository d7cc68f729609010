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

This module holds the staging (:class:`Staging`, :func:`write_site`) and the sinks that write
nothing; the marker and the guard are in ``output_marker``, the build lock and the Ctrl-C
witness in ``output_lock``, the linking child in ``output_link``, and the file operations
(write, swap, remove, the kept previous site) in ``output_files``.
"""
from __future__ import annotations

import hashlib
import os
import select
import shutil
import signal
from pathlib import Path

from . import ctrl_c
from .output_files import (_keep_spare, _link_new, _remove_ours, _swap, _take_spare, _unchanged,
                           remove_stale_temporaries, write_new)
from .output_link import _start_linker
from .output_marker import (_NEW_MARKER, _STAGING_OWN, MARKER, PREVIEW_ROBOTS, check_out, marker_bytes,
                            published_before)
from .spare import fix, scanned_listing


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


# What put() may hold in memory, in the process that made the staging folder, while the kept
# previous site is still being fixed (a one-county edit at 20 000 releases puts about 3 MB).
PENDING_BYTES = 16 << 20


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
      linked (the output's side from ``scanned``, the build cache's scan of it, when given); the
      update's previous site is kept there in turn when most of it is unchanged.

    Either way the commit is one swap: before it the previous site is published, after it the
    new one, never a mix. :meth:`put` may be called from worker processes (forked after the
    staging folder exists). Used as a context manager, the staging folder (after a commit: the
    previous site, unless kept) is removed however the block ends.
    """

    def __init__(self, out_dir: Path, protected: tuple[Path, ...] = (), drafts: bool = False,
                 last_output: dict[str, str] | None = None, spare: Path | None = None,
                 scanned: tuple[dict, list[int]] | None = None):
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
        self._pid, self._pending, self._pending_bytes = os.getpid(), {}, 0  # put() meanwhile (_settle)
        self._marker, self._shown = None, set()  # this build's marker and the paths it names (mark)
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
                with ctrl_c.blocked() as before:  # the pid kept before a Ctrl-C can come (_start_linker)
                    self._linker, self._ready = _start_linker(str(self.out), str(self.tmp), None, before, scanned)
                if self._linker is None:  # no forking here: fixed before anything is put
                    self._missing = set(fix(str(self.tmp), str(self.out), _STAGING_OWN,
                                             theirs=scanned_listing(*scanned) if scanned else None))
            elif self.last_output is not None:
                # An update: a child process hard-links the current site into the staging folder
                # while this one builds; put() replaces what changes (never writing through).
                with ctrl_c.blocked() as before:  # the pid kept before a Ctrl-C can come (_start_linker)
                    self._linker, _ = _start_linker(str(self.out), str(self.tmp), sorted(self.last_output), before)
        except BaseException:
            self.abandon()
            raise

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        self.abandon()

    def mark(self, published) -> None:
        """Let the marker name the releases this build publishes ((path, headline) pairs); the
        commit puts it in place with the site."""
        if not self.drafts:
            published = list(published)
            self._marker, self._shown = marker_bytes(False, published), {path for path, _ in published}
            write_new(str(self.tmp / MARKER), self._marker)

    def gone(self) -> tuple[tuple[int, str, str], ...]:
        """The releases the output's marker says an earlier build published (line, path,
        headline) that this build's (:meth:`mark`, called first) does not name; none for a
        preview. When the two markers are the same bytes no line is parsed (an edit that keeps
        every headline: 5 000 lines of JSON, 13 ms)."""
        if self.drafts:
            return ()
        try:
            if (self.out / MARKER).read_bytes() == self._marker:
                return ()
        except OSError:
            pass
        return tuple(line for line in published_before(self.out) if line[1] not in self._shown)

    def put(self, rel: str, data: bytes) -> str:
        """Stage one file (unless the output already has these bytes); return its digest."""
        d = digest(data)
        if self.last_output is not None and self.last_output.get(rel) == d:
            if self._pending:
                self._pending.pop(rel, None)  # put again as the output has it: that is what stays
            return d
        if self._ready is not None:  # the kept folder may still be being fixed
            if (os.getpid() == self._pid and self._pending_bytes + len(data) <= PENDING_BYTES
                    and not select.select([self._ready], [], [], 0)[0]):
                # Held until it is: at 20 000 releases the fixing child took 240 ms, and this
                # process waited 126-188 ms of them at the first file of a one-county edit.
                self._pending[rel] = data
                self._pending_bytes += len(data)
                return d
            self._settle()
        self._write(rel, data)
        return d

    def _settle(self) -> None:
        """Wait until the kept folder is fixed (in each process once: the fixing child's pipe
        reads end of file when it is done, or gone), then write the files put meanwhile (only
        the process that made the staging folder holds any)."""
        if self._ready is not None:
            fd, self._ready = self._ready, None
            try:
                os.read(fd, 1)
            finally:
                os.close(fd)
        if os.getpid() == self._pid and self._pending:
            pending, self._pending, self._pending_bytes = self._pending, {}, 0
            for rel, data in pending.items():
                self._write(rel, data)

    def _write(self, rel: str, data: bytes) -> None:
        path = self._prefix + rel
        parent = os.path.dirname(path)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        if self._old is not None and _unchanged(self._old + rel, data):
            try:
                _link_new(self._old + rel, path)
                return
            except OSError:  # no hard links here (another file system, FAT): write it
                pass
        write_new(path, data)

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
            self._settle()  # the files put while the kept folder was being fixed
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

    def gone(self) -> tuple:
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
