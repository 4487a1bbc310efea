"""The editors' tooling and CI: schemas for IDEs, yamllint, pre-commit, the GitHub workflows."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from macros.common.collections import COLLECTIONS

from conftest import BUILD_ENV, REPO


WORKFLOWS = REPO / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
YAMLLINT_CONFIG = REPO / ".yamllint.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
VSCODE = REPO / ".vscode"
REDIRECTS = REPO / "redirects.yml"
FAST_LANE = '-m pytest -q -m "not slow"'  # `make test-fast`, and the commit hook: every test not marked slow
# Any network access fails through this proxy: the checks below must work offline.
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}
# `uses: owner/action@<40 hex> # vX.Y.Z`: a full commit SHA, and the release it is.
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$")


def data_files(collection: str) -> list[Path]:
    return sorted((REPO / collection).glob("*.yml"))


def all_data_files() -> list[Path]:
    return [path for collection in COLLECTIONS for path in data_files(collection)]


def written_yaml_files() -> list[Path]:
    """The YAML files of the tooling itself: they follow the same house style."""
    return [PULL_REQUEST, PUBLISH, PRE_COMMIT, YAMLLINT_CONFIG]


def check_jsonschema(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *arguments],
                          cwd=cwd, capture_output=True, text=True, env=OFFLINE)


def yamllint(*paths: Path | str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-f", "parsable",
                           "-c", str(YAMLLINT_CONFIG), *map(str, paths)],
                          cwd=cwd, capture_output=True, text=True, env=OFFLINE)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping (PyYAML reads the key `on` as the boolean true, YAML 1.1)."""
    return workflow["on"] if "on" in workflow else workflow[True]


def steps_of(job: dict) -> list[dict]:
    return job["steps"]


def index_of(steps: list[dict], predicate) -> int:
    found = [number for number, step in enumerate(steps) if predicate(step)]
    assert len(found) == 1, f"expected exactly one such step, found {len(found)}"
    return found[0]


def runs(command: str):
    return lambda step: step.get("run", "").strip() == command


def uses(action: str):
    return lambda step: step.get("uses", "").split("@")[0] == action


# ── Data files against their JSON Schemas, with check-jsonschema ─────────────────────────────────

@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_every_data_file_validates_against_its_schema(collection):
    files = data_files(collection)
    assert files, f"{collection}/ has no data file"
    schema = f"schemas/{COLLECTIONS[collection].singular}.schema.json"
    result = check_jsonschema("--schemafile", schema, *(path.relative_to(REPO).as_posix() for path in files))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_reference_to_common_schema_resolves_from_the_schema_folder(tmp_path):
    """`$ref: common.schema.json#/$defs/country` is read next to the schema, whatever the working folder:
    a bad country is reported as a validation error, not as a reference that cannot be resolved."""
    record = load(REPO / "partners" / "fr-mtfp.yml")
    record["country"] = "france"
    bad = tmp_path / "bad-partner.yml"
    bad.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    result = check_jsonschema("--schemafile", str(REPO / "schemas" / "partner.schema.json"), str(bad), cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "$.country: 'france' does not match '^[A-Z]{2}$'" in output
    assert "resolv" not in output.lower()


# ── The workflows ────────────────────────────────────────────────────────────────────────────────

def test_the_workflows_validate_against_the_bundled_github_workflow_schema():
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(PULL_REQUEST), str(PUBLISH))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_bundled_workflow_schema_rejects_a_bad_permission(tmp_path):
    workflow = load(PUBLISH)
    workflow["jobs"]["deploy"]["permissions"]["pages"] = "writ"
    bad = tmp_path / "publish.yml"
    bad.write_text(yaml.safe_dump(workflow), encoding="utf-8")
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(bad))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'writ' is not one of" in result.stdout


def test_every_action_is_pinned_to_a_commit_sha_with_its_release_in_a_comment():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in (PULL_REQUEST, PUBLISH):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        assert lines, f"{path.name} uses no action"
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: not pinned to a full commit SHA with a `# vX.Y.Z` comment: {line.strip()}"
            action, sha, release = match.groups()
            pins.setdefault(action, set()).add((sha, release))
        parsed = [step["uses"] for job in load(path)["jobs"].values() for step in steps_of(job) if "uses" in step]
        assert len(parsed) == len(lines), f"{path.name}: a `uses:` line is not a step"
    disagreeing = {action: found for action, found in pins.items() if len(found) != 1}
    assert not disagreeing, f"an action is pinned to different commits: {disagreeing}"
    assert {"actions/checkout", "actions/setup-python", "actions/setup-node", "actions/upload-artifact",
            "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages", "actions/cache"} == set(pins)


def test_both_workflows_keep_the_printed_reports_and_the_versions_read_for_the_next_run_before_testing_and_building():
    """A runner starts empty: without the cache every build would print every annual report again, and parse every
    version of every data file the history holds."""
    from macros.files import reports
    from macros.reading import history

    for path, job in ((PULL_REQUEST, "check"), (PUBLISH, "build")):
        steps = steps_of(load(path)["jobs"][job])
        cache = index_of(steps, uses("actions/cache"))
        assert steps[cache]["with"]["path"].split() == [reports.CACHE.as_posix(), history.CACHE.as_posix()]
        assert steps[cache]["with"]["key"] == "build-cache-${{ github.sha }}"  # saved after each run, newest restored
        assert steps[cache]["with"]["restore-keys"] == "build-cache-"
        assert cache < index_of(steps, lambda step: step.get("run") == "make test") \
            < index_of(steps, lambda step: step.get("run") == "make build")


def set_up_steps(steps: list[dict]) -> tuple[int, int]:
    """The checkout (whole history), Python 3.11, Node 22 and browser steps, in order: (checkout, browser)."""
    checkout = index_of(steps, uses("actions/checkout"))
    assert steps[checkout]["with"]["fetch-depth"] == 0, "the validator and the pages' dates read the whole history"
    assert steps[index_of(steps, uses("actions/setup-python"))]["with"]["python-version"] == "3.11"
    assert steps[index_of(steps, uses("actions/setup-node"))]["with"]["node-version"] == "22"
    browser = index_of(steps, lambda step: "tools/browser.py" in step.get("run", ""))
    assert "sudo apt-get install -y chromium" in steps[browser]["run"]
    return checkout, browser


def test_the_publish_workflow_never_races_checks_what_it_publishes_and_deploys_only_a_successful_build():
    workflow = load(PUBLISH)
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on and "pull_request" not in on
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert set(workflow["jobs"]) == {"build", "deploy"}

    build = workflow["jobs"]["build"]
    assert build["runs-on"] == "ubuntu-latest"
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    steps = steps_of(build)
    _, browser = set_up_steps(steps)
    validate, test = index_of(steps, runs("make validate")), index_of(steps, runs("make test"))
    pages, build_site = index_of(steps, uses("actions/configure-pages")), index_of(steps, runs("make build"))
    check = index_of(steps, runs("make check-site"))
    upload = index_of(steps, uses("actions/upload-pages-artifact"))
    refuse = index_of(steps, runs("make publish-check"))
    assert browser < validate < test < refuse < build_site < check < upload and pages < refuse
    address = {"SITE_URL": f"${{{{ steps.{steps[pages]['id']}.outputs.base_url }}}}/",
               "CONTACT_EMAIL": "${{ vars.CONTACT_EMAIL }}"}
    assert steps[refuse]["env"] == steps[build_site]["env"] == steps[check]["env"] == address, \
        "publishing refuses to run without both, and the folder is checked for the settings it is built with"
    assert steps[upload]["with"]["path"].rstrip("/") == "site"

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    (step,) = steps_of(deploy)
    assert uses("actions/deploy-pages")(step) and step["id"] == "deployment"


def test_the_pull_request_workflow_checks_builds_compares_with_properdocs_audits_and_keeps_the_site_read_only():
    workflow = load(PULL_REQUEST)
    assert set(triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in workflow["concurrency"]["group"]
    assert set(workflow["jobs"]) == {"check", "properdocs", "audit"}
    assert all("permissions" not in job for job in workflow["jobs"].values()), "every job keeps the read-only token"
    steps = steps_of(workflow["jobs"]["check"])
    _, browser = set_up_steps(steps)
    validate, test, build = (index_of(steps, runs(command)) for command in ("make validate", "make test", "make build"))
    upload = index_of(steps, uses("actions/upload-artifact"))
    assert browser < validate < test < build < upload
    assert not any("tests/test_whole_site.py" in step.get("run", "") for step in steps), "make test runs it already"
    assert any(runs("make properdocs-check")(step) for step in steps_of(workflow["jobs"]["properdocs"]))
    audit = steps_of(workflow["jobs"]["audit"])
    assert any(runs("make audit-python")(step) for step in audit) and any(runs("make audit-npm")(step) for step in audit)


def test_dependabot_keeps_every_kind_of_pin_current():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    watched = {(update["package-ecosystem"], update["directory"]) for update in config["updates"]}
    locks = [*REPO.glob("*/package-lock.json"), *REPO.glob("*/*/package-lock.json")]
    npm_folders = {"/" + lock.parent.relative_to(REPO).as_posix() for lock in locks if "node_modules" not in lock.parts}
    assert npm_folders >= {"/search", "/cms", "/bench", "/tests/js"}
    assert watched == {("github-actions", "/"), ("pip", "/")} | {("npm", folder) for folder in npm_folders}


def test_yamllint_passes_on_every_data_file_and_the_tooling_files():
    files = all_data_files() + ([REDIRECTS] if REDIRECTS.exists() else []) + written_yaml_files()
    result = yamllint(*files)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


@pytest.mark.parametrize("text, rule", [
    ("id: a\nname:\n  vi: A\nid: b\n", "(key-duplicates)"),
    ("id: a\nname:\n\tvi: A\n", "syntax error: found character '\\t'"),
    ("id: a\npublished: yes\n", "(truthy)"),
    ("id: a\npublished: No\n", "(truthy)"),
    ("id: a\nshown: on\n", "(truthy)"),
    ("id: a\nshown: OFF\n", "(truthy)"),
    ("id: a\nsources:\n- publisher: B\n", "(indentation)"),
    ("id: a\nname:\n   vi: A\n", "(indentation)"),
    ("id: a  \n", "(trailing-spaces)"),
    ("number: 0755\n", "(octal-values)"),
])
def test_yamllint_reports_what_the_house_style_forbids(tmp_path, text, rule):
    bad = tmp_path / "bad.yml"
    bad.write_text(text, encoding="utf-8")
    result = yamllint(bad, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert rule in result.stdout


def test_yamllint_accepts_one_long_paragraph_per_line_and_a_title_comment(tmp_path):
    good = tmp_path / "good.yml"
    good.write_text("# Tiêu đề — Title\nid: a\nsummary:\n  vi: >-\n    " + ("Một đoạn văn dài. " * 150).strip() + "\n",
                    encoding="utf-8")
    result = yamllint(good, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stdout


# ── Editors: VS Code ─────────────────────────────────────────────────────────────────────────────

def test_vscode_maps_every_collection_folder_to_its_existing_schema():
    settings = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    for schema in schemas:
        assert (REPO / schema).resolve().is_file(), f"{schema} does not exist"
    for collection in COLLECTIONS:
        mapped = [schema for schema, globs in schemas.items() if f"{collection}/*.yml" in globs]
        assert len(mapped) == 1, f"{collection}/ is mapped to {mapped}"
        assert (REPO / mapped[0]).resolve() == REPO / "schemas" / f"{COLLECTIONS[collection].singular}.schema.json"
        for path in data_files(collection):
            relative = path.relative_to(REPO).as_posix()
            assert any(fnmatch.fnmatch(relative, glob) for glob in schemas[mapped[0]]), relative


def test_vscode_writes_yaml_in_the_house_style_and_recommends_the_yaml_extension():
    settings = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))
    assert settings["files.eol"] == "\n"
    assert settings["files.encoding"] == "utf8"
    assert settings["files.insertFinalNewline"] is True
    assert settings["files.trimTrailingWhitespace"] is True
    yaml_editor = settings["[yaml]"]
    assert yaml_editor["editor.tabSize"] == 2
    assert yaml_editor["editor.insertSpaces"] is True
    assert yaml_editor["editor.detectIndentation"] is False
    extensions = json.loads((VSCODE / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


# ── pre-commit ───────────────────────────────────────────────────────────────────────────────────

def test_pre_commit_runs_yamllint_then_the_validator_and_fast_tests_then_the_workflow_check():
    repos = load(PRE_COMMIT)["repos"]
    assert [repo["repo"] for repo in repos] == ["https://github.com/adrienverge/yamllint", "local",
                                                "https://github.com/python-jsonschema/check-jsonschema"]
    lint, local, jsonschema = repos

    assert lint["rev"] == f"v{version('yamllint')}", "the hook's yamllint is the one the tests pin"
    (hook,) = lint["hooks"]
    assert hook["id"] == "yamllint" and hook["args"] == ["-c", ".yamllint.yml"]
    linted = re.compile(hook["files"])
    for path in all_data_files():
        assert linted.search(path.relative_to(REPO).as_posix())
    assert linted.search("redirects.yml")
    for other in ("mkdocs.yml", "templates/words.yml", ".github/workflows/publish.yml", "partners/sub/x.yml"):
        assert not linted.search(other), other

    hooks = {hook["id"]: hook for hook in local["hooks"]}
    assert set(hooks) == {"validate-data", "fast-tests"}
    validate = hooks["validate-data"]
    assert validate["entry"] == ".venv/bin/python -m macros validate"
    assert validate["language"] == "system" and validate["pass_filenames"] is False
    watched = re.compile(validate["files"])
    for changed in ("partners/accsm.yml", "activities/x.yml", "decisions/x.yml", "plans/x.yml", "redirects.yml",
                    "schemas/common.schema.json", "templates/records/partner.md.j2"):
        assert watched.search(changed), changed
    assert not watched.search("README.md")
    fast = hooks["fast-tests"]
    assert fast["entry"] == ".venv/bin/python " + FAST_LANE
    assert fast["language"] == "system" and fast["pass_filenames"] is False
    recipe = re.search(r"^test-fast:.*\n\t(.*)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe and recipe.group(1) == "$(PYTHON) " + FAST_LANE, "the hook runs what make test-fast runs"

    assert jsonschema["rev"] == version("check-jsonschema"), "the hook's check-jsonschema is the one the tests pin"
    ids = [hook["id"] for hook in jsonschema["hooks"]]
    assert "check-github-workflows" in ids and "check-metaschema" in ids
    metaschema = next(hook for hook in jsonschema["hooks"] if hook["id"] == "check-metaschema")
    assert all(re.search(metaschema["files"], path.relative_to(REPO).as_posix())
               for path in (REPO / "schemas").glob("*.schema.json"))


def test_the_json_schemas_are_valid_against_their_metaschema():
    schemas = sorted((REPO / "schemas").glob("*.schema.json"))
    result = check_jsonschema("--check-metaschema", *map(str, schemas))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("environment, refusal", [
    ({}, "SITE_URL is not set: a published site needs it"),
    ({"SITE_URL": "https://example.gov.vn/htqt/"}, "CONTACT_EMAIL is not set: a published site needs it"),
    ({"SITE_URL": "https://example.gov.vn/htqt/", "CONTACT_EMAIL": " "}, "CONTACT_EMAIL is not set"),
    ({"SITE_URL": "javascript://x/", "CONTACT_EMAIL": "htqt@example.gov.vn"}, "SITE_URL (site_url in mkdocs.yml) is"),
    ({"SITE_URL": "https://example.gov.vn/", "CONTACT_EMAIL": "nobody"}, "CONTACT_EMAIL (extra.contact_email in mkdocs.yml) is not"),
], ids=["no-address", "no-contact", "blank-contact", "bad-address", "bad-contact"])
def test_make_publish_refuses_without_the_sites_address_and_a_contact_address(environment, refusal):
    clean = {key: value for key, value in BUILD_ENV.items() if key not in ("SITE_URL", "CONTACT_EMAIL")}
    before = (REPO / "site").stat().st_mtime_ns if (REPO / "site").exists() else None
    result = subprocess.run(["make", "--no-print-directory", "publish"], cwd=REPO,
                            env={**clean, **environment}, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert refusal in result.stderr and "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if not line.startswith("make")]) == 1, result.stderr
    assert ((REPO / "site").stat().st_mtime_ns if (REPO / "site").exists() else None) == before, "nothing built"
    ok = subprocess.run([sys.executable, "-m", "macros", "publish-check"], cwd=REPO, capture_output=True, text=True,
                        env={**clean, "SITE_URL": "https://example.gov.vn/htqt/", "CONTACT_EMAIL": "htqt@example.gov.vn"})
    assert ok.returncode == 0 and "https://example.gov.vn/htqt/" in ok.stdout


SOURCE_FOLDERS = ("macros", "templates", "schemas", "content", "overrides", "tools")


def test_no_source_file_matches_an_ignore_pattern():
    """A module in a folder .gitignore names (a package called `site`, say) would be missing from every fresh
    clone: the build would fail in CI and for every editor, though it works in the checkout that wrote it."""
    sources = [path.relative_to(REPO).as_posix() for folder in SOURCE_FOLDERS for path in (REPO / folder).rglob("*")
               if path.is_file() and "__pycache__" not in path.parts]
    result = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], input="\n".join(sources), cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr  # 1: nothing ignored
    assert result.stdout.split() == []
