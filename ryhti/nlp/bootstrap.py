"""Entry-level bootstrap: how far an evaluation figure could move on another set like this one.

Why: some real evaluation sets are small (131 entries with 22 gold verbal topics, where one
false topic moves precision by 0.03–0.04), so a figure a few hundredths under its target may be
noise. The unit of resampling is the *entry* (one legend entry, all its codes and values), not the
single code: the codes of one entry are read from the same text and succeed or fail together, so
resampling codes would pretend to more independent evidence than the set holds.

The resampling works on per-entry counts (one row per entry, one column per count), so a
replicate is a weighted sum of rows and any ratio of the sums is a replicate of a figure; 1,000
replicates over a few hundred entries are one small matrix product. The draws are seeded and
depend only on (seed, number of entries, replicates), so a re-run prints the same intervals.

What the interval does not cover: labelling errors in the gold, and the optimism of a set the
rules were tuned on (there the interval understates the uncertainty).
"""

from __future__ import annotations

import numpy as np

#: Replicates drawn when the caller does not say.
DEFAULT_REPLICATES = 1000
#: Seed of the draws: fixed so that the same set gives the same intervals on every run.
DEFAULT_SEED = 13
#: Coverage of the percentile interval.
LEVEL = 0.95
#: Fewest entries with data for a measure that get an interval: resampling one or two entries
#: can only repeat them, so the interval would look tight for want of anything to vary.
MIN_ENTRIES = 5
#: Draws held in memory at once (replicates × entries); larger runs are drawn in row blocks.
_BLOCK = 4_000_000


def resample_sums(counts: np.ndarray, replicates: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Column sums of ``counts`` (entries × columns) over ``replicates`` resamples of its rows.

    Each replicate draws as many entries as there are, with replacement:
    ``numpy.random.default_rng(seed).integers(0, n, size=(replicates, n))`` (in row blocks when
    that matrix would be large), and sums the drawn rows. Returns a float array
    ``(replicates, columns)``; the sums are integers, exact in float64.
    """
    rows = np.asarray(counts, dtype=np.float64)
    if rows.ndim != 2:
        raise ValueError("counts must be a 2-D array: one row per entry")
    n = rows.shape[0]
    if replicates <= 0 or n == 0:
        return np.zeros((0, rows.shape[1]))
    rng = np.random.default_rng(seed)
    block = max(1, _BLOCK // n)
    out = np.empty((replicates, rows.shape[1]))
    for start in range(0, replicates, block):
        stop = min(replicates, start + block)
        draws = rng.integers(0, n, size=(stop - start, n))
        # how often each entry is drawn in each replicate: one bincount over offset indices
        offsets = np.arange(stop - start)[:, None] * n
        weights = np.bincount((draws + offsets).ravel(), minlength=(stop - start) * n)
        out[start:stop] = weights.reshape(stop - start, n).astype(np.float64) @ rows
    return out


def ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator`` per replicate; NaN where the denominator is 0.

    A replicate that happens to draw no entry with data for a measure (no gold values, no
    predictions) has no figure for it; it is left out of the interval rather than given the
    report's display convention of 1.0, which would pull the upper bound up for nothing.
    """
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


def percentile_interval(replicates: np.ndarray, level: float = LEVEL) -> tuple[float, float] | None:
    """The central ``level`` percentile interval of the defined (non-NaN) replicate figures,
    linear interpolation between order statistics (``numpy.percentile``'s default); ``None``
    when no replicate has a figure."""
    values = np.asarray(replicates, dtype=np.float64)
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None
    tail = 50.0 * (1.0 - level)
    lo, hi = np.percentile(values, [tail, 100.0 - tail])
    return float(lo), float(hi)
