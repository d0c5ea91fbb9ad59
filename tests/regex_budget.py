"""Every regular expression the intake runs, timed on adversarial text in a child process.

Patterns are collected two ways: every compiled pattern at module level in sie_rules/ and in
the lexicon (knowledge/intake.yaml), and every pattern actually called while the evaluation
texts are read and answered (inline `re.search(r"...")` calls included). Each is then run
(`finditer`, to the last match) over 100 KB strings made to trigger backtracking.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

N = 100_000
UNITS = {  # each repeated to N characters
    "digits": "1",
    "spaces": " ",
    "newlines": "\n",
    "en spaces": "\u2002",
    "no-break spaces": "\u00a0",
    "digit space": "1 ",
    "digit dot": "1.",
    "digit comma": "1,",
    "letters": "a",
    "capitals": "A",
    "kroner": "kr ",
    "years": "2027 ",
    "dashes": "1-",
}
ADVERSARIAL = {name: unit * (N // len(unit)) for name, unit in UNITS.items()}
_METHODS = {"search", "match", "fullmatch", "finditer", "findall", "sub", "split"}


def module_patterns() -> dict[str, re.Pattern[str]]:
    import sie_rules
    from sie_rules.intake import current_intake
    from sie_rules.intake.word_search import WordsPattern

    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(sie_rules.__path__, "sie_rules."):
        if info.name.startswith(("sie_rules.ui", "sie_rules.cases.migrations")):
            continue
        for name, value in vars(importlib.import_module(info.name)).items():
            if isinstance(value, WordsPattern):
                value = value.regex
            if isinstance(value, re.Pattern):
                found[f"{info.name}.{name}"] = value

    lex = current_intake().lex
    for name, value in vars(lex).items():
        for where, pattern in nested(f"lexicon.{name}", value, (WordsPattern, re.Pattern)):
            found[where] = pattern.regex if isinstance(pattern, WordsPattern) else pattern
    return found


def nested(prefix: str, value: Any, wanted: type | tuple[type, ...]) -> Iterator[tuple[str, Any]]:
    """(where, item) for every item of the type(s) `wanted` in `value`, through its dicts,
    lists, tuples and dataclasses ("lexicon.role_patterns[applicant]")."""
    if isinstance(value, wanted):
        yield prefix, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from nested(f"{prefix}[{k}]", v, wanted)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from nested(f"{prefix}[{i}]", v, wanted)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from nested(f"{prefix}.{field.name}", getattr(value, field.name), wanted)


def called_patterns(run: Callable[[], object]) -> dict[str, re.Pattern[str]]:
    """Every pattern that sie_rules code matches with while `run()` runs."""
    found: dict[str, re.Pattern[str]] = {}

    def profile(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call" and getattr(arg, "__name__", "") in _METHODS:
            pattern = getattr(arg, "__self__", None)
            caller: Any = frame
            while caller is not None and caller.f_code.co_filename.endswith("re/__init__.py"):
                caller = caller.f_back  # re.search(...) -> the line of ours that called it
            ours = caller is not None and "/sie_rules/" in caller.f_code.co_filename
            if ours and isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str):
                where = f"{caller.f_code.co_filename.rsplit('/', 1)[-1]}:{caller.f_lineno}"
                found.setdefault(f"{where} {pattern.pattern[:50]!r}", pattern)

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return found


_CHILD = r"""
import json, re, sys, time
patterns = json.loads(sys.stdin.read())
units, n = json.loads(sys.argv[1]), int(sys.argv[2])
strings = {name: unit * (n // len(unit)) for name, unit in units.items()}
for name, pattern, flags in patterns:
    compiled = re.compile(pattern, flags)
    worst, on = 0.0, ""
    for label, text in strings.items():
        start = time.perf_counter()
        for _ in compiled.finditer(text):
            pass
        took = time.perf_counter() - start
        if took > worst:
            worst, on = took, label
    print(json.dumps([name, worst, on]), flush=True)
"""


def _pump(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def timings(
    patterns: dict[str, re.Pattern[str]], hang: float = 30
) -> Iterator[tuple[str, float, str]]:
    """(name, worst seconds, on which string) per pattern, measured in a child process. A
    pattern that has not finished `hang` seconds after the previous one is reported as
    hanging (with `hang` as its time), the child is killed and the rest run afresh."""
    todo = [[n, p.pattern, p.flags] for n, p in sorted(patterns.items())]
    while todo:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, json.dumps(UNITS), str(N)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin and child.stdout
        child.stdin.write(json.dumps(todo))
        child.stdin.close()
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_pump, args=(child.stdout, lines), daemon=True).start()
        done = 0
        try:
            while done < len(todo):
                name, worst, on = json.loads(lines.get(timeout=hang))
                yield name, worst, on
                done += 1
        except queue.Empty:
            yield todo[done][0], hang, "did not finish"
            done += 1
        finally:
            child.kill()
            child.wait()
            child.stdout.close()
        todo = todo[done:]
