"""``archive add``: files → prepared plans → the store, in batches, resumable.

Inputs are plan JSON files (the body of the Validate API), plan matter JSON files (every
plan in their phases' decisions goes in, with the matter's name, identifier and
municipality) and — through :func:`ryhti.convert` — any source the converter reads.
Folders are walked for ``*.json``.

Work is committed in batches of about a second (or :data:`BATCH_OBJECTS` objects), so an
interrupted run keeps what it finished; the archive records each finished file with its
size and modification time, and the next run skips those without reading them, so a
resumed run picks up where the last one stopped and never writes a plan twice (and a plan
read twice is *unchanged* anyway). A file that cannot be read is reported and the run goes
on; the summary counts it.

Reading and preparing a plan costs about as much as writing it, so by default (two cores
or more) another process prepares the plans while this one writes them; a run of
:data:`BULK_FILES` files or more is a bulk load, where a backend may build some indexes
once at the end instead of row by row (:meth:`ArchiveStore.begin_bulk`).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ryhti.archive.progress import Progress
from ryhti.archive.records import AddOptions, PlanInput, PreparedPlan, prepare
from ryhti.archive.store import AddResult, ArchiveStore
from ryhti.errors import InputError, RyhtiError

__all__ = ["AddSummary", "add_files", "default_jobs", "expand_paths", "read_inputs"]

#: From this many files on, a run is a bulk load (:meth:`ArchiveStore.begin_bulk`).
BULK_FILES = 1000
#: A batch is committed when it holds this many objects (or after BATCH_SECONDS).
BATCH_OBJECTS = 100_000
BATCH_SECONDS = 1.0


@dataclass
class AddSummary:
    """What a run did, for the closing lines."""

    results: list[AddResult] = field(default_factory=list)
    skipped: int = 0  # files already archived whole (resume)
    failed: list[str] = field(default_factory=list)  # one line per file that could not be read
    flagged: list[tuple[str, str, int]] = field(default_factory=list)  # (plan, source, errors)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def objects(self) -> int:
        return sum(r.objects for r in self.results if r.outcome != "unchanged")

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and the ``*.json`` files under folders named, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            out.append(path)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def read_inputs(
    path: Path, matter: dict[str, Any] | None = None, convert: dict[str, Any] | None = None
) -> list[PlanInput]:
    """The plans one file holds (a plan, a matter's plans, or a converted source)."""
    from ryhti.io import read_bytes
    from ryhti.model import kind_of

    source = str(path.resolve())
    stat = _stat(path)
    if path.suffix.lower() != ".json":
        import ryhti

        result = ryhti.convert(path, **(convert or {}))
        return [PlanInput(result.plan_json(), matter, source, stat)]
    raw = read_bytes(path)
    data = parse_plan_json(raw, path)
    kind = kind_of(data)
    if kind == "plan":
        return [PlanInput(data, matter, source, stat, raw=raw)]
    if kind == "matter" and isinstance(data, dict):
        found: list[PlanInput] = []
        for i, phase in enumerate(data.get("planMatterPhases") or [], 1):
            decision = phase.get("planDecision") if isinstance(phase, dict) else None
            plans = decision.get("plans") if isinstance(decision, dict) else None
            for j, plan in enumerate(plans if isinstance(plans, list) else [], 1):
                if isinstance(plan, dict) and "planKey" in plan:
                    part = f"phase {i}" + (f" plan {j}" if len(plans) > 1 else "")
                    found.append(PlanInput(plan, data, source, stat, part))
        if not found:
            raise InputError("a plan matter without plans in its phases' decisions", source=path)
        return found
    raise InputError(
        f"holds a {kind or 'JSON value'}, not a plan or a plan matter", source=path, where="$"
    )


def parse_plan_json(raw: bytes, path: Path) -> Any:
    """The file's JSON, strictly, as :func:`ryhti.io.parse_json` reads it.

    ``parse_json`` takes its orjson way only for texts over 1 MB, but a plan register is
    thousands of small files, where the strict parser's Python hooks cost four times
    the rest of the reading; :func:`ryhti.io._parse_fast` gives the very same value (it
    declines whenever it cannot promise that: duplicate keys, long integers…), and then
    the strict parser answers as always, with its line and column.
    """
    from ryhti.io import _DECLINED, _parse_fast, decode_text, parse_json

    value = _parse_fast(raw)
    if value is not _DECLINED:
        return value
    return parse_json(decode_text(raw, path), path, fast=False)


def _prepare_file(
    args: tuple[Path, dict[str, Any] | None, AddOptions, dict[str, Any] | None],
) -> tuple[Path, list[PreparedPlan] | None, str | None]:
    """Read and prepare one file (in a worker process when ``--jobs`` > 1)."""
    path, matter, opts, convert = args
    try:
        return path, [prepare(item, opts) for item in read_inputs(path, matter, convert)], None
    except RyhtiError as exc:
        return path, None, str(exc)
    except (OSError, ValueError) as exc:
        return path, None, f"{path}: {exc}"


#: Files one preparing process takes at a time (fewer round trips between processes).
FILES_PER_TASK = 4
#: Files prepared ahead of the writer: about one batch, so the preparing processes keep
#: working while a batch is written, and memory stays bounded whatever the folder holds.
FILES_AHEAD = 512


def default_jobs() -> int:
    """2 (one process prepares while this one writes) where two cores are there, else 1."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 else 1


def _prepare_files(
    work: list[tuple[Path, dict[str, Any] | None, AddOptions, dict[str, Any] | None]],
) -> list[tuple[Path, list[PreparedPlan] | None, str | None]]:
    return [_prepare_file(item) for item in work]


def _prepared(
    files: list[Path],
    matter: dict[str, Any] | None,
    opts: AddOptions,
    convert: dict[str, Any] | None,
    jobs: int,
) -> Iterator[tuple[Path, list[PreparedPlan] | None, str | None]]:
    """Prepared files in order: here (``jobs`` 1), or by ``jobs - 1`` processes while this
    one writes, never more than :data:`FILES_AHEAD` files ahead of the writer."""
    work = [(p, matter, opts, convert) for p in files]
    if jobs <= 1 or len(files) < 2:
        for item in work:
            yield _prepare_file(item)
        return
    tasks = iter([work[i : i + FILES_PER_TASK] for i in range(0, len(work), FILES_PER_TASK)])
    pool = ProcessPoolExecutor(max_workers=jobs - 1)
    try:
        ahead = deque(
            pool.submit(_prepare_files, task)
            for task in islice(tasks, max(1, FILES_AHEAD // FILES_PER_TASK))
        )
        while ahead:
            done = ahead.popleft().result()
            task = next(tasks, None)
            if task is not None:
                ahead.append(pool.submit(_prepare_files, task))
            yield from done
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def add_files(
    store: ArchiveStore,
    paths: Sequence[str | Path],
    opts: AddOptions,
    *,
    matter: dict[str, Any] | None = None,
    convert: dict[str, Any] | None = None,
    jobs: int | None = None,
    resume: bool = True,
    progress: bool | None = None,
    on_result: Callable[[AddResult], None] | None = None,
) -> AddSummary:
    """Add every plan of ``paths`` to ``store``; see the module docstring.

    ``jobs``: processes at work, this one included (default :func:`default_jobs`); with
    2 or more, ``jobs - 1`` processes read and prepare plans while this one writes.
    """
    if jobs is None:
        jobs = default_jobs()
    files = expand_paths(paths)
    summary = AddSummary()
    known = store.known_sources() if resume and matter is None else {}
    said = options_digest(opts, convert)
    todo = []
    for path in files:
        key = str(path.resolve())
        stat = _stat(path)
        if key in known and stat is not None and known[key] == (*stat, said):
            summary.skipped += 1
        else:
            todo.append(path)
    bulk = len(todo) >= BULK_FILES
    if bulk:
        store.begin_bulk()
    meter = Progress(len(files), enabled=progress)
    meter.update(files=summary.skipped)
    pending: list[PreparedPlan] = []
    sources: list[tuple] = []
    last = time.perf_counter()

    def flush() -> None:
        nonlocal last
        if pending or sources:
            for result in store.add(pending, sources):
                summary.results.append(result)
                if on_result is not None:
                    on_result(result)
            pending.clear()
            sources.clear()
        last = time.perf_counter()

    try:
        for path, plans, error in _prepared(todo, matter, opts, convert, jobs):
            if error is not None or plans is None:
                summary.failed.append(error or f"{path}: could not be read")
                meter.update(files=1)
                continue
            for plan in plans:
                pending.append(plan)
                if plan.validation is not None and not plan.validation["valid"]:
                    summary.flagged.append(
                        (
                            plan.meta.get("name") or plan.plan_key,
                            plan.source,
                            plan.validation["errors"],
                        )
                    )
                summary.warnings += [f"{plan.source}: {w}" for w in plan.warnings]
            stat = plans[0].stat if plans else None
            if stat is not None and matter is None:
                sources.append((plans[0].source, stat[0], stat[1], said, plans[0].plan_key))
            meter.update(files=1, objects=sum(len(p.objects) for p in plans))
            queued = sum(len(p.objects) for p in pending)
            if queued >= BATCH_OBJECTS or time.perf_counter() - last >= BATCH_SECONDS:
                flush()
        flush()
    finally:
        meter.done()
        store.restore_indexes()
        if summary.results:
            store.optimize()
        summary.seconds = meter.elapsed
    return summary


def options_digest(opts: AddOptions, convert: dict[str, Any] | None) -> str:
    """What the run was told about its files: a file added with other options is read again."""
    import hashlib

    told = (
        opts.srid,
        opts.plan_type,
        opts.municipality,
        opts.permanent_id,
        opts.name,
        opts.validate,
        sorted((k, str(v)) for k, v in (convert or {}).items()),
    )
    return hashlib.sha256(repr(told).encode("utf-8")).hexdigest()[:16]
