"""Tests for kg.ingest: the prose mask, metadata, ids and sentence splitting."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import essay_ids, find_essays, read_essay
from kg.model import Essay, Role

SAMPLE = Path(__file__).resolve().parents[1] / "essays" / "seize-the-day.txt"


def check_mask(essay: Essay) -> None:
    """The prose mask is as long as the text and only ever blanks characters."""
    assert len(essay.prose) == len(essay.text)
    for i, (p, t) in enumerate(zip(essay.prose, essay.text)):
        assert p == " " or p == t, (i, p, t)
        assert (t == "\n") == (p == "\n"), i
    for s in essay.sentences:
        assert essay.text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def write(tmp_path: Path, name: str, content: str | bytes) -> Essay:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    essay = read_essay(path, tmp_path)
    check_mask(essay)
    return essay


def texts(essay: Essay) -> list[str]:
    return [s.text for s in essay.sentences]


# --- the sample essay ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Essay:
    root = tmp_path_factory.mktemp("essays")
    shutil.copy(SAMPLE, root / "seize-the-day.txt")
    essay = read_essay(root / "seize-the-day.txt", root)
    check_mask(essay)
    return essay


@pytest.mark.parametrize(("field", "expected"), [
    ("id", "seize-the-day"), ("path", "seize-the-day.txt"), ("author", "Zihao Ye"),
    ("author_aliases", ("expye",)), ("email", "expye@outlook.com"), ("date", "2021-03-22"),
    ("license", "CC BY-NC 4.0"), ("title", "Seize the day"), ("language", "zh"),
])
def test_sample_essay_fields(sample: Essay, field: str, expected: object) -> None:
    assert getattr(sample, field) == expected


def test_sample_footer_is_metadata_not_prose(sample: Essay) -> None:
    assert not any("expye@outlook.com" in s or "Licensed" in s or "Author" in s for s in texts(sample))
    assert "expye" not in sample.prose and "2024-07-04" not in sample.prose
    assert ("last modified", "2024-07-04 Thu 10:35") in sample.metadata
    assert list(sample.metadata) == sorted(sample.metadata)


def test_sample_sentences_split_at_real_boundaries(sample: Essay) -> None:
    found = texts(sample)
    assert sample.sentences[0].text == "Seize the day" and sample.sentences[0].role is Role.TITLE
    assert "如陈大岳老师所言" in found
    assert "但人终究是流动的,我很骄傲曾经是 AWS Shanghai AI Lab 的一员,也坚信延续当前的模式下去,这里未来会成为上海地区顶尖的 AI 研发中心。" in found
    assert "由于国内经济的快速发展,你去国几年将付出极高的机会成本;" in found
    assert found[-1] == "属于我自己的时间,开始了。"
    assert all(s.role is Role.BODY for s in sample.sentences[1:])


# --- front matter and headers -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "expected"), [
    ("yaml.md", "---\ntitle: Hello World\nauthor: Zihao Ye <z@y.org>\ndate: 2020-05-01\ntags: [a, b]\n---\n\nBody text here.\n",
     {"title": "Hello World", "author": "Zihao Ye", "email": "z@y.org", "date": "2020-05-01"}),
    ("toml.md", '+++\ntitle = "Toml Post"\ndate = 2019-01-02T10:00:00Z\nauthors = ["Ann Lee", "Bob"]\n+++\n\nBody.\n',
     {"title": "Toml Post", "author": "Ann Lee", "date": "2019-01-02"}),
    ("pelican.md", "Title: My Pelican\nDate: 2018-07-08 10:20\nAuthor: expye（Zihao Ye）\nTags: x\n\nBody text.\n",
     {"title": "My Pelican", "author": "Zihao Ye", "author_aliases": ("expye",), "date": "2018-07-08"}),
    ("dict.md", "---\nauthor:\n  name: Ann Lee\n  email: ann@lee.io\nlicense: CC BY 4.0\n---\n# Heading One\n\nText.\n",
     {"title": "Heading One", "author": "Ann Lee", "email": "ann@lee.io", "license": "CC BY 4.0"}),
    ("2021-03-22-foo.md", "# Foo\n\nText.\n", {"date": "2021-03-22", "title": "Foo"}),
    ("notes.txt", "just one line of text\n", {"date": None, "title": "just one line of text", "author": None}),
    ("cn.txt", "题目\n\n正文在这里。\n\n作者：张三\n邮箱：zs@example.cn\n日期：2020年3月5日\n",
     {"author": "张三", "email": "zs@example.cn", "date": "2020-03-05", "title": "题目", "language": "zh"}),
    ("footer.md", "# T\n\nSome prose.\n\n**Author**: Ann Lee\n\nLicense: MIT\n", {"author": "Ann Lee", "license": "MIT"}),
])
def test_metadata_from_headers_and_footers(tmp_path: Path, name: str, content: str, expected: dict) -> None:
    essay = write(tmp_path, name, content)
    for field, value in expected.items():
        assert getattr(essay, field) == value, field


@pytest.mark.parametrize(("content", "hidden"), [
    ("---\ntitle: Secret Title\n---\n\nBody text.\n", "Secret"),
    ('+++\ntitle = "Secret Title"\n+++\n\nBody text.\n', "Secret"),
    ("Title: Secret Title\nDate: 2020-01-01\n\nBody text.\n", "Secret"),
])
def test_front_matter_is_blank_in_prose(tmp_path: Path, content: str, hidden: str) -> None:
    essay = write(tmp_path, "post.md", content)
    assert hidden not in essay.prose and "Body text." in essay.prose
    assert texts(essay) == ["Body text."]


def test_broken_front_matter_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"broken\.md: front matter is not valid YAML"):
        write(tmp_path, "broken.md", "---\ntitle: [unclosed\n---\n\nText.\n")


# --- markup is parsed, not prose ----------------------------------------------------------------

@pytest.mark.parametrize(("content", "kept", "blanked"), [
    ("I use [PyTorch](https://pytorch.org) daily.\n", ["I use", "PyTorch", "daily."], ["https", "pytorch.org", "[", "]("]),
    ("See ![a logo](img/logo.png) here.\n", ["See", "here."], ["logo", "img", "!["]),
    ("Run `pip install kg` now.\n", ["Run", "now."], ["pip", "`"]),
    ("Intro.\n\n```python\nprint('TensorFlow')\n```\n\n    indented code\n", ["Intro."], ["print", "TensorFlow", "indented"]),
    ("Some <b>bold</b> and <span class='x'>span</span> text.\n", ["bold", "span", "text."], ["<b>", "class", "</"]),
    ("<div>\nBlock html text\n</div>\n", ["Block html text"], ["<div>", "</div>"]),
    ("# Title\n\n## Sub *em* **strong**\n", ["Title", "Sub", "em", "strong"], ["#", "*"]),
    ("> quoted words\n\n- item one\n* item two\n1. item three\n", ["quoted words", "item one", "item three"], [">", "-", "*", "1."]),
    ("| a | b |\n|---|---|\n| cell one | cell two |\n", ["cell one", "cell two"], ["|", "---"]),
    ("Mail me@example.com or see https://x.org/a_b.\n", ["Mail", "or see"], ["me@", "example", "https", "x.org"]),
    ("Ref [text][r] end.\n\n[r]: https://ref.org\n", ["text", "end."], ["ref.org", "[r]"]),
    ("Auto <https://auto.org> link.\n", ["Auto", "link."], ["auto.org"]),
    ("Esc \\*star\\* &amp; more.\n", ["star", "&", "more."], ["\\", "amp"]),
])
def test_markdown_mask(tmp_path: Path, content: str, kept: list[str], blanked: list[str]) -> None:
    essay = write(tmp_path, "post.md", content)
    for piece in kept:
        assert piece in essay.prose, piece
    for piece in blanked:
        assert piece not in essay.prose, piece


def test_markdown_roles(tmp_path: Path) -> None:
    essay = write(tmp_path, "post.md", "# The Title\n\nBody one.\n\n## Part\n\n- an item\n\n> a quote\n\n| cell |\n|---|\n| value |\n")
    assert [(s.text, s.role) for s in essay.sentences] == [
        ("The Title", Role.TITLE), ("Body one.", Role.BODY), ("Part", Role.HEADING), ("an item", Role.LIST),
        ("a quote", Role.QUOTE), ("cell", Role.TABLE), ("value", Role.TABLE)]
    assert essay.title == "The Title"


def test_markdown_h1_is_heading_when_front_matter_has_title(tmp_path: Path) -> None:
    essay = write(tmp_path, "post.md", "---\ntitle: Real\n---\n# Other\n\nText.\n")
    assert essay.title == "Real" and essay.sentences[0].role is Role.HEADING


def test_org_mask_and_metadata(tmp_path: Path) -> None:
    essay = write(tmp_path, "note.org", (
        "#+TITLE: Org Title\n#+AUTHOR: Ann Lee\n#+DATE: <2022-04-05 Tue>\n\n* TODO First heading :tag:\n"
        "Read [[https://orgmode.org][the manual]] and *bold* =code= text.\n\n#+BEGIN_SRC python\nprint('x')\n#+END_SRC\n\n"
        "- item one\n- item two\n\n| c1 | c2 |\n|----+----|\n\n#+BEGIN_QUOTE\nQuoted line.\n#+END_QUOTE\n"))
    assert (essay.title, essay.author, essay.date) == ("Org Title", "Ann Lee", "2022-04-05")
    for gone in ("#+", "TODO", ":tag:", "orgmode", "print", "=code=", "code", "*", "|"):
        assert gone not in essay.prose, gone
    assert [(s.text, s.role) for s in essay.sentences] == [
        ("First heading", Role.HEADING), ("Read [[https://orgmode.org][the manual]] and *bold* =code= text.", Role.BODY),
        ("item one", Role.LIST), ("item two", Role.LIST), ("c1", Role.TABLE), ("c2", Role.TABLE),
        ("Quoted line.", Role.QUOTE)]


def test_rst_mask_and_metadata(tmp_path: Path) -> None:
    essay = write(tmp_path, "doc.rst", (
        "=========\nRst Title\n=========\n\n:Author: expye (Zihao Ye)\n:Date: 2021-03-22\n:License: CC BY 4.0\n\n"
        "Some *text* with `Python <https://python.org>`_ and ``code`` here,\ncontinued line.\n\n"
        "Section\n-------\n\n- item one\n\n.. code-block:: python\n\n   print('hidden')\n\n"
        ".. note:: A note body.\n\nPlain.\n\n    Indented quote.\n\n+------+\n| cell |\n+------+\n"))
    assert (essay.title, essay.author, essay.author_aliases, essay.date, essay.license) == (
        "Rst Title", "Zihao Ye", ("expye",), "2021-03-22", "CC BY 4.0")
    for gone in ("=", "Author", "python.org", "code", "hidden", "---", "note::", "+--", "|"):
        assert gone not in essay.prose, gone
    assert [(s.text, s.role) for s in essay.sentences] == [
        ("Rst Title", Role.TITLE), ("Some *text* with `Python <https://python.org>`_ and ``code`` here,\ncontinued line.", Role.BODY),
        ("Section", Role.HEADING), ("item one", Role.LIST), ("A note body.", Role.BODY), ("Plain.", Role.BODY),
        ("Indented quote.", Role.QUOTE), ("cell", Role.TABLE)]


# --- files, ids and errors ----------------------------------------------------------------------

def test_find_essays_skips_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "x/c.org", "x/d.rst", "e.markdown", ".hidden.md", ".git/f.md", "g.pdf", "h.MD"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_essays(tmp_path)]
    assert found == ["a.txt", "b.md", "e.markdown", "h.MD", "x/c.org", "x/d.rst"]


def test_essay_ids_are_unique_and_stable(tmp_path: Path) -> None:
    paths = [tmp_path / p for p in ("blog/2021/post.md", "notes/post.md", "seize-the-day.txt", "dup.md", "dup.txt")]
    assert list(essay_ids(paths, tmp_path).values()) == [
        "blog/2021/post", "notes/post", "seize-the-day", "dup.md", "dup.txt"]
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes/post.md").write_text("Text.\n")
    assert read_essay(tmp_path / "notes/post.md", tmp_path).id == "notes/post"
    assert read_essay(tmp_path / "notes/post.md", tmp_path, essay_id="custom").id == "custom"


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xb5\xb5", r"bad\.txt: not UTF-8 text \(byte 0x89 at 0\); save it as UTF-8"),
    ("中文内容".encode("gb18030") * 20, r"bad\.txt: not UTF-8 text \(byte 0x\w\w at 0\); save it as UTF-8"),
    (b"text\x00with nul", r"bad\.txt: binary file"),
    (b"  \n\n", r"bad\.txt: empty file"),
])
def test_unreadable_files_raise_input_error(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        write(tmp_path, "sub/bad.txt", content)


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    essay = write(tmp_path, "win.txt", "\ufeffTitle\r\n\r\nFirst line\r\ncontinues.\r\n".encode())
    assert essay.text == "Title\n\nFirst line\ncontinues.\n"
    assert texts(essay) == ["Title", "First line\ncontinues."]


# --- sentence splitting -------------------------------------------------------------------------

@pytest.mark.parametrize(("paragraph", "expected"), [
    ("我来了。你走吧！真的吗？好", ["我来了。", "你走吧！", "真的吗？", "好"]),
    ("第一句；第二句; 第三句", ["第一句；", "第二句;", "第三句"]),
    ("他说：“走吧。”然后离开了。", ["他说：“走吧。”", "然后离开了。"]),
    ("等一下……好的", ["等一下……", "好的"]),
    ("One sentence. Two sentences! Three? Four", ["One sentence.", "Two sentences!", "Three?", "Four"]),
    ("Use e.g. TVM and i.e. Relay. Next one.", ["Use e.g. TVM and i.e. Relay.", "Next one."]),
    ("Dr. Chen met Mr. Li and Prof. Wang in the U.S. Today.", ["Dr. Chen met Mr. Li and Prof. Wang in the U.S. Today."]),
    ("J. Smith wrote it. It costs 3.14 dollars. Really.", ["J. Smith wrote it.", "It costs 3.14 dollars.", "Really."]),
    ("apples vs. oranges etc. All good.", ["apples vs. oranges etc. All good."]),
    ("He said \"stop.\" Then left.", ["He said \"stop.\"", "Then left."]),
    ("a line\ncontinues here. 中文句子。English again.", ["a line\ncontinues here.", "中文句子。", "English again."]),
    ("我用 PyTorch. 2021 年更好。", ["我用 PyTorch.", "2021 年更好。"]),
    ("version 1.2.3 is out. see lowercase. Ok", ["version 1.2.3 is out. see lowercase.", "Ok"]),
    ("Visit https://a.org/x.html. Then go.", ["Visit https://a.org/x.html.", "Then go."]),
    ("—— 123 ——。Words", ["Words"]),
])
def test_sentence_splitting(tmp_path: Path, paragraph: str, expected: list[str]) -> None:
    essay = write(tmp_path, "s.txt", f"Title\n\n{paragraph}\n")
    assert texts(essay)[1:] == expected
    assert all(s.role is Role.BODY for s in essay.sentences[1:])


@pytest.mark.parametrize(("content", "language"), [
    ("这是一段中文,里面有 PyTorch 和 TensorFlow 两个词。", "zh"),
    ("This is English with one word 中文 inside it, mostly Latin letters here.", "en"),
    ("Mixed 中文和 English 各一半的句子,测试语言。", "zh"),
])
def test_language_detection(tmp_path: Path, content: str, language: str) -> None:
    assert write(tmp_path, "l.txt", content).language == language


def test_reading_is_deterministic(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    assert read_essay(tmp_path / "a.txt", tmp_path) == read_essay(tmp_path / "a.txt", tmp_path)


@pytest.mark.parametrize("last_line, author", [
    ("— Written by Zhenhua Qiu", "Zhenhua Qiu"),
    ("Posted by Ana Lee.", "Ana Lee"),
    ("—— 张三", "张三"),
    ("-- the end", None),
])
def test_a_signature_line_names_the_author(tmp_path, last_line, author):
    path = tmp_path / "post.txt"
    path.write_text(f"A title\n\nSome text about compilers.\n\n{last_line}\n", encoding="utf-8")
    assert read_essay(path, tmp_path).author == author


def test_a_byline_among_the_first_lines_names_the_author(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("wordfreq is a library.\n\nAuthor: Robyn Speer\n\n## Installation\n\nText.\n", encoding="utf-8")
    essay = read_essay(path, tmp_path)
    assert essay.author == "Robyn Speer"
    assert "Robyn" not in essay.prose


def test_rst_substitutions_in_markdown_are_markup(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# tool\n\n|GitHub-Status| |PyPI-Downloads|\n\nThe tool is fast.\n", encoding="utf-8")
    assert "GitHub-Status" not in read_essay(path, tmp_path).prose
