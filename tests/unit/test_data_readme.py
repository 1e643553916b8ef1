"""data/README.md documents the tables as the one schema declaration defines them."""

import re
from pathlib import Path

import pytest

from components.data.schema import SCHEMAS

README = Path(__file__).resolve().parents[2] / "data" / "README.md"


def table_section(text: str, file: str) -> str:
    """The README's section about one table: from its heading to the next heading of the same level."""
    match = re.search(rf"^(#+) .*{re.escape(file)}.*$", text, flags=re.MULTILINE)
    assert match, f"data/README.md has no heading naming {file}"
    level = len(match.group(1))
    rest = text[match.end() :]
    following = re.search(rf"^#{{1,{level}}} ", rest, flags=re.MULTILINE)
    return rest[: following.start()] if following else rest


@pytest.mark.parametrize("schema", SCHEMAS.values(), ids=list(SCHEMAS))
def test_readme_documents_every_column_and_vocabulary_of_each_table(schema):
    section = table_section(README.read_text(encoding="utf-8"), schema.file)
    for column in schema.columns:
        assert f"`{column.name}`" in section, f"{schema.file}: column {column.name} undocumented"
        for value in column.vocab:
            assert f"`{value}`" in section, f"{schema.file}: value {value} of {column.name} undocumented"
