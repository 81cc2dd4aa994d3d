"""Chinese names that no lexicon knows: people (surname + given name, confirmed by a title,
a role, thanks, a list or jieba's `nr` tag) and organisations (a name-like run of words
before a suffix such as 大学, 实验室, 公司)."""
from __future__ import annotations

import re

from kg.lexicon import has_cjk
from kg.names_latin import CJK, L
from kg.vocab import jieba_tags, words, zipf_zh

CJK_RUN = re.compile(f"[{CJK}]+")
# characters that end a name rather than belong to a given name (一 and 家 do belong: 一鸣, 家豪)
NOT_IN_GIVEN_NAMES = frozenset("的在和与是了等及或从到去来被把对向给让这那个们每某该我你他她它也都就还又而但")
# a name followed by its affiliation in parentheses: 黄珂（上海交通大学）, 冯晓彤（中科院计算所）
AFFILIATION = re.compile("\\s*[（(][^）)]{0,30}?(?:大学|学院|研究院|研究所|计算所|实验室|公司|集团|中心|团队|"
                         "University|Institute|Lab|Labs|Inc|[A-Z][A-Za-z]+)\\s*[）)]")


def _is_word(s: str) -> bool:
    return s in jieba_tags()


def person_candidates(text: str) -> list[tuple[int, int, str, str]]:
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
                    if end > len(chunk) or any(c in NOT_IN_GIVEN_NAMES for c in name[sur_len:]):
                        continue
                    if name in w.honorifics or any(name[sur_len:].startswith(h[:given]) for h in w.honorifics) or \
                            any(name[sur_len:].startswith(c) for c in w.person_after):
                        continue  # 周老师, 陆老师常说: a surname and a title or a verb, not a full name
                    after, before = text[s0 + end:], chunk[:i]
                    if given == 2 and any((name[-1] + after).startswith(c) for c in w.person_after + w.honorifics):
                        continue  # 李沐所说: the cue starts inside the longer name
                    freq, tag = jieba_tags().get(name, (0, ""))
                    common = _is_word(name) and not tag.startswith("nr") and freq >= 3  # 许可证 is a word
                    g_freq, g_tag = jieba_tags().get(name[sur_len:], (0, ""))
                    common = common or (given == 2 and g_freq > 2000 and not g_tag.startswith("nr"))
                    if any(after.startswith(h) for h in w.honorifics) and not common:
                        found.append((s0 + i, s0 + end, "Person", "zh-title"))
                    elif tag in ("nr", "nrfg") and len(name) == 3 and freq < 500 and g_freq <= 2000 \
                            and zipf_zh(name) < 3.5:  # jieba tags 许可证 nr; wordfreq knows it as a word
                        found.append((s0 + i, s0 + end, "Person", "zh-nr"))
                    elif (any(after.startswith(c) for c in w.person_after) and not _is_word(name)
                          and (any(before.endswith(c) for c in w.person_before) or re.match("(说|表示|指出|写道)[:：]", after))):
                        found.append((s0 + i, s0 + end, "Person", "zh-cue"))
                    elif not common and (_ends_name(after) or given == 2) and _role_before(text[:s0 + i]):
                        found.append((s0 + i, s0 + end, "Person", "zh-role"))
                    elif not common and re.search(f"[{L}] ?[（(]$", text[:s0 + i]) and after[:1] in ("）", ")"):
                        found.append((s0 + i, s0 + end, "Person", "zh-role"))  # Leo（张乐）
                    elif not common and AFFILIATION.match(after) and (i == 0 or chunk[i - 1] in w.zh_boundaries):
                        found.append((s0 + i, s0 + end, "Person", "zh-role"))  # 黄珂（上海交通大学）
                    else:
                        continue
                    break
    return found


def _ends_name(after: str) -> bool:
    """True when a Chinese name can end here: punctuation, a function word, a list joiner or Latin text."""
    if not after or not re.match(f"[{CJK}]", after[0]):
        return True
    w = words()
    return after[0] in w.zh_boundaries or after[0] in "和与及跟同" or any(after.startswith(h) for h in w.honorifics) \
        or any(after.startswith(c) for c in w.person_after)


def _role_before(before: str) -> bool:
    """True when the text before a name ends with a role or thanks (合作者, 感谢, maintainer, PAI 团队的)."""
    tail = before.rstrip(" :：")
    return any(tail.endswith(r) if has_cjk(r) else re.search(rf"\b{re.escape(r)}$", tail) is not None
               for r in words().person_roles)


LIST_AFTER = re.compile(r"(等|们|[一二两三四五六七八九十几多诸各]位|同学|老师|师兄|师姐|学长|学姐|同事|教授|博士)")
LIST_BEFORE = ("感谢", "致谢", "谢谢", "感激", "鸣谢", "以及", "同事", "朋友", "同学", "老师", "师兄", "师姐", "导师", "教授")


def person_lists(text: str) -> list[tuple[int, int, str, str]]:
    """Chinese names listed together after thanks or before a count (感谢黄文博、李一鸣和王芳三位同事)."""
    w = words()
    sur = "".join(sorted(w.surnames))
    stop = r"(?=[、和与及，,。；;！!：:\s]|$|" + LIST_AFTER.pattern[1:-1] + ")"
    item = f"[{sur}][{CJK}]{{1,2}}?{stop}"
    found = []
    for m in re.finditer(f"(?:{item})(?:[、和与及](?:{item}))+", text):
        pieces = [(p.start() + m.start(), p.end() + m.start()) for p in re.finditer("[^、和与及]+", m.group())]
        names = [text[a:b] for a, b in pieces]
        cued = text[:m.start()].endswith(LIST_BEFORE) or _role_before(text[:m.start()]) or LIST_AFTER.match(text, m.end())
        if not cued or not all(2 <= len(n) <= 3 for n in names):
            continue
        if any(n[1:] in w.honorifics or n in w.honorifics or n[1:2] in ("老", "总") for n in names):
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


def org_candidates(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int, str, str]]:
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
                elif piece in w.zh_boundaries or (piece in tags and tag not in NAME_PART_TAGS) or len(kept) >= 4 \
                        or piece.endswith(("公司", "团队", "企业", "厂商", "大厂")):
                    break  # a class word (创业公司岚芯科技): the name starts after it
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
