"""The way forward from Material and MkDocs 1.x stays open (docs/stack.md): ProperDocs builds the same site."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from tools.same_site import differences

from conftest import BUILD_ENV, REPO


def test_properdocs_builds_the_same_site_as_mkdocs_but_for_the_generator_tag(built_site, tmp_path):
    """ProperDocs is the maintained MkDocs 1.x: switching is a one-line change, checked on every run."""
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir",
                             str(tmp_path / "properdocs")], cwd=REPO, capture_output=True, text=True, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr[-2000:]
    assert differences(built_site, tmp_path / "properdocs") == []


def test_the_comparison_sees_a_real_difference(built_site, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built_site, copy)
    page = copy / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "!</h1>", 1), encoding="utf-8")
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    assert differences(built_site, copy) == [f"only in {copy}: extra.txt", "differs: about/index.html"]


def test_reading_and_the_model_do_not_load_mkdocs():
    """The data layer stands without MkDocs: a pre-build step for another generator could call it unchanged."""
    script = ("import sys; from macros.model import dataset; import macros.model.figures, macros.model.charts; "
              "dataset.load(); print(sorted(name for name in sys.modules if name.split('.')[0] in {'mkdocs', 'material'}))")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


PRIVATE_BY_NAME = ("getattr", "setattr", "hasattr", "delattr")


def private_reads(source: str) -> list[str]:
    """Where `source` reads or writes a name another object keeps private: `thing._name`, `getattr(thing, "_name")`
    (its own `self._name` and `cls._name` are its own business; dunders are the language's)."""
    def private(name: str) -> bool:
        return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and private(node.attr) and not (
                isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in PRIVATE_BY_NAME
              and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and private(str(node.args[1].value))):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_reads_another_library_s_private_attributes():
    """Public extension points only: a private name of MkDocs, Material, i18n or any library may change in any
    release without notice. The project's own modules keep to the same rule with each other."""
    found = {path.relative_to(REPO).as_posix(): private_reads(path.read_text(encoding="utf-8"))
             for folder in ("macros", "tools") for path in sorted((REPO / folder).rglob("*.py"))}
    assert {path: places for path, places in found.items() if places} == {}


def test_the_private_attribute_check_sees_each_form():
    source = "a = page._file\nb = getattr(config, '_current')\nc = self._own\nd = cls._own\ne = thing.__class__\n"
    assert private_reads(source) == ["1: page._file", "2: getattr(config, '_current')"]


LOOKUP = 'function Qe({document$:t}){let e=new Map;t.pipe(b(()=>P("link[rel=alternate]")))}'


def test_material_s_bundle_is_mended_in_one_named_place_that_fails_loudly_on_a_new_release():
    """The one place the project touches Material's internals: its bundle's language-selector lookup."""
    from macros.finish.material_bundle import ReleaseChanged, drop_selector_lookup

    bundle = LOOKUP + "Qe({document$:r});x.Qe({document$:r});"
    assert drop_selector_lookup(bundle) == LOOKUP + "x.Qe({document$:r});"  # the call, not a method of that name
    assert drop_selector_lookup(drop_selector_lookup(bundle)) == drop_selector_lookup(bundle)  # serve: once patched
    with pytest.raises(ReleaseChanged, match="expected one function, found 0"):
        drop_selector_lookup("Qe({document$:r});")
    with pytest.raises(ReleaseChanged, match="expected one call, found 2"):
        drop_selector_lookup(LOOKUP + "Qe({document$:r});Qe({document$:r});")
