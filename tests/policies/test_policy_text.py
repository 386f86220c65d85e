"""Markdown rendered safely and the side-by-side diff."""

from policies.text import render_markdown, side_by_side_diff


def test_markdown_renders_headings_lists_and_links():
    html = render_markdown("# Title\n\n- one\n- [Acas](https://www.acas.org.uk)\n")
    assert "<h2>Title</h2>" in html  # one level down: the page's <h1> is the policy's title
    assert "<li>one</li>" in html
    assert 'href="https://www.acas.org.uk"' in html


def test_scripts_event_handlers_and_javascript_links_are_stripped():
    html = render_markdown(
        "Hello <script>alert('x')</script>\n\n[click](javascript:alert(1))\n\n"
        '<img src=x onerror="alert(2)">\n\n<a href="javascript:alert(3)">raw</a>\n'
    )
    assert "<script" not in html and "alert('x')" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_the_diff_pairs_changed_lines_and_marks_insertions():
    rows = side_by_side_diff("a\nb\nc\n", "a\nB\nc\nd\n")
    assert [(r.kind, r.left, r.right) for r in rows] == [
        ("equal", "a", "a"),
        ("replace", "b", "B"),
        ("equal", "c", "c"),
        ("insert", "", "d"),
    ]
