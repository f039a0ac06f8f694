"""The house's one rule of direction: the runtime library never imports training code."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "cleanfeed"
RUNTIME = sorted(p for p in PACKAGE.glob("*.py"))


def _training_imports(path: Path) -> list[tuple[str, int]]:
    """(innermost enclosing function or ``<module>``, line) of every import of the
    training package in ``path``."""
    found = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, child.name)
                continue
            if isinstance(child, ast.ImportFrom):
                names = [f"{'.' * child.level}{child.module or ''}"]
            elif isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            else:
                names = []
            if any(n.startswith((".training", "cleanfeed.training")) for n in names):
                found.append((where, child.lineno))
            visit(child, where)

    visit(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def test_no_runtime_module_imports_training_at_module_level():
    for path in RUNTIME:
        at_top = [line for where, line in _training_imports(path) if where == "<module>"]
        assert not at_top, f"{path.name} imports cleanfeed.training at module level (line {at_top})"


def test_only_the_command_router_reaches_training_and_only_for_its_verbs():
    reaching = {path.name: _training_imports(path) for path in RUNTIME}
    assert {name for name, found in reaching.items() if found} == {"cli.py"}
    assert {where for where, _ in reaching["cli.py"]} == {"_main"}


def test_cleaning_never_loads_training_code():
    """Every runtime path a user takes, run in a fresh interpreter: not one module of
    cleanfeed.training (or its corpus readers) is loaded."""
    code = """
import sys, io, contextlib
import cleanfeed, cleanfeed.cli, cleanfeed.stream, cleanfeed._parallel, cleanfeed.hf
from cleanfeed import Pipeline, clean, label, clean_batch
text = open("seeds/004_8352a8b32f8949aa.txt", encoding="utf-8").read()
clean(text); label(text); list(clean_batch([text]))
Pipeline(model=None).clean(text)
with contextlib.redirect_stdout(io.StringIO()):
    cleanfeed.cli.main(["seeds/004_8352a8b32f8949aa.txt"])
    cleanfeed.cli.main(["--list-rules"])
print(sorted(m for m in sys.modules if m.startswith("cleanfeed.training")))
"""
    root = Path(__file__).parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
