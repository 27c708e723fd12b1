"""Repository checks that need no database."""

import ast
import csv
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["dealer_jobs", "dealer_fleet", "dealer_usedcar", "dealer_reports"]


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_parses_and_lists_existing_files(addon):
    data = manifest(addon)
    assert data["license"] == "LGPL-3"
    assert data["version"].startswith("18.0.")
    assert data["installable"] is True
    for path in data.get("data", []) + data.get("demo", []):
        assert (ROOT / addon / path).is_file(), f"{addon}: {path} listed in the manifest does not exist"


def test_only_the_entry_addon_is_an_application():
    assert [addon for addon in ADDONS if manifest(addon).get("application")] == ["dealer_jobs"]


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_has_icon_readme_and_tests(addon):
    for path in ("static/description/icon.png", "readme/DESCRIPTION.md", "readme/USAGE.md", "readme/CONFIGURE.md"):
        assert (ROOT / addon / path).is_file(), f"{addon}: {path} missing"
    assert list((ROOT / addon / "tests").glob("test_*.py")), f"{addon} has no tests"


def new_models(path):
    """Names of the models a file defines (not inherits), abstract mixins excepted."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.ClassDef):
            continue
        if any(getattr(base, "attr", None) == "AbstractModel" for base in node.bases):
            continue
        attrs = {
            target.id: statement.value
            for statement in node.body
            if isinstance(statement, ast.Assign)
            for target in statement.targets
            if isinstance(target, ast.Name)
        }
        if "_name" not in attrs:
            continue
        name = ast.literal_eval(attrs["_name"])
        inherit = ast.literal_eval(attrs["_inherit"]) if "_inherit" in attrs else []
        if name not in ([inherit] if isinstance(inherit, str) else inherit):
            names.add(name)
    return names


@pytest.mark.parametrize("addon", ADDONS)
def test_every_new_model_has_access_lines(addon):
    models = set()
    for path in (ROOT / addon).glob("*/*.py"):
        if path.parent.name in ("models", "wizard", "report"):
            models |= new_models(path)
    acl = ROOT / addon / "security" / "ir.model.access.csv"
    covered = set()
    if acl.exists():
        with acl.open() as rows:
            covered = {row["model_id:id"].split(".")[-1] for row in csv.DictReader(rows)}
    missing = {model for model in models if "model_" + model.replace(".", "_") not in covered}
    assert not missing, f"{addon}: models without ACL lines: {sorted(missing)}"


def test_model_scan_finds_new_models_only():
    models = set()
    for path in (ROOT / "dealer_jobs").glob("*/*.py"):
        models |= new_models(path)
    assert {"dealer.job", "dealer.job.phase", "dealer.job.line", "dealer.vin.wmi", "dealer.job.callback"} <= models
    assert not {"res.partner", "fleet.vehicle", "dealer.job.owner.mixin"} & models


@pytest.mark.parametrize("addon", ADDONS)
@pytest.mark.parametrize("lang", ["de", "zh_CN"])
def test_addon_ships_complete_german_and_chinese_translations(addon, lang):
    po_path = ROOT / addon / "i18n" / f"{lang}.po"
    assert po_path.is_file(), f"{addon}: i18n/{lang}.po missing"
    pot_path = ROOT / addon / "i18n" / f"{addon}.pot"
    assert pot_path.is_file(), f"{addon}: i18n/{addon}.pot missing (export it with odoo-bin --i18n-export)"
    po = polib.pofile(str(po_path))
    assert len(po), f"{addon}: {lang}.po is empty"
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert not untranslated, f"{addon}: {lang}.po leaves {len(untranslated)} strings empty, e.g. {untranslated[:3]}"
    missing = {entry.msgid for entry in polib.pofile(str(pot_path))} - {entry.msgid for entry in po}
    assert not missing, f"{addon}: {lang}.po lacks {len(missing)} strings of the .pot, e.g. {sorted(missing)[:3]}"
