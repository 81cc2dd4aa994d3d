"""Names across a whole essay: what one sentence cannot tell.

One sense per discourse (a name typed once is typed everywhere), names listed
with a typed name, people opening the items of a Contributors list, software the
essay installs or imports, acronyms and names given in parentheses, short forms
of a full name (Lattner, 周老师), and names that only count when repeated.
"""
from __future__ import annotations

import re
from collections import Counter

from kg.lexicon import fold, has_cjk
from kg.model import (
    AUTHOR_KEY,
    DEFAULT_TYPED,
    EntityType,
    Essay,
    Evidence,
    Mention,
    Predicate,
    RelationCandidate,
)
from kg.names_latin import IDENTIFIER, ROLE_AFTER, camel
from kg.vocab import words, zipf

CONSISTENCY_SCORE = 0.5


def essay_passes(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """The sentence mentions of an essay, completed and corrected by what the whole essay says."""
    mentions = [m for m in mentions if not _names_a_licence(essay.prose, m)]
    mentions = _repeated_weak_names(essay, mentions)
    mentions = _listed_people(essay, mentions)
    mentions += _code_names(essay, mentions)
    mentions += _defined_acronyms(essay, mentions)
    mentions += _names_before_parentheses(essay, mentions)
    mentions += _list_siblings(essay, mentions)
    mentions += _consistency(essay, mentions)
    return _short_names(essay, mentions)


LATIN_NAME = r"[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*(?:\+\+)?"
# list joiners; a bare comma is not one ("CuTe, NVIDIA's layout algebra"), ", and" is
LIST_GLUE = r"\s*(?:/|、|(?:,\s*)?\band\b|(?:,\s*)?\bor\b|和|与|及)\s*"


def _list_siblings(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """Names listed next to a typed name share its type ("Flax and Optax", "LLVM/RISC-V/TVM")."""
    covered = [(m.start, m.end) for m in mentions]
    stop = words().stoplist
    found: list[Mention] = []
    queue = sorted((m for m in mentions if m.key != AUTHOR_KEY and not has_cjk(m.surface)), key=lambda m: m.start)
    sentence_of = {(s.start, s.end) for s in essay.sentences}
    while queue:
        m = queue.pop(0)
        bounds = next(((a, b) for a, b in sentence_of if a <= m.start and m.end <= b), None)
        if bounds is None:
            continue
        after = re.match(LIST_GLUE + f"({LATIN_NAME})", essay.prose[m.end:bounds[1]])
        before = re.search(f"(?<![A-Za-z0-9])({LATIN_NAME})" + LIST_GLUE + "$", essay.prose[bounds[0]:m.start])
        spots = []
        if after:
            spots.append((m.end + after.start(1), m.end + after.end(1)))
        if before:
            spots.append((bounds[0] + before.start(1), bounds[0] + before.end(1)))
        for s, e in spots:
            name = essay.prose[s:e]
            if not name[:1].isupper() and not any(c.isupper() for c in name[1:]) or name in stop:
                continue
            if IDENTIFIER.fullmatch(name) or re.search(r"-[a-z]+$", name) or (zipf(name) >= 4.0 and not camel(name)):
                continue  # code, a compound noun ("Python-NLP", "pretraining-dataset") or a common word
            if any(a < e and s < b for a, b in covered):
                continue
            sibling = Mention(s, e, name, name, m.type, "list", round(min(m.score, 0.6), 3))
            covered.append((s, e))
            found.append(sibling)
            queue.append(sibling)
    return found


PEOPLE_HEADING = re.compile(r"contribut|authors?|maintainers?|core (?:team|developers)|developers|team|credits|"
                            r"acknowledg|thanks|贡献者|貢獻者|作者|维护者|維護者|开发者|開發者|团队|團隊|致谢|致謝|鸣谢|感谢",
                            re.I)
ITEM_NAME = re.compile(r"\s*([^\s:：,，(（][^:：,，(（\n]{0,40}?)\s*(?:[:：,，(（]|$)")


def _listed_people(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """The names that open the items of a Contributors / Authors / 致谢 list are people.

    "* [BYVoid](...)", "- Ray: 提出修改…", "- 佛振": under such a heading the item
    starts with a person's name or handle; a name typed only by default takes it.
    """
    found: list[Mention] = []
    heading = ""
    for sentence in essay.sentences:
        role = str(sentence.role)
        if role in ("title", "heading"):
            heading = sentence.text
            continue
        if role not in ("list", "table") or not PEOPLE_HEADING.search(heading):
            continue
        m = ITEM_NAME.match(essay.prose, sentence.start, sentence.end)
        if not m or not _name_like(m[1]):
            continue
        s, e = m.span(1)
        found.append(Mention(s, e, essay.text[s:e], essay.text[s:e], EntityType.PERSON, "listed-name", 0.6))
    if not found:
        return mentions
    spans = [(f.start, f.end) for f in found]
    kept = [m for m in mentions
            if not (m.method in DEFAULT_TYPED and any(a <= m.start and m.end <= b for a, b in spans))]
    covered = [(m.start, m.end) for m in kept]
    return kept + [f for f in found if not any(a < f.end and f.start < b for a, b in covered)]


def _name_like(chunk: str) -> bool:
    """A person's name or handle: 2-4 Chinese characters, a handle, or 1-4 capitalised words."""
    chunk = chunk.strip()
    if has_cjk(chunk):
        return 2 <= len(chunk) <= 4 and all("\u3400" <= c <= "\u9fff" for c in chunk) and not _common_zh_word(chunk)
    parts = chunk.split()
    if len(parts) == 1:
        return bool(re.fullmatch(r"[A-Za-z][\w.-]{1,29}", chunk)) and zipf(chunk) < 3.5
    return 2 <= len(parts) <= 4 and all(re.fullmatch(r"[A-Z][\w.'-]*|[a-z]{1,3}", p) for p in parts) \
        and parts[0][:1].isupper() and parts[-1][:1].isupper()


INSTALL = re.compile(r"(?:pip3?|conda|mamba|uv pip|pipx|npm|yarn|cargo|brew|gem|go)\s+(?:install|add|get)\s+"
                     r"(?:-[-\w]+\s+)*([A-Za-z][\w.-]*)"
                     r"|^\s*(?:import|from)\s+([A-Za-z_]\w*)"
                     r"|github\.com/[\w.-]+/([\w.-]+?)(?:\.git)?(?=[/#?)\s\]>\"'`]|$)"
                     r"|pypi\.org/project/([\w.-]+)", re.M)


def _code_names(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """Software the essay installs, imports or links on GitHub is a system where the prose names it.

    `pip install tqdm`, `import jieba`, github.com/dmlc/xgboost: these sit in code
    or URLs (never mentions themselves), but tell that the lower-case "tqdm" in
    the prose is a name. Ordinary English words are left alone.
    """
    names = set()
    for m in INSTALL.finditer(essay.text):
        name = next(g for g in m.groups() if g)
        name = re.split(r"[\[=<>~!]", name)[0].strip(".-")
        if len(name) >= 3 and zipf(name.replace("-", " ")) < 3.5 and name.lower() not in words().stoplist:
            names.add(name)
    if not names:
        return []
    covered = [(m.start, m.end) for m in mentions]
    found = []
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) +
                         r")(?![\w-]|\.\w)", re.I)
    for sentence in essay.sentences:
        for m in pattern.finditer(essay.prose, sentence.start, sentence.end):
            s, e = m.span()
            if any(a < e and s < b for a, b in covered):
                continue
            surface = essay.text[s:e]
            canonical = next(n for n in names if n.lower() == surface.lower())
            found.append(Mention(s, e, surface, canonical, EntityType.SYSTEM, "code-name", 0.7))
            covered.append((s, e))
    return found


PAREN_CLOSE_AFTER = re.compile(r"\s*(?:[，,][^）)]{0,30})?[）)]")
ACRONYM_AFTER = re.compile(r"\s*(?:[（(]\s*(?:[^）)]{1,60}?[，,]\s*)?|[，,]\s*)([A-Z][A-Za-z0-9&]{1,9})\s*[）)]")


def _defined_acronyms(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """An acronym defined in parentheses after a name is another name of it: "异构计算实验室（HCL）",
    "University of Washington (UW)". For a Latin name its letters must be the name's initials."""
    covered = [(m.start, m.end) for m in mentions]
    found = []
    for m in mentions:
        if m.type not in (EntityType.ORGANIZATION, EntityType.SYSTEM) or m.key == AUTHOR_KEY:
            continue
        match = ACRONYM_AFTER.match(essay.prose, m.end)
        if not match:
            continue
        acronym, (s, e) = match[1], match.span(1)
        if not acronym.isupper() or any(a < e and s < b for a, b in covered):
            continue
        if has_cjk(m.surface) and match[0].lstrip()[:1] in "，,":
            continue  # "阿里巴巴，IBM）": a list, not a definition
        if not has_cjk(m.surface):
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", m.surface) if w[0].isupper())
            if acronym.rstrip("s") not in (initials, initials[:len(acronym)]) or len(acronym) < 2:
                continue
        found.append(Mention(s, e, acronym, m.name, m.type, "acronym", m.score, m.key))
        covered.append((s, e))
    return found


CJK_BEFORE_PAREN = re.compile(r"([\u3400-\u9fff]{2,12})\s*[（(]\s*$")
CLASS_WORDS = ("公司", "团队", "企业", "厂商", "大厂", "一家", "这家", "创业公司", "实验室的", "的")


def _names_before_parentheses(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """A Chinese name before a Latin one in parentheses names the same thing: 九章智算（Jiuzhang AI）.

    The Chinese name runs back to a function word or a class word (创业公司岚芯科技 -> 岚芯科技).
    """
    w = words()
    covered = [(m.start, m.end) for m in mentions]
    found = []
    for m in mentions:
        if m.key == AUTHOR_KEY or has_cjk(m.surface) or m.type is EntityType.PERSON:
            continue
        before = essay.prose[max(0, m.start - 16):m.start]
        hit = CJK_BEFORE_PAREN.search(before)
        if not hit or not PAREN_CLOSE_AFTER.match(essay.prose, m.end):
            continue
        name = hit[1]
        for cut in CLASS_WORDS:  # the name starts after the last class word
            if cut in name:
                name = name[name.rindex(cut) + len(cut):]
        boundary = max((name.rfind(b) for b in w.zh_boundaries if len(b) == 1), default=-1)
        name = name[boundary + 1:]
        if not 2 <= len(name) <= 8 or _common_zh_word(name):
            continue
        end = m.start - (len(before) - hit.end(1))
        start = end - len(name)
        if any(a < end and start < b for a, b in covered):
            continue
        found.append(Mention(start, end, essay.text[start:end], m.name, m.type, "paren-alias", m.score, m.key))
        covered.append((start, end))
    return found


def _repeated_weak_names(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """Keep a rare capitalised word with no type evidence only when the essay names it twice or more."""
    counts = Counter(m.surface for m in mentions if m.method == "weak-name")
    if not counts:
        return mentions
    def repeated(surface: str) -> bool:
        return len(re.findall(rf"(?<![A-Za-z]){re.escape(surface)}(?![A-Za-z])", essay.prose)) >= 2
    keep = {surface for surface in counts if repeated(surface)}
    return [m for m in mentions if m.method != "weak-name" or m.surface in keep]


LICENCE = re.compile(r"[\s-]*(?:v?\d+(?:\.\d+)*)?\s*(?:license|licence|许可证|许可|协议|开源协议)\b|[\s-]*v?\d+\.\d+", re.I)


LICENCE_NAME = re.compile(r"(?:Creative Commons|CC BY|CC0|GNU (?:General|Lesser|Affero)|[AL]?GPL|BSD|"
                          r"Mozilla Public|MPL|Apache License|MIT License|Unlicense)\b")


def _names_a_licence(prose: str, m: Mention) -> bool:
    """A licence is no entity: "MIT License", "Creative Commons Attribution-ShareAlike", "Apache 2.0"."""
    if re.search(r"\b(?:License|Licence|license|licence)$", m.surface) or LICENCE_NAME.match(m.surface):
        return True
    return m.type is EntityType.ORGANIZATION and LICENCE.match(prose, m.end) is not None


def _short_names(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """Link short forms to the one full name the essay gives: Lattner, Jasmine, 周老师, 启航, Morrow.

    A short form is the first or last word of a person's Latin name, a Chinese
    surname followed by a title, a two-character Chinese given name, or the
    first word of a multi-word organisation name; it links only when exactly
    one full name in the essay has it. It replaces a discovered name, or a
    one-word lexicon match (Ray the framework, when Ray Lin is in the essay).
    """
    w = words()
    keys: dict[str, set[tuple[str, EntityType]]] = {}
    for m in mentions:
        if m.key == AUTHOR_KEY or m.type not in (EntityType.PERSON, EntityType.ORGANIZATION):
            continue
        name, full = m.name, (m.name, m.type)
        latin = not has_cjk(name) and len(name.split()) >= 2
        if m.type is EntityType.ORGANIZATION:
            first = name.split()[0] if latin else ""
            if first and first[:1].isupper() and zipf(first) < 3.0 and first not in w.stoplist:
                keys.setdefault(first, set()).add(full)
        elif latin:
            parts = name.split()
            for part in (parts[0], parts[-1]):
                keys.setdefault(part, set()).add(full)
        elif has_cjk(name) and 3 <= len(name) <= 4:
            sur = name[:2] if name[:2] in w.compound_surnames else name[:1]
            given = name[len(sur):]
            if given in w.honorifics:
                continue
            for title in w.honorifics:
                keys.setdefault(sur + title, set()).add(full)
            if len(given) == 2 and not _common_zh_word(given):
                keys.setdefault(given, set()).add(full)
    unique = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1 and k not in w.stoplist}
    if not unique:
        return mentions

    for i, m in enumerate(mentions):  # "Sergeev, A." cites Alex Sergeev
        if m.method == "citation" and "," in m.surface:
            surname, initials = m.surface.split(",", 1)
            full = unique.get(surname.strip())
            if full and full[1] is EntityType.PERSON and full[0][:1] == initials.strip()[:1]:
                mentions[i] = Mention(m.start, m.end, m.surface, full[0], m.type, m.method, m.score, m.key)

    def replaceable(m: Mention) -> bool:
        if m.surface not in unique or m.name == unique[m.surface][0]:
            return False
        return not m.key or " " not in m.name  # a discovered name, or a one-word lexicon name

    kept = [m for m in mentions if not replaceable(m)]
    covered = [(m.start, m.end) for m in kept]
    out = list(kept)
    pattern = "|".join(re.escape(k) for k in sorted(unique, key=len, reverse=True))
    for sentence in essay.sentences:
        text = essay.prose[sentence.start:sentence.end]
        for match in re.finditer(pattern, text):
            s, e = sentence.start + match.start(), sentence.start + match.end()
            short = match.group()
            if not has_cjk(short) and (text[match.start() - 1:match.start()].isalpha() or text[match.end():match.end() + 1].isalpha()):
                continue  # inside a longer Latin word
            if any(a < e and s < b for a, b in covered):
                continue
            name, etype = unique[short]
            out.append(Mention(s, e, short, name, etype, "short-name", 0.6))
            covered.append((s, e))
    return out


def _common_zh_word(word: str) -> bool:
    from kg.vocab import jieba_tags

    freq, tag = jieba_tags().get(word, (0, ""))
    return freq > 50 and not tag.startswith("nr")


def _consistency(essay: Essay, mentions: list[Mention]) -> list[Mention]:
    """Find other occurrences of discovered names: a name typed once is typed the same everywhere."""
    typed: dict[str, Counter] = {}
    for m in mentions:
        if not m.key and m.method != "consistency" and len(m.surface) >= 2:
            typed.setdefault(m.surface, Counter())[m.type] += m.score
    if not typed:
        return []
    covered = [(m.start, m.end) for m in mentions]
    stop = words().stoplist
    found = []
    for surface, votes in sorted(typed.items()):
        if surface in stop:
            continue
        etype = max(sorted(votes), key=lambda t: votes[t])
        bound = "" if has_cjk(surface) else r"(?<![A-Za-z0-9])"
        end_bound = "" if has_cjk(surface) else r"(?![A-Za-z0-9])"
        for match in re.finditer(bound + re.escape(surface) + end_bound, essay.prose):
            s, e = match.span()
            if any(a < e and s < b for a, b in covered):
                continue
            if not any(sent.start <= s and e <= sent.end for sent in essay.sentences):
                continue
            found.append(Mention(s, e, surface, surface, etype, "consistency", CONSISTENCY_SCORE))
            covered.append((s, e))
    return found


CONTRIBUTOR_HEADING = re.compile(r"contributors?|authors?|maintainers?|core (?:team|developers)|developers|"
                                 r"team|credits|贡献者|貢獻者|作者|维护者|維護者|开发者|開發者|开发团队|開發團隊|团队|團隊",
                                 re.I)
COPYRIGHT = re.compile(r"(?:copyright|\(c\)|©)", re.I)


def main_system(essay: Essay, mentions: list[Mention]) -> Mention | None:
    """What a README is about: the system its title names, else the system it names most (3+ times)."""
    systems = [m for m in mentions if m.type is EntityType.SYSTEM and m.key != AUTHOR_KEY]
    titles = [s for s in essay.sentences if str(s.role) in ("title", "heading")][:1]
    for t in titles:
        named = [m for m in systems if t.start <= m.start and m.end <= t.end]
        if named:
            return named[0]
    counts: dict[str, list[Mention]] = {}
    for m in systems:
        counts.setdefault(fold(m.name), []).append(m)
    best = max(sorted(counts.values(), key=lambda ms: ms[0].start), key=len, default=[])
    return best[0] if len(best) >= 3 else None


def document_relations(essay: Essay, mentions: list[Mention]) -> list[RelationCandidate]:
    """Relations a document's structure states: the people listed under "Contributors" or
    "Authors" (and the holder of a copyright notice) develop what the document is about."""
    main = main_system(essay, mentions)
    if main is None:
        return []
    found, heading = [], ""
    for sentence in essay.sentences:
        role = str(sentence.role)
        if role in ("title", "heading"):
            heading = sentence.text
            continue
        listed = CONTRIBUTOR_HEADING.search(heading) and role in ("list", "body", "table")
        copyright_ = COPYRIGHT.search(sentence.text)
        roles = [m for m in mentions if m.type is EntityType.PERSON and sentence.start <= m.start < sentence.end
                 and ROLE_AFTER.match(essay.prose, m.end)]  # "Alex Sergeev, original author"
        if not (listed or copyright_ or roles):
            continue
        evidence = Evidence(essay.id, sentence.text, sentence.start, sentence.end)
        for m in mentions:
            if not (sentence.start <= m.start and m.end <= sentence.end) or m.key == AUTHOR_KEY:
                continue
            if (m.type is EntityType.PERSON and (listed or copyright_ or m in roles)) or \
                    (copyright_ and m.type is EntityType.ORGANIZATION):
                method = "document:contributors" if listed else "document:copyright" if copyright_ else "document:role"
                found.append(RelationCandidate(main, Predicate.DEVELOPED_BY, m, evidence, method, 0.6))
    return found
