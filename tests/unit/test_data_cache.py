"""The Parquet cache of loaded data: a hit equals a fresh load, any changed byte misses, failures fall back."""

from __future__ import annotations

import builtins
import os
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from components.data import cache
from components.data.dataset import Dataset
from components.data.loading import folder_signature, load_dataset, load_fresh
from components.data.schema import SCHEMAS

BUNDLED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with a broken row and an unparsable row, so there are problems to report; never edited."""
    target = tmp_path_factory.mktemp("pristine") / "data"
    shutil.copytree(BUNDLED, target)
    with (target / "events.csv").open("a", encoding="utf-8", newline="") as out:
        out.write("evt-broken-date,not a date\n")
        out.write(",".join(["extra"] * 60) + "\n")
    return target


@pytest.fixture(scope="module")
def fresh(pristine: Path):
    """`load_fresh` of that folder: what a load of any unedited copy of it must equal (no test mutates it)."""
    return load_fresh(pristine)


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    """A copy of the pristine folder of this test's own, to edit or make read-only."""
    target = tmp_path / "data"
    shutil.copytree(pristine, target)
    return target


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(target))
    return target


def entries(cache_folder: Path) -> list[Path]:
    return sorted(p for p in cache_folder.iterdir() if (p / cache.META_FILE).is_file()) if cache_folder.exists() else []


def assert_same(left, right) -> None:
    assert left.tables.keys() == right.tables.keys()
    for name, frame in left.tables.items():
        pd.testing.assert_frame_equal(frame, right.tables[name], check_exact=True)
        assert [type(v) for v in frame.iloc[0]] == [type(v) for v in right.tables[name].iloc[0]], name
    assert left.problems == right.problems
    assert left.documents == right.documents
    assert left.geo == right.geo
    assert left.fingerprint == right.fingerprint


def test_a_hit_equals_a_fresh_load_tables_and_problems(folder: Path, cache_folder: Path, fresh) -> None:
    assert any(p.file == "events.csv" and "values but the header" in p.reason for p in fresh.problems)
    assert any(p.file == "events.csv" and p.value == "not a date" for p in fresh.problems)
    first = load_dataset(folder)
    assert len(entries(cache_folder)) == 1
    assert_same(fresh, first)
    assert (entries(cache_folder)[0] / "events.parquet").is_file()
    hit = load_dataset(folder)
    assert_same(fresh, hit)
    assert hit.loaded_at is not None and hit.loaded_at >= first.loaded_at


def test_the_second_load_reads_the_entry_not_the_csvs(
    folder: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_dataset(folder)

    def no_parsing(_folder):
        raise AssertionError("a cache hit must not parse the files again")

    monkeypatch.setattr("components.data.loading.load_fresh", no_parsing)
    assert_same(expected, load_dataset(folder))


def test_a_changed_byte_invalidates(folder: Path, cache_folder: Path) -> None:
    before = load_dataset(folder)
    text = (folder / "locations.csv").read_text(encoding="utf-8")
    first_row = text.splitlines()[1]
    changed = first_row.replace(first_row.split(",")[1], first_row.split(",")[1] + "x", 1)
    (folder / "locations.csv").write_text(text.replace(first_row, changed, 1), encoding="utf-8")
    after = load_dataset(folder)
    assert after.fingerprint != before.fingerprint
    assert after.locations.iloc[0]["name"] == before.locations.iloc[0]["name"] + "x"
    assert_same(load_fresh(folder), after)
    assert len(entries(cache_folder)) == 2


def test_a_changed_document_invalidates(folder: Path, cache_folder: Path) -> None:
    before = load_dataset(folder)
    name = sorted(before.documents)[0]
    (folder / "documents" / name).write_text(before.documents[name] + "\nappended line", encoding="utf-8")
    after = load_dataset(folder)
    assert after.documents[name].endswith("appended line")
    assert_same(load_fresh(folder), after)


def test_a_changed_loader_code_invalidates(folder: Path, cache_folder: Path, monkeypatch) -> None:
    load_dataset(folder)
    monkeypatch.setattr(cache, "code_version", lambda: "another version of the loader")
    load_dataset(folder)
    assert len(entries(cache_folder)) == 2


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_data_folder_works(folder: Path, cache_folder: Path, fresh) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        before = sorted(p.name for p in folder.rglob("*"))
        first = load_dataset(folder)
        hit = load_dataset(folder)
        assert_same(fresh, hit)
        assert_same(first, hit)
        assert sorted(p.name for p in folder.rglob("*")) == before  # nothing written next to the data
        assert len(entries(cache_folder)) == 1
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.mark.parametrize("damage", ["truncate parquet", "garbage meta", "missing table", "empty meta"])
def test_a_corrupt_entry_falls_back_to_a_normal_load(folder: Path, cache_folder: Path, fresh, damage: str) -> None:
    load_dataset(folder)
    (entry,) = entries(cache_folder)
    if damage == "truncate parquet":
        data = (entry / "events.parquet").read_bytes()
        (entry / "events.parquet").write_bytes(data[: len(data) // 2])
    elif damage == "garbage meta":
        (entry / cache.META_FILE).write_bytes(b"\xff\xfe not json")
    elif damage == "missing table":
        (entry / "quotes.parquet").unlink()
    else:
        (entry / cache.META_FILE).write_text("{}", encoding="utf-8")
    assert_same(fresh, load_dataset(folder))


def test_an_unwritable_cache_folder_falls_back(folder: Path, tmp_path: Path, monkeypatch, fresh) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    assert_same(fresh, load_dataset(folder))


def test_the_default_folder_is_per_user_and_never_the_data_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "briefing-dashboard"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "briefing-dashboard"
    assert BUNDLED not in cache.cache_dir().parents


def test_the_session_uses_its_own_cache_folder() -> None:
    assert "briefing-test-cache-" in os.environ["BRIEFING_CACHE_DIR"]


def test_a_derived_value_is_built_once_per_dataset_and_again_for_a_new_one():
    calls = []

    def build(ds: Dataset) -> int:
        calls.append(ds)
        return len(calls)

    ds = Dataset(tables={})
    assert (ds.derived(build), ds.derived(build)) == (1, 1)
    assert replace(ds, fingerprint="other").derived(build) == 2
    assert len(calls) == 2


def test_tuple_columns_come_back_as_the_same_tuples_joined_or_as_lists(cache_folder: Path) -> None:
    plain = [("a", "b"), (), ("a", "b"), ("c",)]
    awkward = [("x",), ("",), ("has" + cache.SEPARATOR + "separator",), ()]  # what a joined string cannot carry
    numbers = [(1, 2), (), (3,), (4,)]
    frame = pd.DataFrame(
        {
            name: pd.Series(values, dtype=object)
            for name, values in [("plain", plain), ("awkward", awkward), ("numbers", numbers)]
        }
    )
    dataset = Dataset(tables={"events": frame}, fingerprint="f")
    assert cache.write("k" * 64, dataset)
    back = cache.read("k" * 64)
    pd.testing.assert_frame_equal(back.tables["events"], frame, check_exact=True)
    assert [type(v) for v in back.tables["events"]["plain"]] == [tuple] * 4
    assert list(back.tables["events"]["awkward"]) == awkward
    assert list(back.tables["events"]["numbers"]) == numbers
    meta = (cache_folder / ("k" * 64) / cache.META_FILE).read_text(encoding="utf-8")
    assert '"tuples": {"events": ["plain"]}' in meta and '"lists": {"events": ["awkward", "numbers"]}' in meta


def test_a_joined_column_is_stored_as_strings_and_split_once_per_distinct_cell() -> None:
    values = pd.Series([("Russia", "Ukraine"), ("DPRK",), ("Russia", "Ukraine"), (), None], dtype=object)
    stored = cache.joined(values)
    assert list(stored) == ["Russia\x1fUkraine", "DPRK", "Russia\x1fUkraine", "", None]
    back = cache.split(stored)
    assert list(back) == list(values)
    assert back.iloc[0] is back.iloc[2]  # one tuple for equal cells: a repeated value is not split again


def test_the_key_hashes_every_byte_of_each_file_once(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    key = cache.cache_key(folder, 10**9)
    monkeypatch.setattr(builtins, "open", counting_open)
    assert cache.cache_key(folder, 10**9) == key
    expected = {str(p) for p in cache.data_files(folder)}
    assert len(opened) == len(set(opened)) and set(opened) == expected  # every file opened, none twice
    monkeypatch.undo()
    for path in [folder / "sources.csv", sorted((folder / "documents").iterdir())[-1]]:
        data = path.read_bytes()
        path.write_bytes(data[:-1] + (b"x" if data[-1:] != b"x" else b"y"))  # only the last byte changes
        assert cache.cache_key(folder, 10**9) != key
        key = cache.cache_key(folder, 10**9)


def test_the_folder_signature_names_every_file_and_changes_with_any(folder: Path) -> None:
    before = folder_signature(folder)
    names = [name for name, _, _ in before]
    assert names[: len(SCHEMAS)] == [s.file for s in SCHEMAS.values()]
    assert sorted(n for n in names if n.startswith("documents/")) == [
        f"documents/{p.name}" for p in sorted((folder / "documents").glob("*"))
    ]
    assert [n for n in names if n.startswith("geo/")] == [
        f"geo/{p.name}" for p in sorted((folder / "geo").glob("*.geojson"))
    ]
    document = sorted((folder / "documents").iterdir())[-1]
    document.write_bytes(document.read_bytes() + b"!")
    after = folder_signature(folder)
    assert after != before and [n for n, _, _ in after] == names
    (folder / "documents" / "new.txt").write_text("a new document", encoding="utf-8")
    assert "documents/new.txt" in [n for n, _, _ in folder_signature(folder)]
    assert all(size == -1 for _, _, size in folder_signature(folder / "missing"))
