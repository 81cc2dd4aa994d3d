"""spaCy components: find candidate names on characters, align tokens to them, resolve entities.

`kg_candidates` runs before the lexicon's `span_ruler`: it finds name-shaped
spans on the characters of the text (lexicon names inside words jieba glued,
Latin-script names, Chinese person names, organisation suffixes), splits
tokens so that every candidate starts and ends on a token boundary, and
writes the discovered spans to `doc.spans["discovered"]` (label = type,
`id_` = the rule that fired). `kg_resolve` runs after the ruler and chooses
one non-overlapping set of entities for `doc.ents` (`kb_id_` = lexicon id).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.lexicon import Lexicon, has_cjk

AUTHOR_LABEL = "AUTHOR"
CJK = "\u3400-\u9fff\uf900-\ufaff"
L = "A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ"  # Latin letters, accented ones included (Dvořák)
LATIN_WORD = rf"[{L}][{L}0-9]*(?:[-.+][{L}0-9]+)*(?:\+\+|#)?"
LATIN_RUN = re.compile(rf"(?<![{L}0-9_@.\-]){LATIN_WORD}(?:(?:[ ]+|[ ]*&[ ]*){LATIN_WORD})*(?![{L}0-9_@])")
# a descriptor hyphenated to a name is not part of it: "MLIR-based", "CUDA-compatible"
DESCRIPTOR = re.compile(r"-(?:based|powered|style|like|compatible|native|specific|aware|friendly|centric|"
                        r"level|driven|enabled|only|free|backed|first|ready|related|heavy|bound)$", re.I)
CJK_RUN = re.compile(f"[{CJK}]+")
MODEL_SHAPE = re.compile(r"[A-Za-z]-\d+(?:\.\d+)*[BbMmKk]?$|\d(?:\.\d+)?[BbMm]$")


@dataclass(frozen=True)
class Words:
    """The word lists of `kg/data/discovery.yaml` and `pinyin.yaml`, as sets."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    honorifics: tuple[str, ...]
    person_before: tuple[str, ...]
    person_roles: tuple[str, ...]
    person_after: tuple[str, ...]
    org_suffixes_zh: tuple[str, ...]
    zh_boundaries: frozenset[str]
    org_words: frozenset[str]
    org_connectors: frozenset[str]
    person_titles: frozenset[str]
    person_verbs: frozenset[str]
    system_cues: tuple[str, ...]
    org_cues: tuple[str, ...]
    org_before_en: tuple[str, ...]
    org_after_en: tuple[str, ...]
    stoplist: frozenset[str]
    zh_stoplist: frozenset[str]
    first_person: frozenset[str]
    syllables: frozenset[str]
    pinyin_surnames: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    data = resources.files("kg.data")
    d = yaml.safe_load(data.joinpath("discovery.yaml").read_text(encoding="utf-8"))
    p = yaml.safe_load(data.joinpath("pinyin.yaml").read_text(encoding="utf-8"))
    by_length = lambda xs: tuple(sorted(xs, key=lambda x: (-len(x), x)))  # noqa: E731
    return Words(
        surnames=frozenset(d["surnames"]), compound_surnames=frozenset(d["compound_surnames"]),
        honorifics=by_length(d["honorifics"]), person_before=by_length(d["person_cues_before"]),
        person_roles=by_length(d["person_roles_before"]),
        person_after=by_length(d["person_cues_after"]), org_suffixes_zh=by_length(d["org_suffixes_zh"]),
        zh_boundaries=frozenset(d["zh_boundaries"]), org_words=frozenset(d["org_words_en"]),
        org_connectors=frozenset(d["org_connectors_en"]), person_titles=frozenset(d["person_titles_en"]),
        person_verbs=frozenset(d["person_verbs_en"]), system_cues=tuple(d["system_cues"]),
        org_cues=tuple(d["org_cues"]), org_before_en=tuple(d["org_before_en"]), org_after_en=tuple(d["org_after_en"]),
        stoplist=frozenset(d["stoplist"]),
        zh_stoplist=frozenset(d["zh_stoplist"]), first_person=frozenset(d["first_person"]),
        syllables=frozenset(p["syllables"].split()), pinyin_surnames=frozenset(p["surnames"].split()),
    )


@lru_cache(maxsize=1)
def jieba_tags() -> dict[str, tuple[int, str]]:
    """jieba's own dictionary: word -> (frequency, part-of-speech tag)."""
    import jieba

    tags = {}
    with jieba.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = (int(parts[1]), parts[2])
    return tags


def is_pinyin(word: str) -> bool:
    """True when a capitalised word splits into pinyin syllables (Zihao, Ye, Tianqi)."""
    w, syl = word.lower(), words().syllables
    if not w.isascii() or not w.isalpha() or len(w) > 12:
        return False
    ok = [True] + [False] * len(w)
    for i in range(1, len(w) + 1):
        ok[i] = any(ok[j] and w[j:i] in syl for j in range(max(0, i - 6), i))
    return ok[-1]


def romanised_chinese_name(parts: list[str]) -> bool:
    if not 2 <= len(parts) <= 3 or not all(p[:1].isupper() and p[1:].islower() for p in parts):
        return False
    sur = words().pinyin_surnames
    return all(is_pinyin(p) for p in parts) and (parts[0].lower() in sur or parts[-1].lower() in sur)


def _around(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    return text[max(0, start - width):start], text[end:end + width]


def _type_from_context(text: str, start: int, end: int) -> str | None:
    """A type for a name from the words right around it, or None."""
    w = words()
    before, after = _around(text, start, end, 12)
    near = before[-8:] + " " + after[:8]
    if any(after.lstrip().startswith(h) for h in w.honorifics):
        return "Person"
    lower_after = after.lower()
    name = text[start:end]
    camel = any(c.isupper() for c in name[1:])
    if not camel and any(re.match(rf"\s*(?:{re.escape(c)})\b", after) for c in w.person_verbs):
        return "Person"
    if any(re.search(rf"\b{re.escape(t)}\s*$", before) for t in w.person_titles):
        return "Person"
    if any(before.lower().rstrip().endswith(c) for c in w.org_before_en) or \
       any(re.match(rf"\s*{re.escape(c)}\b", lower_after) for c in w.org_after_en):
        return "Organization"  # "acquired by X", "X hired"
    if any(after.lstrip().startswith(c) for c in w.org_cues if has_cjk(c)) or \
       any(re.match(rf"\s*{re.escape(c)}\b", lower_after) for c in w.org_cues if not has_cjk(c)):
        return "Organization"
    if any(c in near for c in w.system_cues if has_cjk(c)) or \
       any(re.search(rf"\b{re.escape(c)}\b", near, re.I) for c in w.system_cues if not has_cjk(c)):
        return "System"
    if re.match(r"\s*的\s*[A-Z][A-Za-z]", after):
        return "Organization"  # X 的 Horovod: the owner of a named product
    if m := APPOSITIVE.match(text, end, end + 60):  # "Morrow Compute, a five-person startup in Lausanne"
        return APPOSITIVE_TYPES[m[1].lower()]
    return None


APPOSITIVE_TYPES = {**{w: "Organization" for w in ("startup", "company", "firm", "lab", "laboratory", "group", "team",
                                                      "university", "nonprofit", "foundation", "vendor", "maker", "institute")},
                    **{w: "System" for w in ("framework", "library", "compiler", "tool", "toolkit", "language", "runtime",
                                             "engine", "project", "dsl", "profiler", "database", "package", "system")},
                    **{w: "Person" for w in ("student", "professor", "researcher", "engineer", "founder", "co-founder",
                                             "maintainer", "author", "developer", "scientist", "colleague", "friend")},
                    **{w: "Place" for w in ("city", "town", "capital", "country", "province", "state")}}
APPOSITIVE = re.compile(r",\s+(?:a|an|the|our|my|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?(" +
                        "|".join(sorted(APPOSITIVE_TYPES, key=len, reverse=True)) + r")\b", re.I)


def _latin_candidates(text: str, *, english: bool) -> list[tuple[int, int, str, str]]:
    """(start, end, type, rule) for Latin-script names: CamelCase, acronyms, capitalised runs."""
    w = words()
    found = []
    for run in LATIN_RUN.finditer(text):
        tokens = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"&|[^\s&]+", run.group())]
        tokens = [(s, e - (len(m[0]) if (m := DESCRIPTOR.search(text[s:e])) else 0)) for s, e in tokens]
        # split the run into stretches of name-like words, joined by connectors
        groups: list[list[tuple[int, int]]] = [[]]
        for s, e in tokens:
            tok = text[s:e]
            namey = tok[:1].isupper() or any(c.isupper() for c in tok[1:]) or any(c.isdigit() for c in tok)
            if namey:
                groups[-1].append((s, e))
            elif tok in w.org_connectors and groups[-1]:
                groups[-1].append((s, e))
            else:
                groups.append([])
        for group in groups:
            for piece in _split_at_connectors(text, group):
                found.extend(_name_from_group(text, piece, english=english))
    return found


def _split_at_connectors(text: str, group: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Connectors (of, and, &) join the words of an organisation name; elsewhere they separate names."""
    w = words()
    parts = [text[s:e] for s, e in group]
    if any(p.rstrip(".") in w.org_words for p in parts) or parts[:1] in (["University"], ["Institute"]):
        pieces = [group]
    else:
        pieces, piece = [], []
        for span, part in zip(group, parts):
            if part in w.org_connectors:
                pieces.append(piece)
                piece = []
            else:
                piece.append(span)
        pieces.append(piece)
    out = []
    for piece in pieces:
        while piece and text[piece[-1][0]:piece[-1][1]] in w.org_connectors:
            piece = piece[:-1]
        while piece and text[piece[0][0]:piece[0][1]] in w.org_connectors:
            piece = piece[1:]
        if piece:
            out.append(piece)
    return out


def _name_from_group(text: str, group: list[tuple[int, int]], *, english: bool) -> list[tuple[int, int, str, str]]:
    """Decide whether a run of capitalised words is a name, and of which type."""
    w = words()
    parts = [text[s:e] for s, e in group]
    before = text[:group[0][0]].rstrip()
    at_start = not before or (before[-1] in ".:!?\"“(" and not _ends_with_title(before))
    place = _place(text, group)
    if place:
        return [place]
    if any(p.rstrip(".") in w.org_words for p in parts[1:]) or (parts[-1] == "AI" and len(parts) > 1) or \
       (parts[0] in ("University", "Institute") and len(parts) > 2):
        while len(group) > 2 and text[group[0][0]:group[0][1]] in w.stoplist and \
                text[group[0][0]:group[0][1]] not in ("University", "Institute"):
            group = group[1:]  # "The Quantum Widget Lab" -> "Quantum Widget Lab"
        return [(group[0][0], group[-1][1], "Organization", "org-words")]
    if len(parts) > 1 and (parts[0] in w.stoplist or at_start and zipf(parts[0]) >= 3.5 and parts[0] not in given_names()):
        return _name_from_group(text, group[1:], english=english)  # "However", "The" capitalised by position
    if any(_is_class_word(p) for p in parts):  # split at class words (GPU, AI, APIs) and keep the pieces
        out, piece = [], []
        for span, part in [*zip(group, parts), (None, "")]:
            if span is None or _is_class_word(part):
                out.extend(_name_from_group(text, piece, english=english) if piece else [])
                piece = []
            else:
                piece.append(span)
        return out
    start, end = group[0][0], group[-1][1]
    person = _person_shape(parts)
    if person:
        return [(start, end, "Person", person)]
    context = _type_from_context(text, start, end)
    shaped = any(c.isupper() for p in parts for c in p[1:]) or any(c.isdigit() or c in "+-#" for p in parts for c in p)
    if len(parts) == 1 and parts[0] in given_names() and context in (None, "Person") and zipf(parts[0]) < 5.0 \
            and not (at_start and zipf(parts[0]) >= 3.5):
        return [(start, end, "Person", "given-name")]  # Vivian, Leo
    if all(zipf(p) >= 4.0 or p.lower() in w.org_connectors or _common_compound(p) for p in parts) and not context:
        return []  # "Deep Learning", "Tile-Centric Scheduling": capitalised words, not a name
    if any(re.search(r"-[a-z]+$", p) for p in parts):
        return []  # "KV-cache", "multi-head": a compound noun
    if len(parts) == 1:
        word, common = parts[0], zipf(parts[0])
        if MODEL_SHAPE.search(word):
            return []  # GPT-5, ResNet-152, Qwen-7B: model names and versions, not systems
        if at_start and common >= 4.5 and not shaped:
            return []  # "Every backend is forever": capitalised by position
        if (at_start and common >= 3.5 or not english and common >= 5.0) and not context and not shaped:
            return []  # "Seize the day": capitalised by position
        if word.isupper() and len(word) <= 4 and not context:
            return []  # AGI, SSA, CLA: unknown short acronyms are mostly generic terms
        if english and not (context or shaped):
            # a rare capitalised word: a name of something; kept if the essay repeats it (kg.extract)
            return [(start, end, "System", "weak-name")] if common < 2.5 and word[1:].islower() else []
        return [(start, end, context or "System", "latin-name")]
    if context:
        return [(start, end, context, "latin-run")]
    if english:
        if len(parts) in (2, 3) and not shaped and not any(zipf(p) >= 3.0 for p in parts):
            return [(start, end, "Person", "capitalised-run")]
        return []
    return [(start, end, "System", "latin-run")]


PLACE_CUE = re.compile(r"\b(?:in|at|from|to|near|around|visit|visited|moved to|based in|city of)\s+(?:the\s+)?$", re.I)


def _place(text: str, group: list[tuple[int, int]]) -> tuple[int, int, str, str] | None:
    """A place the gazetteer knows; a name that is also a common word or a given name needs a cue (in, from)."""
    from kg.gazetteer import gazetteer

    start, end = group[0][0], group[-1][1]
    name = text[start:end]
    if gazetteer().lookup(name) is None:
        return None
    if zipf(name) >= 4.5 or name in given_names():
        if not (PLACE_CUE.search(text[max(0, start - 20):start]) or text[end:end + 6].startswith("-based")):
            return None
    return (start, end, "Place", "gazetteer")


def _common_compound(word: str) -> bool:
    """A hyphenated word made of common words ("Tile-Centric", "Whole-Graph")."""
    pieces = word.split("-")
    return len(pieces) > 1 and all(p.isalpha() and p[1:].islower() and zipf(p) >= 3.0 for p in pieces)


def _is_class_word(word: str) -> bool:
    stop = words().stoplist
    return word in stop or (word.endswith("s") and word[:-1] in stop and word[:-1].isupper())


def _person_shape(parts: list[str]) -> str | None:
    """The rule that makes 2-3 capitalised words a person's name, or None."""
    if not 2 <= len(parts) <= 3 or not all(p[:1].isupper() and p.replace("-", "").isalpha() for p in parts):
        return None
    if romanised_chinese_name(parts):
        return "pinyin-name"
    if parts[0] in given_names() and not any(p.isupper() for p in parts):
        return "given-name"
    if parts[-1].lower() in words().pinyin_surnames and zipf(parts[0]) < 5.0 and parts[0][1:].islower():
        return "given-name"  # Kevin Wang, Jasmine Koh
    return None


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    text = resources.files("kg.data").joinpath("given_names.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English (wordfreq's Zipf scale: 3 rare, 5 very common, 7 "the")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


def _ends_with_title(before: str) -> bool:
    """True when text ends with a title or abbreviation whose dot ends no sentence (Prof., Dr.)."""
    last = before.split()[-1] if before.split() else ""
    return last in words().person_titles or last in ("St.", "Mt.", "vs.", "e.g.", "i.e.", "No.")


def _is_word(s: str) -> bool:
    return s in jieba_tags()


def _person_candidates(text: str) -> list[tuple[int, int, str, str]]:
    """Chinese person names anchored on a surname and confirmed by a title, a cue word or jieba's `nr`."""
    w = words()
    found = []
    for run in CJK_RUN.finditer(text):
        s0, chunk = run.start(), run.group()
        for i in range(len(chunk)):
            for sur_len in (2, 1):
                sur = chunk[i:i + sur_len]
                if not ((sur_len == 1 and sur in w.surnames) or (sur_len == 2 and sur in w.compound_surnames)):
                    continue
                if sur in w.zh_boundaries or sur in w.person_before:
                    continue  # 和, 向, 于: a function word before the name, not its surname
                # the surname must not be the tail of a word (感谢 -> 谢)
                if i > 0 and _is_word(chunk[i - 1:i + 1]) and jieba_tags()[chunk[i - 1:i + 1]][0] > 50:
                    continue
                for given in (2, 1):
                    end = i + sur_len + given
                    name = chunk[i:end]
                    if end > len(chunk) or any(c in w.zh_boundaries for c in name[sur_len:]):
                        continue
                    if any(name[sur_len:].startswith(h[:given]) for h in w.honorifics) or \
                            any(name[sur_len:].startswith(c) for c in w.person_after):
                        continue  # 周老师, 陆老师常说: a surname and a title or a verb, not a full name
                    after, before = text[s0 + end:], chunk[:i]
                    if given == 2 and any((name[-1] + after).startswith(c) for c in w.person_after + w.honorifics):
                        continue  # 李沐所说: the cue starts inside the longer name
                    freq, tag = jieba_tags().get(name, (0, ""))
                    common = _is_word(name) and not tag.startswith("nr") and freq > 30
                    g_freq, g_tag = jieba_tags().get(name[sur_len:], (0, ""))
                    common = common or (given == 2 and g_freq > 2000 and not g_tag.startswith("nr"))
                    if any(after.startswith(h) for h in w.honorifics) and not common:
                        found.append((s0 + i, s0 + end, "Person", "zh-title"))
                    elif tag in ("nr", "nrfg") and len(name) == 3 and freq < 500 and g_freq <= 2000:
                        found.append((s0 + i, s0 + end, "Person", "zh-nr"))
                    elif (any(after.startswith(c) for c in w.person_after) and not _is_word(name)
                          and (any(before.endswith(c) for c in w.person_before) or re.match("(说|表示|指出|写道)[:：]", after))):
                        found.append((s0 + i, s0 + end, "Person", "zh-cue"))
                    elif not common and _ends_name(after) and _role_before(text[:s0 + i]):
                        found.append((s0 + i, s0 + end, "Person", "zh-role"))
                    elif not common and re.search(f"[{L}][（(]$", text[:s0 + i]) and after[:1] in ("）", ")"):
                        found.append((s0 + i, s0 + end, "Person", "zh-role"))  # Leo（张乐）
                    else:
                        continue
                    break
    return found


def _ends_name(after: str) -> bool:
    """True when a Chinese name can end here: punctuation, a function word, a list joiner or Latin text."""
    if not after or not re.match(f"[{CJK}]", after[0]):
        return True
    w = words()
    return after[0] in w.zh_boundaries or after[0] in "和与及跟同" or any(after.startswith(h) for h in w.honorifics)


def _role_before(before: str) -> bool:
    """True when the text before a name ends with a role or thanks (合作者, 感谢, maintainer, PAI 团队的)."""
    tail = before.rstrip(" :：")
    return any(tail.endswith(r) if has_cjk(r) else re.search(rf"\b{re.escape(r)}$", tail) is not None
               for r in words().person_roles)


LIST_AFTER = re.compile(r"(等|们|[一二两三四五六七八九十几多诸各]位|同学|老师|师兄|师姐|学长|学姐|同事|教授|博士)")
LIST_BEFORE = ("感谢", "致谢", "谢谢", "感激", "鸣谢", "以及", "同事", "朋友", "同学", "老师", "师兄", "师姐", "导师", "教授")


def _person_lists(text: str) -> list[tuple[int, int, str, str]]:
    """Chinese names listed together after thanks or before a count (感谢黄文博、李一鸣和王芳三位同事)."""
    w = words()
    sur = "".join(sorted(w.surnames))
    stop = r"(?=[、和与及，,。；;！!：:\s]|$|" + LIST_AFTER.pattern[1:-1] + ")"
    item = f"[{sur}][{CJK}]{{1,2}}?{stop}"
    found = []
    for m in re.finditer(f"(?:{item})(?:[、和与及](?:{item}))+", text):
        pieces = [(p.start() + m.start(), p.end() + m.start()) for p in re.finditer(f"[^、和与及]+", m.group())]
        names = [text[a:b] for a, b in pieces]
        cued = text[:m.start()].endswith(LIST_BEFORE) or _role_before(text[:m.start()]) or LIST_AFTER.match(text, m.end())
        if not cued or not all(2 <= len(n) <= 3 for n in names):
            continue
        if any(n[1:] in w.honorifics or n[1:2] in ("老", "总") for n in names):
            continue  # 周老师和林墨: a title, not a given name
        tags = jieba_tags()
        if any(n in tags and tags[n][1] not in ("nr", "nrfg", "nrt") and tags[n][0] > 200 for n in names):
            continue  # an ordinary word among the items: not a list of names
        found.extend((a, b, "Person", "zh-list") for a, b in pieces)
    return found


NAME_TAGS = ("ns", "nr", "nrt", "nt", "nz", "nrfg", "j", "eng")
# jieba tags of words a name may be built from (北京|大学, 人工智能|实验室); anything else ends it
NAME_PART_TAGS = NAME_TAGS + ("n", "vn", "an", "nl", "ng", "s")


WEAK_SUFFIXES = ("科技", "中心", "团队", "社区", "工作室")


def _org_candidates(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int, str, str]]:
    """Chinese organisations: a suffix (大学, 实验室, 公司 ...) after a name-like run of words.

    The run is taken word by word leftwards (jieba's segmentation), stopping at a
    verb, preposition or other function word (感谢|北京大学 -> 北京大学); it must
    hold a proper noun (jieba's ns/nr/nt/nz) and the suffix must end a word
    (大学 in 大学生 does not).
    """
    import jieba

    w = words()
    tags = jieba_tags()
    found = []
    for suffix in w.org_suffixes_zh:
        for m in re.finditer(re.escape(suffix), text):
            start, end = m.start(), m.end()
            following = text[end:end + 1]
            if re.match(f"[{CJK}]", following) and (
                    suffix in WEAK_SUFFIXES and following not in w.zh_boundaries
                    or any(text[start:end + k] in tags for k in (1, 2))):
                continue  # the suffix begins a longer word: 大学生, 科技创新
            i = start
            while i > 0 and re.match(f"[{CJK}]", text[i - 1]) and start - i < 10:
                i -= 1
            pieces = list(jieba.cut(text[i:start], HMM=False))
            kept: list[str] = []
            for piece in reversed(pieces):
                tag = tags.get(piece, (0, "x"))[1]
                if piece in known:
                    tag = "nt"  # a lexicon name (jieba's own dictionary tags 微软 an adjective)
                elif piece in w.zh_boundaries or (piece in tags and tag not in NAME_PART_TAGS) or len(kept) >= 4:
                    break
                kept.insert(0, piece)
            prefix = "".join(kept)
            name = prefix + suffix
            if not prefix or name in w.zh_stoplist:
                continue
            proper = tags.get(name, (0, ""))[1] in NAME_TAGS or any(
                piece in known or tags.get(piece, (0, "x"))[1] in NAME_TAGS or piece not in tags for piece in kept)
            if proper:
                found.append((start - len(prefix), end, "Organization", "zh-suffix"))
    return found


def _first_person(text: str, *, english: bool) -> list[tuple[int, int, str, str]]:
    w = words()
    if english:
        return [(m.start(), m.end(), AUTHOR_LABEL, "first-person")
                for m in re.finditer(r"\b(?:I|me|my|My|Me|myself)\b", text)]
    found = []
    for m in re.finditer("我们|我|本人|笔者", text):
        if m.group() in w.first_person:
            found.append((m.start(), m.end(), AUTHOR_LABEL, "first-person"))
    return found


class Candidates:
    """Finds candidate names on characters and aligns the tokens to them."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon: Lexicon | None = None
        self._automaton = None
        self._known: frozenset[str] = frozenset()

    def set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._known = frozenset(lexicon.cjk_words())
        auto = ahocorasick.Automaton()
        for form in lexicon.cjk_words():
            auto.add_word(form, form)
        auto.make_automaton() if len(auto) else None
        self._automaton = auto if len(auto) else None

    @staticmethod
    @lru_cache(maxsize=1)
    def _places() -> ahocorasick.Automaton:
        from kg.gazetteer import gazetteer

        auto = ahocorasick.Automaton()
        for name in gazetteer().cjk:
            auto.add_word(name, name)
        auto.make_automaton()
        return auto

    def _cjk_places(self, text: str) -> list[tuple[int, int, str, str]]:
        hits = sorted(((end + 1 - len(name), end + 1) for end, name in self._places().iter(text)),
                      key=lambda x: (x[0], -x[1]))
        out, last = [], -1
        for s, e in hits:  # leftmost-longest
            if s >= last:
                out.append((s, e, "Place", "gazetteer"))
                last = e
        return out

    def _lexicon_cuts(self, text: str) -> list[tuple[int, int]]:
        """Where a Chinese lexicon name sits inside a longer word (上海 in 上海地区)."""
        if self._automaton is None:
            return []
        hits = sorted(((end + 1 - len(form), end + 1) for end, form in self._automaton.iter(text)),
                      key=lambda x: (x[0], -x[1]))
        chosen, last = [], -1
        for s, e in hits:  # leftmost-longest: 阿里云, not 阿里 + 云
            if s >= last:
                chosen.append((s, e))
                last = e
        return chosen

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        english = not has_cjk(text)
        spans = []
        if not english:
            spans += _person_candidates(text) + _person_lists(text) + _org_candidates(text, self._known)
            spans += self._cjk_places(text)
        spans += _latin_candidates(text, english=english) + _first_person(text, english=english)
        known = self._lexicon_cuts(text)
        split_tokens(doc, [(s, e) for s, e, _, _ in spans] + known)
        # a lexicon name jieba split (英|伟达) becomes one token again, as in the ruler's patterns
        with doc.retokenize() as retok:
            for s, e in known:
                span = doc.char_span(s, e)
                crossing = any(a < s < b < e or s < a < e < b for a, b, _, _ in spans)
                if span is not None and len(span) > 1 and not crossing:
                    retok.merge(span)
        group = []
        for start, end, label, rule in sorted(set(spans)):
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in known):
                continue  # inside a lexicon name (北京 in 北京大学)
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is not None:
                span.id_ = rule
                group.append(span)
        doc.spans["discovered"] = group
        return doc


def split_tokens(doc: Doc, cuts: list[tuple[int, int]]) -> None:
    """Split tokens so that every cut offset falls on a token boundary."""
    points = sorted({p for s, e in cuts for p in (s, e)})
    splits = []
    for token in doc:
        inner = [p - token.idx for p in points if token.idx < p < token.idx + len(token.text)]
        if inner:
            bounds = [0, *inner, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            splits.append((token, orths))
    if not splits:
        return
    with doc.retokenize() as retok:
        for token, orths in splits:
            heads = [(token, 0)] * len(orths)
            retok.split(token, orths, heads=heads)


@Language.factory("kg_candidates")
def make_candidates(nlp: Language, name: str) -> Candidates:
    return Candidates(nlp, name)


@Language.component("kg_resolve")
def resolve(doc: Doc) -> Doc:
    """Choose entities for `doc.ents`: longest first, a lexicon match before a discovered name.

    A discovered name may contain a lexicon match only when it is an
    organisation ("AWS Shanghai AI Lab" over "AWS"); entities from the lexicon
    carry its id as `kb_id_`, discovered ones the rule that found them as `id_`.
    """
    lexicon = [(s, True) for s in doc.spans.get("lexicon", [])]
    discovered = [(s, False) for s in doc.spans.get("discovered", [])]
    ordered = sorted(lexicon + discovered, key=lambda x: (-(x[0].end_char - x[0].start_char), not x[1], x[0].start))
    chosen: list[Span] = []
    taken: set[int] = set()
    for span, known in ordered:
        inside = [l for l, _ in lexicon if l.start >= span.start and l.end <= span.end]
        if not known and span.label_ not in ("Organization", AUTHOR_LABEL) and len(inside) > 1:
            continue  # "Google TensorFlow" is two names; "Azure DevOps", "Megatron-DeepSpeed" are one
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        if known:
            chosen.append(Span(doc, span.start, span.end, label=span.label_, kb_id=span.id_, span_id="lexicon"))
        else:
            chosen.append(Span(doc, span.start, span.end, label=span.label_, span_id=span.id_))
    doc.ents = sorted(chosen, key=lambda s: s.start)
    return doc
