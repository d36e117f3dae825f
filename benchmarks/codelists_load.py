"""How long the code-list registry takes to load and answer (prints figures for the README).

Run: .venv/bin/python benchmarks/codelists_load.py
Each figure is the best of several runs in fresh Registry objects (no process-wide cache).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ryhti.codelists import Registry

REPEAT = 7


def best(action: Callable[[], object]) -> float:
    """Best wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> None:
    def index() -> None:
        Registry().names()

    def one(list_id: str) -> Callable[[], None]:
        return lambda: Registry()[list_id]

    def all_lists() -> None:
        reg = Registry()
        for list_id in reg.names():
            reg[list_id]

    def everything() -> None:
        reg = Registry()
        for list_id in reg.names():
            reg[list_id]
        reg.notation, reg.lifecycle_relations, reg.value_types  # noqa: B018

    print(f"index.json:                    {best(index):7.2f} ms")
    for list_id in ("kaavaelinkaari", "kunta_1_20240101", "RY_Kaavamaarayslaji"):
        print(f"index + {list_id:<22} {best(one(list_id)):7.2f} ms")
    print(f"all 22 lists:                  {best(all_lists):7.2f} ms")
    print(f"all lists + 3 tables:          {best(everything):7.2f} ms")

    reg = Registry()
    regs = reg["RY_Kaavamaarayslaji"]
    uris = [code.uri for code in regs.codes] * 400
    start = time.perf_counter()
    for uri in uris:
        reg.lookup(uri)
    per = (time.perf_counter() - start) / len(uris) * 1e6
    print(f"lookup by URI:                 {per:7.2f} µs ({len(uris):,} lookups)")
    start = time.perf_counter()
    for code in regs.codes * 400:
        regs.ancestors(code)
    per = (time.perf_counter() - start) / (len(regs.codes) * 400) * 1e6
    print(f"ancestors():                   {per:7.2f} µs")


if __name__ == "__main__":
    main()
