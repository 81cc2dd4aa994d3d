"""Read essay files into `Essay` values: decode, parse markup, mask non-prose, split sentences.

The prose mask is a same-length copy of the text with everything that is not prose (markup, code, URLs,
front matter, footer metadata) blanked to spaces, so offsets into `prose` are offsets into `text`.
Markdown (markdown-it-py) and reStructuredText (docutils) are parsed: only what the parser calls text is shown.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections import Counter
from pathlib import Path, PurePosixPath

import yaml
from docutils import nodes
from docutils.core import publish_doctree
from markdown_it import MarkdownIt

from kg.errors import InputError
from kg.model import Essay, Role, Sentence

SUFFIXES = (".txt", ".md", ".markdown", ".org", ".rst")

Meta = list[tuple[str, object]]  # (lower-case key, raw value), the most authoritative source first
_NOT_NL = re.compile(r"[^\n]")
_LINE = re.compile(r"(?m)^.*$")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.|\bmailto:)[!-~]*[\w/#=&%~+-]"  # not the closing punctuation
                  r"|\b[\w.-]+\.(?:com|org|net|io|edu|cn|dev|ai)/(?:[!-~]*[\w/#=&%~+-])?|" + _EMAIL.pattern, re.A)
_HTML = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|</?[A-Za-z][^>]*>", re.S | re.I)
_FRONT = re.compile(r"(---|\+\+\+)[ \t]*\n(.*?)^(?:\1|\.\.\.)[ \t]*$\n?", re.S | re.M)
_PELICAN = re.compile(r"(?:[A-Za-z][\w-]*:[^\n]*\n)+[ \t]*(?:\n|\Z)")
_LINK_TAIL = re.compile(r"\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])?")
_FOOT_KEYS = {key: field for field, keys in (
    ("author", "author|作者"), ("date", "date|日期"), ("email", "email|e-mail|邮箱|电子邮件"),
    ("license", "license|licence|许可协议|许可"), ("last modified", "last modified|updated|最后修改"),
) for key in keys.split("|")}
_FOOTER = re.compile(r"[*_>:\s-]*(?:(" + "|".join(_FOOT_KEYS) + r")[*_]*\s*[:：]|(licen[sc]ed under))\s*(.+?)[*_\s]*",
                     re.I)
_SIGNATURE = re.compile(r"[*_\s]*(?:[—–-]{1,2}\s*)?(?i:written|posted)\s+(?i:by)\s+(.+?)[*_.\s]*"
                        r"|\s*(?:—{1,2}|--|–)\s*([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}|[\u4e00-\u9fff]{2,4})\s*")
_ORG_KW = re.compile(r"[ \t]*#\+(\w+)\s*:[ \t]*(.*)")
_ORG_BLOCK = re.compile(r"[ \t]*#\+(begin|end)_(\w+)", re.I)
_ORG_HEAD = re.compile(r"(\*+\s+)(?:(?:TODO|DONE)\s+)?(?:\[#.\]\s+)?(.*?)(\s+:[\w@#%:]+:)?\s*")
_ORG_ITEM = re.compile(r"\s*(?:[-+]|\d+[.)])\s+(?:\[[ X-]\]\s+)?")
_ORG_LINK = re.compile(r"\[\[([^\]]*)\](?:\[([^\]]*)\])?\]")
_ORG_EMPH = re.compile(r"(?<![\w\\])([*/_+=~])(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CLOSE = "”’」』）)\"'》】"
_BREAK = re.compile(  # a period ends a sentence before a capital, digit or CJK character, or at the end
    rf"(?:……|[。！？；!?;]+|\.(?=[{_CLOSE}]*(?:\s+[“‘\"'(（「]*[A-Z0-9\u3400-\u9fff]|\s*$)))[{_CLOSE}]*")
_ABBREV = re.compile(r"(?<![A-Za-z.])(?:(?i:e\.g|i\.e|dr|mrs?|ms|prof|st|vs|etc|jr|sr|no|fig|al|cf|inc|ltd|co|approx)"
                     r"|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])$")  # before a period: e.g. Dr. U.S. J.
_LETTER = re.compile(r"[^\W\d_]")
_TRIM = re.compile(r"\S(?:.*\S)?", re.S)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_MD_ROLES = {"td": Role.TABLE, "th": Role.TABLE, "li": Role.LIST, "blockquote": Role.QUOTE,
             **{f"h{n}": Role.HEADING for n in range(1, 7)}}
_RST_SKIP = tuple(getattr(nodes, n) for n in (
    "literal_block literal comment raw system_message substitution_definition footnote_reference "
    "citation_reference label docinfo field_list image target doctest_block math math_block").split())
_RST_BLOCK = tuple(getattr(nodes, n) for n in "paragraph title subtitle rubric term line attribution caption".split())
_RST_ROLES = {nodes.subtitle: Role.HEADING, nodes.entry: Role.TABLE, nodes.list_item: Role.LIST,
              nodes.block_quote: Role.QUOTE}


class _Mask:
    """A same-length copy of `text` whose characters are shown (copied) or blanked to spaces."""

    def __init__(self, text: str, *, shown: bool) -> None:
        self.text, self.chars = text, list(text if shown else _NOT_NL.sub(" ", text))
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, i: int) -> int:  # the offset of 0-based line `i`; the text length past the end
        return self.starts[i] if i < len(self.starts) else len(self.text)

    def show(self, a: int, b: int) -> None:
        self.chars[a:b] = self.text[a:b]

    def blank(self, a: int, b: int) -> None:
        self.chars[a:b] = _NOT_NL.sub(" ", self.text[a:b])

    def __str__(self) -> str:
        return "".join(self.chars)


def find_essays(root: Path) -> list[Path]:
    """List the essay files under `root`, recursively, skipping hidden files and folders.

    Args:
        root: the essays folder.

    Returns:
        Every `.txt`, `.md`, `.markdown`, `.org` and `.rst` file, sorted by relative path.

    >>> find_essays(Path("essays"))  # doctest: +SKIP
    [PosixPath('essays/seize-the-day.txt')]
    """
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, f) for f in files if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _without_suffix(rel: str) -> str:
    return rel[: len(rel) - len(PurePosixPath(rel).suffix)]


def essay_ids(paths: list[Path], root: Path) -> dict[Path, str]:
    """Give each essay a stable id: its relative posix path without the extension.

    Args:
        paths: essay files under `root` (e.g. from `find_essays`).
        root: the essays folder.

    Returns:
        `{path: id}`; files that differ only by extension keep it (`post.md`, `post.txt`).

    >>> essay_ids([Path("e/blog/post.md")], Path("e"))
    {PosixPath('e/blog/post.md'): 'blog/post'}
    """
    rels = {p: p.relative_to(root).as_posix() for p in paths}
    counts = Counter(_without_suffix(r) for r in rels.values())
    return {p: r if counts[_without_suffix(r)] > 1 else _without_suffix(r) for p, r in rels.items()}


def read_essay(path: Path, root: Path, *, essay_id: str | None = None) -> Essay:
    """Read one essay file: decode it, mask what is not prose, take its metadata, split sentences.

    Args:
        path: the essay file (`.txt`, `.md`, `.markdown`, `.org` or `.rst`).
        root: the essays folder; `Essay.path` is relative to it.
        essay_id: the id to use (default: the relative path without extension).

    Returns:
        The `Essay`; every offset (sentences, prose) points into `Essay.text`.

    Raises:
        InputError: the file is not UTF-8 text, is empty, or has broken front matter.

    >>> read_essay(Path("essays/seize-the-day.txt"), Path("essays")).author  # doctest: +SKIP
    'Zihao Ye'
    """
    rel = path.relative_to(root).as_posix()
    name = f"{root.name}/{rel}" if root.name else rel
    text, kind = _decode(path.read_bytes(), name), path.suffix.lower()
    mask = _Mask(text, shown=kind in (".txt", ".org"))
    if kind in (".md", ".markdown", ".txt") and len(_RST_MARKS.findall(text)) >= 3:
        kind = ".rst"  # reStructuredText under another name (a README.md written in RST)
        mask = _Mask(text, shown=False)
    parse = {".md": _markdown, ".markdown": _markdown, ".rst": _rst, ".org": _org}.get(kind, _plain)
    segs, title_idx, meta = parse(text, mask, name)
    meta += _footer(text, mask)
    meta += _byline(text, mask)
    for m in _URL.finditer(str(mask)):
        mask.blank(*m.span())
    if kind in (".md", ".markdown"):  # HTML tags the parser left inside tables and inline text
        for m in _HTML.finditer(str(mask)):
            mask.blank(*m.span())
    if kind != ".rst":  # reStructuredText substitutions (|badge|) left in other formats are markup
        for m in _SUBSTITUTION.finditer(str(mask)):
            mask.blank(*m.span())
    prose, title = str(mask), _first(meta, "title")
    if title_idx is not None and (title is None or kind == ".rst"):
        segs[title_idx][2] = Role.TITLE
        title = " ".join(prose[segs[title_idx][0]:segs[title_idx][1]].split())
    title = title or next((" ".join(line.split()) for line in prose.split("\n") if line.strip()), None)
    author, aliases, email = _person(_first(meta, "author", "authors"))
    email = _EMAIL.search(_text(_first(meta, "email", "e-mail", "mail", "contact") or email))
    cjk, latin = len(_CJK.findall(prose)), len(_LATIN.findall(prose))
    return Essay(
        id=essay_id or _without_suffix(rel), path=rel, text=text, prose=prose,
        sentences=_sentences(text, prose, segs), language="zh" if cjk and cjk >= 0.15 * (cjk + latin) else "en",
        title=_text(title) or None, author=author, author_aliases=aliases, email=email and email.group(),
        date=_date(meta, PurePosixPath(rel).name),
        license=_text(_first(meta, "license", "licence")).rstrip(".") or None,
        metadata=tuple(sorted(dict.fromkeys((k, _text(v)) for k, v in meta if _text(v)))))


def _decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (dropping a BOM) and turn CRLF into LF; refuse binary, non-UTF-8 and empty files."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text (byte 0x{raw[err.start]:02x} at {err.start}); "
                         "save it as UTF-8") from None
    if "\x00" in text:
        raise InputError(f"{name}: binary file, not text (NUL byte at {text.index(chr(0))}); remove it from the essays")
    if not text.strip():
        raise InputError(f"{name}: empty file; write the essay or remove the file")
    return text.replace("\r\n", "\n")


def _front_matter(text: str, name: str) -> tuple[int, Meta]:
    """Find a YAML/TOML front matter or Pelican header block; return where it ends and its fields."""
    if m := _FRONT.match(text):
        kind = "YAML" if m[1] == "---" else "TOML"
        try:
            data = yaml.safe_load(m[2]) if kind == "YAML" else tomllib.loads(m[2])
        except (yaml.YAMLError, tomllib.TOMLDecodeError) as err:
            raise InputError(f"{name}: front matter is not valid {kind} ({' '.join(str(err).split())}); "
                             f"fix it or remove the {m[1]} block") from None
        if isinstance(data, dict):
            return m.end(), [(str(k).lower(), v) for k, v in data.items()]
    if m := _PELICAN.match(text):
        fields = [(k.strip().lower(), v.strip()) for k, v in (ln.split(":", 1) for ln in m[0].strip().split("\n"))]
        if any(k in ("title", "date", "author", "authors") for k, _ in fields):
            return m.end(), fields
    return 0, []


def _locate(text: str, content: str, cur: int, hi: int):
    """Yield where `content` sits in `text[cur:hi]`, in order: whole, else word by word, else char by char."""
    if content.strip() and (i := text.find(content, cur, hi)) >= 0:
        yield i, i + len(content)
        return
    for word in content.split():
        if (i := text.find(word, cur, min(hi, cur + 400 + len(word)))) >= 0:
            yield i, (cur := i + len(word))
            continue
        for ch in word:  # escapes and entities: `\*` and `&amp;` keep one visible character
            if (i := text.find(ch, cur, min(hi, cur + 12))) >= 0:
                yield i, (cur := i + 1)


def _plain(text: str, mask: _Mask, name: str) -> tuple[list[list], int | None, Meta]:
    """Plain text: paragraphs are the blocks; a first line standing alone is the title."""
    segs = [[m.start(), m.end(), Role.BODY] for m in re.finditer(r"(?m)(?:^.*\S.*(?:\n|\Z))+", text)]
    return segs, 0 if len(segs) > 1 and "\n" not in text[segs[0][0]:segs[0][1]].rstrip() else None, []


def _markdown(text: str, mask: _Mask, name: str) -> tuple[list[list], int | None, Meta]:
    """Show the text runs markdown-it finds; return block segments, the first h1's index, front matter."""
    header_end, meta = _front_matter(text, name)
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    segs, stack, title_idx, cur = [], [], None, 0
    for tok in md.parse(_NOT_NL.sub(" ", text[:header_end]) + text[header_end:]):
        if tok.nesting:
            stack = stack + [tok.tag] if tok.nesting > 0 else stack[:-1]
        if tok.type == "html_block":
            a, b = mask.line(tok.map[0]), mask.line(tok.map[1])
            mask.show(a, b)
            for m in _HTML.finditer(text, a, b):
                mask.blank(*m.span())
            segs.append([a, b, Role.BODY])
        if tok.type != "inline":
            continue
        cur, hi, first, last, autolink = max(cur, mask.line(tok.map[0])), mask.line(tok.map[1]), -1, -1, False
        for child in tok.children or []:
            if child.type == "text" and not autolink:
                for a, b in _locate(text, child.content, cur, hi):
                    mask.show(a, b)
                    first, last, cur = a if first < 0 else first, b, b
            elif child.type in ("code_inline", "html_inline") and (i := text.find(child.content, cur, hi)) >= 0:
                cur = i + len(child.content) + len(child.markup)
            elif child.type == "image" and (i := text.find("![", cur, hi)) >= 0:
                cur = _LINK_TAIL.match(text, j, hi).end() if (j := text.find("]", i, hi)) >= 0 else cur
            elif child.type == "link_close" and (j := text.find(">" if autolink else "]", cur, hi)) >= 0:
                cur = j + 1 if autolink else _LINK_TAIL.match(text, j, hi).end()  # so no later text is found in it
            if child.type in ("link_open", "link_close"):
                autolink = child.type == "link_open" and child.markup == "autolink"
        if first >= 0:
            title_idx = len(segs) if title_idx is None and stack[-1:] == ["h1"] else title_idx
            segs.append([first, last, next((r for t in reversed(stack) if (r := _MD_ROLES.get(t))), Role.BODY)])
    return segs, title_idx, meta


def _rst(text: str, mask: _Mask, name: str) -> tuple[list[list], int | None, Meta]:
    """Show the text nodes docutils finds; return segments, the document title's index, docinfo fields."""
    doc = publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 5, "_disable_config": True,
                                                    "file_insertion_enabled": False, "raw_enabled": False})
    meta: Meta = [(f[0].astext().lower(), f[1].astext()) if isinstance(f, nodes.field) else
                  (f.tagname, [a.astext() for a in f] if isinstance(f, nodes.authors) else f.astext())
                  for info in doc.findall(nodes.docinfo) for f in info.children]
    segs, cur, block, seg, role = [], 0, None, None, Role.BODY
    for node in doc.findall(nodes.Text):
        chain = [node.parent]
        while chain[-1].parent is not None:
            chain.append(chain[-1].parent)
        blk = next((n for n in chain if isinstance(n, _RST_BLOCK)), None)
        if blk is None or any(isinstance(n, _RST_SKIP) for n in chain):
            continue
        content = node.astext()
        if isinstance(node.parent, nodes.problematic):  # an unknown role such as :ref:`Text <target>`
            content = m[1] if (m := re.search(r"`([^`<]*)", content)) else ""
        if blk is not block:  # docutils knows the block's line: start looking there
            block, seg = blk, None
            cur = max(cur, mask.line(max(0, next((n.line for n in chain if n.line), 1) - 3)))
            role = next((r for n in chain if (r := _RST_ROLES.get(type(n)))), Role.BODY)
            if isinstance(blk, nodes.title):
                role = Role.TITLE if isinstance(blk.parent, nodes.document) else Role.HEADING
        for a, b in _locate(text, content, cur, min(len(text), cur + 300 + 2 * len(content))):
            mask.show(a, b)
            if seg is None:
                segs.append(seg := [a, b, role])
            seg[1] = cur = b
    title_idx = next((i for i, seg in enumerate(segs) if seg[2] is Role.TITLE), None)
    return segs, title_idx, meta + ([("title", doc["title"])] if title_idx is not None else [])


def _org(text: str, mask: _Mask, name: str) -> tuple[list[list], int | None, Meta]:
    """Read org line by line: keywords become metadata; code, markers and link targets are blanked."""
    segs, meta, block, seg = [], [], None, None
    for a, b in (m.span() for m in _LINE.finditer(text)):
        line = text[a:b]
        if (m := _ORG_BLOCK.match(line)) or (block and block != "quote"):
            mask.blank(a, b)
            seg, block = None, (m[2].lower() if m[1].lower() == "begin" else None) if m else block
        elif m := _ORG_KW.fullmatch(line):
            meta.append((m[1].lower(), m[2].strip()))
            mask.blank(a, b)
        elif not line.strip() or re.match(r"\s*#(\s|$)|\s*:[\w-]+:|\s*\|[-+]", line):  # comment, drawer, rule
            mask.blank(a, b)
            seg = None
        elif line.startswith("*") and (m := _ORG_HEAD.fullmatch(line)):
            mask.blank(a, a + m.start(2))
            mask.blank(a + m.end(2), b)
            segs.append([a, b, Role.HEADING])
            seg = None
        elif line.lstrip().startswith("|"):  # a table row: every cell is a block
            bars = [a + m.start() for m in re.finditer(r"\|", line)]
            for x, y in zip(bars, bars[1:] + [b]):
                mask.blank(x, x + 1)
                segs.append([x + 1, y, Role.TABLE])
            seg = None
        elif m := _ORG_ITEM.match(line):
            mask.blank(a, a + m.end())
            segs.append(seg := [a, b, Role.LIST])
        elif seg and (seg[2] == (Role.QUOTE if block else Role.BODY) or seg[2] is Role.LIST and line[0].isspace()):
            seg[1] = b
        else:
            segs.append(seg := [a, b, Role.QUOTE if block else Role.BODY])
    for m in (m for a, b, _ in segs for m in _ORG_LINK.finditer(text, a, b)):
        mask.blank(*m.span())
        if m[2]:
            mask.show(*m.span(2))
    prose = str(mask)
    for m in (m for a, b, _ in segs for m in _ORG_EMPH.finditer(prose, a, b)):
        mask.blank(*(m.span() if m[1] in "=~" else m.span(1)))  # =verbatim= and ~code~ go entirely
        mask.blank(m.end() - 1, m.end())
    return segs, 0 if segs and segs[0][2] is Role.HEADING else None, meta


# directives, substitution definitions, link targets and `text <url>`_ references of reStructuredText
_RST_MARKS = re.compile(r"^\.\. (?:[\w-]+::|\|[^|]+\|\s+\w+::|_[^:]+:)|`[^`<]+<[^>]+>`__?", re.M)
_BYLINE = re.compile(r"[*_\s]*(?:(?:Authors?|作者)[*_]*\s*[:：]|Written\s+by)[*_\s]*(\S.{0,60}?)[*_.\s]*", re.I)
_SUBSTITUTION = re.compile(r"\|[A-Za-z][\w .-]{0,40}\|(?:_{1,2})?")


def _byline(text: str, mask: _Mask) -> Meta:
    """An "Author: X" line standing alone among the first lines of the body (a README's byline)."""
    lines = [m.span() for m in _LINE.finditer(text)][:25]
    for i, (a, b) in enumerate(lines):
        blank_around = all(not text[x:y].strip() for x, y in lines[max(0, i - 1):i] + lines[i + 1:i + 2])
        if blank_around and str(mask)[a:b].strip() and (m := _BYLINE.fullmatch(text, a, b)):
            mask.blank(a, b)
            return [("author", m[1])]
    return []


def _footer(text: str, mask: _Mask) -> Meta:
    """Blank the trailing block of `Author:`/`Date:`/`Licensed under` lines and return its fields."""
    found = []
    for a, b in reversed([m.span() for m in _LINE.finditer(text)]):
        if not text[a:b].strip():
            continue
        if sig := _SIGNATURE.fullmatch(text, a, b):  # "— Written by Ana Lee", "—— 张三"
            found.append(("author", sig[1] or sig[2]))
            mask.blank(a, b)
            continue
        if not (m := _FOOTER.fullmatch(text, a, b)):
            break
        found.append((_FOOT_KEYS[m[1].lower()] if m[1] else "license", m[3]))
        mask.blank(a, b)
    return found[::-1]


def _first(meta: Meta, *keys: str) -> object:
    return next((v for k, v in meta if k in keys and v not in (None, "", [])), None)


def _text(value: object) -> str:
    """A metadata value as one string: dates in ISO form, lists joined, mappings as `key=value`."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={_text(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    if isinstance(value, list):
        return ", ".join(map(_text, value))
    return value.isoformat() if isinstance(value, dt.date) else "" if value is None else str(value).strip()


def _person(value: object) -> tuple[str | None, tuple[str, ...], str | None]:
    """Split `expye(Zihao Ye)` or `Zihao Ye <x@y.z>` into (name, aliases, email)."""
    value = value[0] if isinstance(value, list) and value else value
    email, value = (value.get("email"), value.get("name")) if isinstance(value, dict) else (None, value)
    s = _text(value)
    if m := _EMAIL.search(s):
        email, s = email or m.group(), s[:m.start()] + s[m.end():]
    s = re.sub(r"<\s*>|\(\s*\)|mailto:", "", s).strip(" ,;<>")
    if not (m := re.fullmatch(r"(.+?)\s*[(（]\s*(.+?)\s*[)）]", s)):
        return s or None, (), email
    outer, inner = m.groups()
    if " " in outer and " " not in inner:  # `Zihao Ye (expye)`: the handle is the one in brackets
        outer, inner = inner, outer
    return inner, (outer,), email


def _date(meta: Meta, filename: str) -> str | None:
    """ISO date from `date`-like fields, else a `YYYY-MM-DD-` file name, else `Last modified`."""
    for value in (_first(meta, "date", "published", "created"), filename[:11],
                  _first(meta, "last modified", "modified", "updated", "lastmod")):
        if isinstance(value, dt.date):
            return value.isoformat()[:10]
        if m := re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", _text(value)):
            try:
                return dt.date(*map(int, m.groups())).isoformat()
            except ValueError:
                continue
    return None


def _sentences(text: str, prose: str, segs: list[list]) -> tuple[Sentence, ...]:
    """Split each block after sentence-final punctuation; trim whitespace; drop pieces without letters."""
    out = []
    for a, b, role in segs:
        cuts = [m.end() for m in _BREAK.finditer(prose, a, b)
                if m[0][0] != "." or not _ABBREV.search(prose, max(a, m.start() - 20), m.start())]
        for start, end in zip([a, *cuts], [*cuts, b]):
            if (m := _TRIM.search(prose, start, end)) and _LETTER.search(m[0]):
                out.append(Sentence(m.start(), m.end(), text[m.start():m.end()], role))
    return tuple(sorted(dict.fromkeys(out)))
