"""Settings: one table of (name, default, help); defaults < kg.toml < environment < command-line flags.

`kg.toml` sits in the essays folder (next to the essays it configures):

    author = "Zihao Ye"          # the author of essays that do not name one
    base = "https://example.org/kg/"
    lexicon = ["my-names.yaml"]  # relative to the essays folder
    bundled_lexicon = true
    model = "en_core_web_sm"     # optional spaCy NER, when that package is installed
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from kg.errors import InputError
from kg.iri import DEFAULT_BASE

CONFIG_FILE = "kg.toml"

# name, default, help (the README lists the same table)
TABLE = (
    ("author", None, "author of the essays that do not name one (for 我 / I)"),
    ("base", DEFAULT_BASE, "base IRI of entities and essays"),
    ("lexicon", (), "lexicon files of your own (YAML, like kg/data/lexicon.yaml)"),
    ("bundled_lexicon", True, "use the bundled lexicon"),
    ("model", None, "a spaCy pipeline package or path whose NER is added"),
)


@dataclass(frozen=True)
class Settings:
    author: str | None = None
    base: str = DEFAULT_BASE
    lexicon: tuple[Path, ...] = field(default_factory=tuple)
    bundled_lexicon: bool = True
    model: str | None = None


def _from_toml(essays_dir: Path) -> dict:
    path = essays_dir / CONFIG_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc}); fix the file or remove it") from None
    known = {name for name, _, _ in TABLE}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(f"{path}: unknown setting {unknown[0]!r}; the settings are {', '.join(sorted(known))}")
    if "lexicon" in data:
        files = data["lexicon"] if isinstance(data["lexicon"], list) else [data["lexicon"]]
        data["lexicon"] = tuple(essays_dir / str(f) for f in files)
    return data


def _from_env() -> dict:
    out: dict = {}
    for name, default, _ in TABLE:
        value = os.environ.get(f"KG_{name.upper()}")
        if value is None:
            continue
        if isinstance(default, bool):
            out[name] = value.strip().lower() not in ("0", "false", "no", "off", "")
        elif name == "lexicon":
            out[name] = tuple(Path(p) for p in value.split(os.pathsep) if p)
        else:
            out[name] = value
    return out


def load_settings(essays_dir: Path, **flags) -> Settings:
    """The settings for a build of `essays_dir`: defaults, then kg.toml, then KG_* variables, then flags.

    Flags that are None are not given; a lexicon flag adds to the files from kg.toml.

    Raises:
        InputError: kg.toml is not valid TOML or names an unknown setting.
    """
    settings = Settings()
    for layer in (_from_toml(essays_dir), _from_env()):
        settings = replace(settings, **layer)
    given = {k: v for k, v in flags.items() if v is not None and k in {f.name for f in fields(Settings)}}
    if "lexicon" in given:
        given["lexicon"] = settings.lexicon + tuple(given["lexicon"])
    return replace(settings, **given)
