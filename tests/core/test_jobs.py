"""A job's progress in stages: each stage names itself and tells its own time left."""

from __future__ import annotations

import pytest

from desktop.core.jobs import StageClock, stage_progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_time_left_restarts_with_each_stage_and_counts_from_what_it_found_done() -> None:
    clock = FakeClock()
    eta = StageClock(clock)
    assert eta.update(0, 177) is None
    clock.now += 10
    assert eta.update(59, 177) == pytest.approx(20.0)  # 59 contracts in 10 s, 118 to go
    clock.now += 20
    assert eta.update(177, 177) is None  # done
    # The PDFs: 117 of 478 were made while the contracts were closed; the rate is what follows.
    assert eta.update(117, 478) is None
    clock.now += 10
    assert eta.update(217, 478) == pytest.approx(26.1)
    # The next month counts its contracts from 0 again, with the same total: a new stage.
    assert eta.update(0, 177) is None
    clock.now += 5
    assert eta.update(50, 177) == pytest.approx(12.7)


def test_a_stage_of_a_job_in_steps_says_which_step_it_is() -> None:
    seen: list[tuple[int, int, str]] = []
    step = stage_progress(lambda *args: seen.append(args), 3, 5, "Закрытие: ноябрь 2026")
    step(0, 0, "")
    step(12, 478, "Создание PDF")
    assert seen == [
        (0, 0, "Шаг 3 из 5. Закрытие: ноябрь 2026"),
        (12, 478, "Шаг 3 из 5. Закрытие: ноябрь 2026: Создание PDF"),
    ]
