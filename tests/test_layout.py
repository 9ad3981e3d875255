"""The package's shape (#9): every module imports on its own, in a fresh interpreter — no
import circle anywhere — and the README's code map names every subpackage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

SRC = ROOT / "src"
MODULES = sorted(
    ".".join(p.relative_to(SRC).with_suffix("").parts[:-1] if p.name == "__init__.py"
             else p.relative_to(SRC).with_suffix("").parts)
    for p in (SRC / "minsheng_cli").rglob("*.py") if "plans" not in p.parts
    and p.name != "__main__.py")


def test_every_module_imports_alone() -> None:
    # one interpreter per module, so that no module is helped by another imported before it
    script = ("import importlib, subprocess, sys\n"
              "bad = []\n"
              "for name in sys.argv[1:]:\n"
              "    r = subprocess.run([sys.executable, '-c', f'import {name}'],"
              " capture_output=True, text=True)\n"
              "    if r.returncode:\n"
              "        bad.append(name + ': ' + r.stderr.strip().splitlines()[-1])\n"
              "print('\\n'.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", script, *MODULES], capture_output=True,
                         text=True, check=True, timeout=300)
    assert out.stdout.strip() == "", out.stdout
    assert len(MODULES) > 40


def test_the_code_map_names_every_subpackage() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code_map = readme[readme.index("## Code map"):readme.index("## Library API")]
    packages = [p.name for p in (SRC / "minsheng_cli").iterdir()
                if p.is_dir() and (p / "__init__.py").exists()]
    assert packages and all(f"{name}/" in code_map for name in packages)


def test_the_public_api_is_exported() -> None:
    import minsheng_cli

    for name in ("load_plan", "load_actuals", "evaluate", "Plan", "Report", "Status",
                 "Problem", "ProblemsError", "Actuals"):
        assert getattr(minsheng_cli, name) is not None, name
    assert Path(minsheng_cli.__file__).parent.name == "minsheng_cli"


_GLIBC = sys.platform == "linux" and (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")


def _python_with(name: str, given: str | None, script: str) -> subprocess.CompletedProcess[str]:
    """`script` in a fresh interpreter, with the environment variable `name` set to `given`
    (None: unset)."""
    env = {k: v for k, v in os.environ.items() if k != name}
    if given is not None:
        env[name] = given
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=True)


@pytest.mark.parametrize(("given", "expected"), [(None, "False"), ("1", "True")])
def test_the_command_turns_numpys_huge_pages_off_unless_the_user_set_them(
        given: str | None, expected: str) -> None:
    # numpy reads NUMPY_MADVISE_HUGEPAGE once, when imported: the command's package must set it
    # before anything imports numpy (benchmarks/README.md: 10,000,000 rows 5.1 → 3.8 s).
    script = ("import sys, minsheng_cli.cli\nassert 'numpy' not in sys.modules\n"
              "import numpy\n"
              "core = getattr(numpy, '_core', None) or numpy.core  # numpy 2, numpy 1\n"
              "_get_madvise_hugepage = core.multiarray._get_madvise_hugepage\n"
              "print(_get_madvise_hugepage())")
    assert _python_with("NUMPY_MADVISE_HUGEPAGE", given, script).stdout.strip() == expected


@pytest.mark.skipif(sys.platform != "linux", reason="the command chooses Arrow's pool on Linux")
@pytest.mark.parametrize(("given", "expected"), [(None, "jemalloc"), ("system", "system")])
def test_the_command_takes_arrows_buffers_from_jemalloc_unless_the_user_chose(
        given: str | None, expected: str) -> None:
    # Arrow reads ARROW_DEFAULT_MEMORY_POOL once, when loaded: set before anything imports it
    # (benchmarks/README.md: mimalloc's huge pages stall reading 10,000,000 rows).
    script = ("import sys, minsheng_cli.cli\nassert 'pyarrow' not in sys.modules\n"
              "import pyarrow\nprint(pyarrow.default_memory_pool().backend_name)")
    out = _python_with("ARROW_DEFAULT_MEMORY_POOL", given, script)
    assert out.stdout.strip() == expected
    assert out.stderr == ""  # no warning from Arrow about the backend


@pytest.mark.parametrize(("size", "allowed", "variable", "setting", "kept"), [
    (255 << 20, True, None, None, "[]"),  # below BIG: freed memory goes back as usual
    (256 << 20, True, None, None, "[True]" if _GLIBC else "[False]"),
    (256 << 20, False, None, None, "[]"),  # the library in someone else's program: never
    (256 << 20, True, "GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1", "[False]"),
    (256 << 20, True, "MALLOC_TRIM_THRESHOLD_", "1", "[False]"),  # the user's own settings
])
def test_the_command_reading_a_very_big_file_keeps_freed_memory_once(
        size: int, allowed: bool, variable: str | None, setting: str | None, kept: str) -> None:
    script = ("from minsheng_cli import memory\n"
              + ("memory.allow()\n" if allowed else "")
              + f"memory.for_reading({size}); memory.for_reading({size})\nprint(memory._kept)")
    out = _python_with(variable or "MINSHENG_UNSET", setting, script)
    assert out.stdout.strip() == kept


def test_only_the_command_allows_it() -> None:
    script = ("import sys\nimport minsheng_cli.cli as cli\nfrom minsheng_cli import memory\n"
              "before = list(memory._allowed)\nsys.argv = ['minsheng', '--version']\n"
              "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
              "print(before, memory._allowed)")
    assert _python_with("MINSHENG_UNSET", None, script).stdout.strip().endswith("[] [True]")


def test_a_libc_that_cannot_be_called_never_refuses_a_file() -> None:
    # no libc symbols to call (an embedded interpreter): reading goes on, nothing kept
    script = ("import ctypes\nfrom minsheng_cli import memory\n"
              "class NoLibc:\n    def __init__(self, name): raise OSError('no symbols')\n"
              "ctypes.CDLL = NoLibc\nmemory.allow()\nmemory.for_reading(1 << 40)\n"
              "print(memory._kept)")
    assert _python_with("MINSHENG_UNSET", None, script).stdout.strip() == "[False]"
