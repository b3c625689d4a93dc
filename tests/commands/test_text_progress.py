"""The progress bar a command writes to a log file or a pipe."""

import io
import re

from desktop.commands.common import TextProgress


def test_a_piped_progress_bar_writes_every_tenth_even_when_the_work_is_fast() -> None:
    stream = io.StringIO()
    progress = TextProgress(stream)
    for done in range(182):  # all within a fraction of a second
        progress(done, 181, "ООО «Ромашка»")
    counts = [int(m.group(1)) for m in re.finditer(r"\] (\d+)/181", stream.getvalue())]
    assert counts == [0, 18, 36, 54, 72, 90, 108, 126, 144, 162, 180, 181]


def test_a_piped_progress_bar_that_skips_counts_still_writes_each_tenth_once() -> None:
    stream = io.StringIO()
    progress = TextProgress(stream)
    for done in (0, 5, 19, 20, 41, 100, 100):
        progress(done, 100, "x")
    counts = [int(m.group(1)) for m in re.finditer(r"\] (\d+)/100", stream.getvalue())]
    assert counts == [0, 19, 20, 41, 100]  # 19 opens the second tenth, 20 the third
