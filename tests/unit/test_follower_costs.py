"""The follower load test's verdicts: the cost of one device and how many followers one replica holds."""

from __future__ import annotations

from loadtest.followers import capacity, holds, markdown, per_follower


def window(followers: int, cpu: float = 0.1, lag: float | None = 1.2, viewer_p95: float | None = 0.4, **extra):
    base = {
        "followers": followers,
        "seconds": 20.0,
        "cpu_s_per_s": cpu,
        "polls_per_s": float(followers),
        "received_per_s": 3.0 * followers,
        "bytes_per_s": 400.0 * followers,
        "poll_p95_s": 0.05,
        "redraws": followers,
        "lag_p50_s": lag,
        "lag_p95_s": lag,
        "lag_max_s": lag,
        "follower_errors": 0,
        "viewer_reruns": 40,
        "viewer_p95_s": viewer_p95,
        "viewer_errors": 0,
        "behind_after_15_s": 0,
        "load1": 1.5,
    }
    return {**base, **extra}


def test_the_first_count_that_misses_a_target_ends_what_one_replica_holds():
    windows = [window(0, lag=None), window(10), window(25, lag=4.5), window(50)]
    verdict = capacity(windows)
    assert verdict["held"] == 10 and verdict["ok"]
    assert "holds 10 followers" in verdict["text"]


def test_when_every_count_held_the_verdict_says_at_least_the_largest():
    verdict = capacity([window(0, lag=None), window(10), window(25)])
    assert verdict["held"] == 25 and "at least 25" in verdict["text"]


def test_slow_viewers_errors_or_followers_left_behind_miss_the_target():
    assert holds(window(10))
    assert not holds(window(10, viewer_p95=1.4))
    assert not holds(window(10, follower_errors=1))
    assert not holds(window(10, behind_after_15_s=2))
    assert not holds(window(10, lag=None))


def test_one_followers_cost_is_the_slope_over_the_follower_count():
    cost = per_follower([window(0, cpu=0.05), window(10, cpu=0.25), window(40, cpu=0.85)])
    assert round(cost["cpu_s_per_s"], 4) == 0.02
    assert cost["polls_per_s"] == 1.0 and cost["received_per_s"] == 3.0 and cost["from_followers"] == 40


def test_the_report_shows_every_window_and_the_verdict():
    result = {
        "alone": [window(0, cpu=0.05), window(10, cpu=0.25)],
        "redraws": [{"followers": 10, "all_moved_s": 1.5, "cpu_s_per_redraw": 0.08}],
        "with_viewers": [window(0, lag=None), window(10)],
        "viewers": 30,
        "move_every_s": 10.0,
        "verdict": capacity([window(0, lag=None), window(10)]),
    }
    text = markdown(result, "Setup line.")
    assert "20.0 ms of server CPU per second per following device" in text
    assert "80 ms of server CPU per follower's redraw" in text
    assert "holds at least 10 followers" in text
    assert text.count("\n| 10 |") == 2
