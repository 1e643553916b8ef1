"""`python -m components.pack`: writes the pack; without Chromium says so in one line and offers the HTML."""

from __future__ import annotations

from pathlib import Path

from components.pack.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_writes_an_html_pack_of_a_data_folder(tmp_path: Path, capsys) -> None:
    out = tmp_path / "pack.html"
    assert main(["--format", "html", "--out", str(out), "--data", str(ROOT / "data"), "--asof", "2025-01-15"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "As of 2025-01-15" in text
    assert f"wrote {out}" in capsys.readouterr().out


def test_without_chromium_a_pdf_is_refused_in_one_line_that_offers_the_html(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("BRIEFING_CHROMIUM", str(tmp_path / "no-such-chromium"))
    out = tmp_path / "handout.pdf"
    assert main(["--format", "pdf", "--out", str(out), "--data", str(ROOT / "data")]) == 3
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "No Chromium" in error and "--format html" in error
    assert not out.exists()
