"""The memory of a process tree, sampled while it runs: peak RSS and PSS per process and for
the whole tree (the sum at one moment), read from ``/proc`` (Linux only; no psutil).

RSS counts a shared page (a library's code, a page of a parent's spawn) in every process that
maps it, so the tree's RSS sum overstates what the batch takes from the machine; PSS shares
each page out among the processes that map it, so the tree's PSS sum is what it takes.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            out.extend(int(x) for x in text.split())
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(_children(p))
    return pids


def _memory(pid: int) -> tuple[int, int] | None:
    """(RSS, PSS) in KiB, or None if the process has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    rss = pss = 0
    for line in text.splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "main"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone"
    if "resource_tracker" in cmd:
        return "resource tracker"
    return "worker"


@dataclass
class TreePeaks:
    """Peaks in KiB: per process (by pid, with its role) and of the tree's sums."""

    rss: dict[int, int] = field(default_factory=dict)
    pss: dict[int, int] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    tree_rss: int = 0
    tree_pss: int = 0
    samples: int = 0

    def lines(self) -> list[str]:
        mb = 1024
        out = []
        for pid in sorted(self.rss, key=lambda p: (self.roles[p] != "main", p)):
            out.append(
                f"{self.roles[pid]:>16} {pid:>7}: peak RSS {self.rss[pid] / mb:6.0f} MB,"
                f" PSS {self.pss[pid] / mb:6.0f} MB"
            )
        out.append(
            f"{'whole tree':>16} {'':>7}: peak RSS {self.tree_rss / mb:6.0f} MB,"
            f" PSS {self.tree_pss / mb:6.0f} MB  ({self.samples} samples)"
        )
        return out


def run_sampled(cmd: list[str], *, every: float = 0.25, **popen: object) -> tuple[str, TreePeaks]:
    """Run ``cmd``, sampling its tree every ``every`` s; (its stdout, the peaks)."""
    peaks = TreePeaks()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, **popen)  # type: ignore[call-overload]
    while proc.poll() is None:
        rss_sum = pss_sum = 0
        for pid in _tree(proc.pid):
            mem = _memory(pid)
            if mem is None:
                continue
            if pid not in peaks.roles:
                peaks.roles[pid] = _role(pid, proc.pid)
            rss_sum += mem[0]
            pss_sum += mem[1]
            peaks.rss[pid] = max(peaks.rss.get(pid, 0), mem[0])
            peaks.pss[pid] = max(peaks.pss.get(pid, 0), mem[1])
        peaks.tree_rss = max(peaks.tree_rss, rss_sum)
        peaks.tree_pss = max(peaks.tree_pss, pss_sum)
        peaks.samples += 1
        time.sleep(every)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.wait() != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd, out)
    return out, peaks
