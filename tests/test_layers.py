"""The package's parts import only downwards: the list below is the one statement of the
allowed directions (the package docstring and the README describe the same order)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sie_rules"
LAYERS = [
    {"errors", "paths", "model", "assessment", "money", "strict_yaml", "proposal_files", "access"},
    {"knowledge"},
    {"rules"},
    {"explain"},
    {"cases"},
    {"intake"},
    {"ui"},
    {"cli", "store_commands", "lint", "__init__"},
]
MAX_LINES = 300


def _part(module: str) -> str:
    """'sie_rules.rules.engine' -> 'rules'; 'sie_rules' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _level(part: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if part in layer)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        out[".".join(p for p in rel.parts if p != "__init__") or "sie_rules"] = path
    return out


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "<relative>"))
    return found


def test_every_part_of_the_package_is_in_a_layer() -> None:
    parts = {_part(m) for m in _modules()}
    assert parts <= set().union(*LAYERS), parts - set().union(*LAYERS)


def _upward(modules: dict[str, Path]) -> list[str]:
    """Every import of a higher part, as 'file:line imports module'."""
    found = []
    for module, path in modules.items():
        mine = _level(_part(module))
        for line, target in _imports(path):
            if target == "<relative>":
                found.append(f"{path.name}:{line} uses a relative import")
            elif target.startswith("sie_rules.") and _level(_part(target)) > mine:
                found.append(f"{path.name}:{line} imports {target}")
    return found


def test_no_part_imports_a_higher_part() -> None:
    assert _upward(_modules()) == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """Guards the check above: rules/ importing from ui/ is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from sie_rules.ui.labels import t\n", encoding="utf-8")
    assert _upward({"sie_rules.rules.bad": bad}) == ["bad.py:2 imports sie_rules.ui.labels"]


def test_no_module_is_longer_than_the_house_rule() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
