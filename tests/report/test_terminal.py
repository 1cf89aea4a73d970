"""Small wording helpers of the terminal output."""

from sourcetrace.report.terminal import plural


def test_counts_agree_with_their_noun():
    assert plural(1, "story") == "1 story"
    assert plural(2, "story") == "2 stories"
    assert plural(0, "article") == "0 articles"
    assert plural(3, "day") == "3 days"  # a vowel before the y: just -s
