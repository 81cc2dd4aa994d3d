"""The lexicon: known entities, their names in both languages, and how to match them.

The bundled lexicon (`kg/data/lexicon.yaml`) is domain knowledge; a user may
add lexicon files of the same format. Both are compiled into spaCy
`span_ruler` patterns (see `kg.nlp`) and into a jieba user dictionary, so
that jieba does not split the names it is meant to find (英|伟达).
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.model import EntityType

# kinds of named things that are not one of the four types: kept, in classes of their own
OTHER_KINDS = frozenset({"language", "model", "dataset", "benchmark", "event"})
BUNDLED = ("lexicon.yaml", "lexicon-dev.yaml", "lexicon-other.yaml")


@dataclass(frozen=True, slots=True, order=True)
class LexEntry:
    """One known entity."""

    id: str
    type: EntityType
    name: str
    zh: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    kind: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """Every name the entry may be written as: canonical, Chinese, aliases."""
        seen: dict[str, None] = {self.name: None}
        if self.zh:
            seen[self.zh] = None
        for alias in self.aliases:
            seen[alias] = None
        return tuple(seen)


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    text = resources.files("kg.data").joinpath("t2s.txt").read_text(encoding="utf-8")
    pairs = [pair for line in text.splitlines() if not line.startswith("#") for pair in line.split()]
    return {ord(pair[0]): pair[1] for pair in pairs if len(pair) == 2}


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to Simplified, one for one, so the length and offsets stay.

    >>> to_simplified("英偉達在臺灣")
    '英伟达在台湾'
    """
    return text.translate(_t2s_table())


def fold(text: str) -> str:
    """A matching key for a name: width-folded, case-folded, without spaces and dashes.

    Accents are dropped too (Dvořák = Dvorak), and Traditional Chinese is folded
    to Simplified (陳大岳 = 陈大岳).

    >>> fold("Tensor Flow") == fold("tensorflow") == fold("ＴｅｎｓｏｒＦｌｏｗ")
    True
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        text = to_simplified(text)
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if not (ch.isspace() or ch in "-_.·・'’"))


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


@lru_cache(maxsize=1)
def _common_english() -> frozenset[str]:
    """Lower-case English words common enough that a name spelled like them must match by case."""
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 30000))


def is_common_word(form: str) -> bool:
    """True when `form` in lower case is an ordinary English word (Spark, Apex, Ray)."""
    return form.isascii() and " " not in form and form.lower() in _common_english()


class Lexicon:
    """Known entities by id, with a lookup from folded names to ids."""

    def __init__(self, entries: list[LexEntry], *, sources: tuple[str, ...] = ()):
        self.entries: dict[str, LexEntry] = {}
        self.by_name: dict[str, str] = {}
        self.sources = sources
        self._digest: str | None = None
        for entry in sorted(entries):
            self.entries[entry.id] = entry
        # a name written by two entries goes to the later one (user files override the bundle)
        for entry in entries:
            for form in entry.forms:
                self.by_name[fold(form)] = entry.id

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> LexEntry | None:
        key = self.by_name.get(fold(name))
        return self.entries[key] if key else None

    def patterns(self) -> list[dict]:
        """spaCy span_ruler patterns, one per (entry, form).

        A form that is also an ordinary English word is matched case-sensitively
        (a token pattern on ORTH), every other form as a phrase on LOWER.
        """
        patterns = []
        for entry in self.entries.values():
            for form in entry.forms:
                if len(form) < 2:
                    continue  # "C", "R": a letter is too often just a letter
                if is_common_word(form):  # capitalised as a name, never in lower case: Spark, NVIDIA / Nvidia
                    for variant in sorted({form, form.title(), form.upper()} - {form.lower()}):
                        patterns.append({"label": entry.type.value, "pattern": [{"ORTH": variant}], "id": entry.id})
                else:
                    patterns.append({"label": entry.type.value, "pattern": form, "id": entry.id})
        return patterns

    def cjk_words(self) -> list[str]:
        """Chinese forms, for jieba's user dictionary."""
        return sorted({form for entry in self.entries.values() for form in entry.forms if has_cjk(form)})

    def digest(self) -> str:
        """A hash of the entries (computed once: it keys the cached pipelines)."""
        if self._digest is None:
            h = hashlib.sha256()
            for entry in self.entries.values():
                h.update(repr(entry).encode())
            self._digest = h.hexdigest()[:16]
        return self._digest


def _parse_entries(data: object, source: str) -> list[LexEntry]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError(f"{source}: a lexicon is a YAML list of entries (id, type, name, aliases, ...)")
    entries = []
    valid = ", ".join(t.value for t in EntityType)
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or "name" not in item or "type" not in item:
            raise InputError(f"{source}: entry {i} needs at least `name` and `type`")
        try:
            etype = EntityType(item["type"])
        except ValueError:
            raise InputError(f"{source}: entry {i} ({item['name']}): unknown type {item['type']!r}; use one of {valid}") from None
        name = str(item["name"])
        entries.append(LexEntry(
            id=str(item.get("id") or fold(name)),
            type=etype,
            name=name,
            zh=str(item["zh"]) if item.get("zh") else None,
            aliases=tuple(str(a) for a in item.get("aliases") or () if str(a).strip()),
            wikidata=str(item["wikidata"]) if item.get("wikidata") else None,
            kind=str(item["kind"]) if item.get("kind") else None,
        ))
    return entries


def read_entries(path: Path) -> list[LexEntry]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the lexicon ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    return _parse_entries(data, str(path))


@lru_cache(maxsize=1)
def _bundled_entries() -> tuple[LexEntry, ...]:
    entries = []
    for name in BUNDLED:
        text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
        entries += _parse_entries(yaml.safe_load(text), f"kg/data/{name}")
    return tuple(entries)


def load_lexicon(user_files: tuple[Path, ...] = (), *, bundled: bool = True) -> Lexicon:
    """The bundled lexicon (unless `bundled=False`) plus the user's lexicon files.

    Raises:
        InputError: a user file that is missing or malformed, naming the file and line.
    """
    entries = list(_bundled_entries()) if bundled else []
    for path in user_files:
        entries.extend(read_entries(path))
    dedup: dict[str, LexEntry] = {}
    for entry in entries:  # a user entry with a bundled id replaces the bundled one
        dedup[entry.id] = entry
    sources = (("bundled",) if bundled else ()) + tuple(str(p) for p in user_files)
    return Lexicon(list(dedup.values()), sources=sources)
