"""The way forward from Material and MkDocs 1.x stays open (docs/stack.md): ProperDocs builds the same site."""

from __future__ import annotations

import subprocess
import sys

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
    script = ("import sys; from macros.reading import dataset; import macros.model.figures, macros.model.charts; "
              "dataset.load(); print(sorted(name for name in sys.modules if name.split('.')[0] in {'mkdocs', 'material'}))")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
