"""Names in Latin script that no lexicon knows: capitalised runs, CamelCase, acronyms,
romanised Chinese and Western person names, places from the gazetteer; each typed from
its shape and the words around it. Works on English text and on Latin names inside Chinese."""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import has_cjk
from kg.vocab import given_names, last_names, words, zipf

CJK = "\u3400-\u9fff\uf900-\ufaff"
L = "A-Za-zÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ"  # Latin letters, accented ones included (Dvořák)
LATIN_WORD = rf"(?:[A-Z]\.(?=\s+[A-Z])|(?:[{L}]|\d+[A-Z])[{L}0-9]*(?:[-.+][{L}0-9]+)*(?:\+\+|#)?)"  # C. (initial), 1X
LATIN_RUN = re.compile(rf"(?<![{L}0-9_@.\-]){LATIN_WORD}(?:(?:[ ]*\n?[ ]+|[ ]*\n[ ]*|[ ]*&[ ]*){LATIN_WORD})*(?![{L}0-9_@])")
# a descriptor hyphenated to a name is not part of it: "MLIR-based", "CUDA-compatible"
DESCRIPTOR = re.compile(r"-(?:based|powered|style|like|compatible|native|specific|aware|friendly|centric|"
                        r"level|driven|enabled|only|free|backed|first|ready|related|heavy|bound)$", re.I)
# words inside a person's name: Casper da Costa-Luis, Ludwig van Beethoven
PARTICLES = frozenset({"da", "de", "del", "della", "der", "den", "di", "do", "dos", "das", "du", "van", "von",
                       "la", "le", "bin", "ibn", "al"})
# identifiers and versions: a dotted or underscored name, v3.0
IDENTIFIER = re.compile(r"[A-Za-z]+(?:[._][A-Za-z0-9]+)+[._]?|[vV]\d+(?:\.\d+)*\w*|[A-Z]?[a-z]+\d+[a-z0-9]*")
INITIAL = re.compile(r"[A-Z]\.")
TIMEZONE = re.compile(r"(?:UTC|GMT)[+-]\d{1,2}(?::\d\d)?")
MODEL_SHAPE = re.compile(r"[A-Za-z]-\d+(?:\.\d+)*[BbMmKk]?$|\d(?:\.\d+)?[BbMm]$")




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


def _alternatives(items, *, cjk: bool | None = None) -> str:
    chosen = [i for i in items if cjk is None or has_cjk(i) == cjk]
    return "|".join(re.escape(i) for i in sorted(chosen, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=1)
def _context_patterns() -> dict[str, re.Pattern]:
    """The context word lists as compiled regular expressions (built once)."""
    w = words()
    return {
        "honorific_after": re.compile(rf"\s*(?:{_alternatives(w.honorifics)})"),
        "verb_after": re.compile(rf"\s*(?:{_alternatives(w.person_verbs)})\b"),
        "title_before": re.compile(rf"\b(?:{_alternatives(w.person_titles)})\s*$"),
        "org_before": re.compile(rf"(?:{_alternatives(w.org_before_en)})\s*$", re.I),
        "org_after": re.compile(rf"\s*(?:{_alternatives(w.org_after_en)})\b", re.I),
        "org_cue_after": re.compile(rf"\s*(?:课题组|小组|组(?![件合成织建装队员])|{_alternatives(w.org_cues, cjk=True)})"
                                    rf"|\s*(?:{_alternatives(w.org_cues, cjk=False)})\b", re.I),
        "system_cjk": re.compile(_alternatives(w.system_cues, cjk=True)),
        "system_latin": re.compile(rf"\b(?:{_alternatives(w.system_cues, cjk=False)})\b", re.I),
    }


def _type_from_context(text: str, start: int, end: int) -> str | None:
    """A type for a name from the words right around it, or None."""
    p = _context_patterns()
    before, after = _around(text, start, end, 14)
    near = before[-12:] + " " + after[:8]
    if p["honorific_after"].match(after):
        return "Person"
    camel_case = any(camel(w) for w in text[start:end].split())
    if not camel_case and (p["verb_after"].match(after) or ROLE_AFTER.match(text, end)) or p["title_before"].search(before):
        return "Person"
    if p["org_before"].search(text, max(0, start - 30), start) or p["org_after"].match(after):
        return "Organization"  # "acquired by X", "X hired"
    if p["org_cue_after"].match(after) or (before.rstrip().endswith("在") and WORK_AFTER.match(after)):
        return "Organization"  # "Catalyst 组", "在 Criteo 工作"
    if p["system_cjk"].search(near) or p["system_latin"].search(near):
        return "System"
    if re.match(r"\s*的\s*[A-Z][A-Za-z]", after):
        return "Organization"  # X 的 Horovod: the owner of a named product
    if m := APPOSITIVE.match(text, end, end + 60):  # "Morrow Compute, a five-person startup in Lausanne"
        return APPOSITIVE_TYPES[m[1].lower()]
    return None


ROLE_AFTER = re.compile(r"\s*[,(]?\s*(?:the\s+)?(?:primary|original|lead|core|main|co-?)?\s*"
                        r"(?:maintainer|author|founder|creator|contributor|developer)s?\b", re.I)
WORK_AFTER = re.compile(r"\s*(?:工作|实习|上班|任职|就职|读博|读书|做研究)")
APPOSITIVE_TYPES = {**{w: "Organization" for w in ("startup", "company", "firm", "lab", "laboratory", "group", "team",
                                                      "university", "nonprofit", "foundation", "vendor", "maker", "institute")},
                    **{w: "System" for w in ("framework", "library", "compiler", "tool", "toolkit", "language", "runtime",
                                             "engine", "project", "dsl", "profiler", "database", "package", "system",
                                             "debugger", "simulator", "product")},
                    **{w: "Person" for w in ("student", "professor", "researcher", "engineer", "founder", "co-founder",
                                             "maintainer", "author", "developer", "scientist", "colleague", "friend")},
                    **{w: "Place" for w in ("city", "town", "capital", "country", "province", "state")}}
APPOSITIVE = re.compile(r"(?:,|,?\s+is|,?\s+was)\s+(?:a|an|the|our|my|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?(" +
                        "|".join(sorted(APPOSITIVE_TYPES, key=len, reverse=True)) + r")\b", re.I)


LOWER_NAME = re.compile(r"(?<![A-Za-z0-9_@./\-])[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*(?![A-Za-z0-9_@])")


def lowercase_names(text: str) -> list[tuple[int, int, str, str]]:
    """Lower-case project names inside Chinese text ("叫 tinyattn 的库"): rare words with a system cue."""
    found = []
    for m in LOWER_NAME.finditer(text):
        word = m.group()
        if "_" in word or any(c.isdigit() for c in word):
            continue  # people2014corpus_chars: an identifier
        pieces = re.split(r"[-_]", word)
        if len(word) < 3 or any(zipf(p) >= 4.0 for p in pieces) or not any(zipf(p) < 2.5 for p in pieces):
            continue  # profile, kernel-level, auto-scheduler: ordinary English
        if _type_from_context(text, m.start(), m.end()) == "System":
            found.append((m.start(), m.end(), "System", "latin-name"))
    return found


CITATION = re.compile(r"\b([A-Z][\w'’-]+)(?=\s+et\s+al\b)"
                      r"|\b([A-Z][a-z'’-]+),\s+(?:[A-Z]\.\s*){1,3}(?=[,;:)]|\s+and\b|\s*\(|$)"
                      r"|[\[(]\s*([A-Z][\w'’-]+|[\u4e00-\u9fff]{2,4})(?:\s+et\s+al\.?)?,\s*(?:19|20)\d\d\s*[\])]")


def citation_names(text: str) -> list[tuple[int, int, str, str]]:
    """Authors in citation forms: "Zhang et al.", "Sergeev, A." (a reference list)."""
    found = []
    for m in CITATION.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        if m.group(g) not in words().stoplist:
            end = m.start() + len(m.group().rstrip()) if g == 2 else m.end(g)
            found.append((m.start(g), end, "Person", "citation"))
    return found


def latin_candidates(text: str, *, english: bool) -> list[tuple[int, int, str, str]]:
    """(start, end, type, rule) for Latin-script names: CamelCase, acronyms, capitalised runs."""
    w = words()
    found = []
    for run in LATIN_RUN.finditer(text):
        tokens = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"&|[^\s&]+", run.group())]
        tokens = [(s, e) for s, e in tokens if not TIMEZONE.fullmatch(text[s:e])]
        tokens = [(s, e - (len(m[0]) if (m := DESCRIPTOR.search(text[s:e])) else 0)) for s, e in tokens]
        # split the run into stretches of name-like words, joined by connectors
        groups: list[list[tuple[int, int]]] = [[]]
        for s, e in tokens:
            tok = text[s:e]
            # a name starts upper-case or is CamelCase (cuDNN, vLLM); char2word, v3.0, cws.f1 are code
            namey = (tok[:1].isupper() or any(c.isupper() for c in tok[1:])) and not IDENTIFIER.fullmatch(tok)
            namey = namey or bool(re.fullmatch(r"\d+[A-Z][A-Za-z]*", tok))  # 1X Technologies
            if namey:
                groups[-1].append((s, e))
            elif (tok in w.org_connectors or tok in PARTICLES) and groups[-1]:
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
    org = any(p.rstrip(".") in w.org_words for p in parts) or parts[:1] in (["University"], ["Institute"])
    pieces, piece = [], []
    for span, part in zip(group, parts):
        # inside an organisation's name a connector joins ("Bank of America", "LF AI & Data Foundation")
        # unless what comes before it is a person ("Mei Ling Ong of Quokka Systems")
        joins = org and part != "and" and not _person_shape([text[s:e] for s, e in piece])
        if part in PARTICLES and part not in w.org_connectors:
            piece.append(span)  # kept; _person_shape accepts it inside a name, else the name is split below
            continue
        if part in w.org_connectors and not joins:
            pieces.append(piece)
            piece = []
        else:
            piece.append(span)
    pieces.append(piece)
    out = []
    for piece in list(pieces):
        words_ = [text[s:e] for s, e in piece]
        if any(x in PARTICLES for x in words_) and not _person_shape(words_) and \
                _type_from_context(text, piece[0][0], piece[-1][1]) != "Person":
            # not a person: the particle separates two names
            pieces.remove(piece)
            cut = [[]]
            for span, x in zip(piece, words_):
                if x in PARTICLES:
                    cut.append([])
                else:
                    cut[-1].append(span)
            pieces.extend(c for c in cut if c)
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
    if len(parts) > 1 and not _person_shape(parts) and not any(p in given_names() for p in parts[1:]) and all(
            zipf(p) >= 3.0 or _common_compound(p) or p.lower() in w.org_connectors for p in parts) \
            and not any(camel(p) for p in parts) and not _type_from_context(text, group[0][0], group[-1][1]):
        return []  # "Tile-Centric Scheduling", "Deep Learning": a phrase in title case, not a name
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
    camel_case = any(camel(p) for p in parts) or any(c.isdigit() for p in parts for c in p)
    if all(zipf(p) >= 4.0 or p.lower() in w.org_connectors or _common_compound(p) for p in parts) and not (context or camel_case):
        return []  # "Deep Learning", "Tile-Centric Scheduling": capitalised words, not a name
    if any(re.search(r"-[a-z]+$", p) for p in parts):
        return []  # "KV-cache", "multi-head": a compound noun
    if len(parts) == 1:
        word, common = parts[0], zipf(parts[0])
        if word[:1].isdigit():
            return []  # 3D, 5G: a number-led word is a name only inside a longer one (1X Technologies)
        if MODEL_SHAPE.search(word):
            return []  # GPT-5, ResNet-152, Qwen-7B: model names and versions, not systems
        if at_start and common >= 4.5 and not shaped:
            return []  # "Every backend is forever": capitalised by position
        if (at_start and common >= 3.5 or not english and common >= 4.0) and not context and not shaped:
            return []  # "Seize the day": capitalised by position
        if word.isupper() and len(word) <= 5 and not context:
            # AGI, SSA, CLA: unknown short acronyms are mostly generic terms; a longer one the essay
            # repeats (IREE) is kept as a name (kg.extract keeps weak names that recur)
            return [(start, end, "System", "weak-name")] if len(word) >= 4 and english else []
        if english and not (context or shaped):
            # a rare capitalised word: a name of something; kept if the essay repeats it (kg.extract)
            return [(start, end, "System", "weak-name")] if common < 2.5 and word[1:].islower() else []
        return [(start, end, context or "System", "latin-name")]
    if context:
        return [(start, end, context, "latin-run")]
    if english:
        if len(parts) in (2, 3) and not shaped and not any(zipf(p) >= 3.0 for p in parts):
            return [(start, end, "Person", "capitalised-run")]
        if shaped and len(parts) <= 3:
            return [(start, end, "System", "latin-run")]  # "GitHub Actions", "Azure DevOps"
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


def camel(word: str) -> bool:
    """An upper-case letter inside a word, not just after a hyphen: CuTe, GitHub (not Tile-Centric)."""
    return any(c.isupper() and word[i - 1] != "-" for i, c in enumerate(word) if i > 0)


def _common_compound(word: str) -> bool:
    """A hyphenated word made of common words ("Tile-Centric", "Whole-Graph")."""
    pieces = word.split("-")
    return len(pieces) > 1 and all(p.isalpha() and p[1:].islower() and zipf(p) >= 3.0 for p in pieces)


def _is_class_word(word: str) -> bool:
    stop = words().stoplist
    return word in stop or (word.endswith("s") and word[:-1] in stop and word[:-1].isupper())


def _person_shape(parts: list[str]) -> str | None:
    """The rule that makes 2-4 capitalised words a person's name, or None (particles like "da" allowed inside)."""
    if parts and 2 < len(parts) and any(p in PARTICLES or INITIAL.fullmatch(p) for p in parts[1:-1]):
        parts = [p for p in parts if p not in PARTICLES and not INITIAL.fullmatch(p)]  # Zachary C. Lipton
    if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() and p.replace("-", "").isalpha() for p in parts):
        return None
    # an upper-case pinyin surname is a surname (LI Daobing, Qichuan ZHANG); any other acronym is no name
    parts = [p.title() if p.isupper() and p.lower() in words().pinyin_surnames else p for p in parts]
    if any(len(p) > 1 and p.isupper() for p in parts):
        return None
    first_ok = all(piece[1:].islower() for piece in parts[0].split("-"))  # Wen-Hsuan, Ji-woo
    if romanised_chinese_name(parts):
        return "pinyin-name"
    if parts[-1] not in last_names() and parts[-1].lower() not in words().pinyin_surnames and zipf(parts[-1]) >= 4.0:
        return None  # "Erasmus Bridge": a common noun last is no family name
    if parts[0] in given_names():
        return "given-name"
    if first_ok and zipf(parts[0]) < 4.0 and parts[0] not in words().stoplist:
        if parts[-1].lower() in words().pinyin_surnames:
            return "given-name"  # Kevin Wang, Jasmine Koh, Mei Ling Ong
        first = zipf(parts[0].replace("-", ""))
        if parts[-1] in last_names() and (first < 1.5 or first < 3.0 and zipf(parts[-1]) < 4.0):
            return "given-name"  # Maxime Laurent, Ji-woo Park (not "Tensor Core")
    return None


def _ends_with_title(before: str) -> bool:
    """True when text ends with a title or abbreviation whose dot ends no sentence (Prof., Dr.)."""
    last = before.split()[-1] if before.split() else ""
    return last in words().person_titles or last in ("St.", "Mt.", "vs.", "e.g.", "i.e.", "No.")
