"""The passcode throttle: per address and in total, on an injected clock, in the shared store."""

from __future__ import annotations

import logging
import threading

import pytest
from fixtures.clock import Clock

from components.server import throttle as throttle_module
from components.server.store import MemoryStore
from components.server.throttle import Limits, Throttle, client_address, retry_delay

RIGHT, WRONG = "kursk-briefing-7Q", "kursk-briefing-7q"
ATTACKER, VIEWER = "203.0.113.7", "198.51.100.9"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def guard(clock: Clock, tmp_path) -> Throttle:
    return Throttle(MemoryStore(clock), Limits(), clock, state_dir=tmp_path)


def guess(guard: Throttle, address: str, code: str, gate: str = "access"):
    return guard.judge(gate, address, lambda: code == RIGHT)


def lock_out(guard: Throttle, clock: Clock, address: str) -> None:
    """Fail 20 times, each after the previous delay ran out; the last one locks the address out."""
    for _ in range(19):
        clock.now += guess(guard, address, WRONG).wait_s
    assert guess(guard, address, WRONG).locked


@pytest.mark.parametrize(("failures", "delay"), [(0, 0), (1, 1), (2, 2), (3, 4), (5, 16), (6, 30), (19, 30)])
def test_the_delay_doubles_after_each_consecutive_failure_up_to_thirty_seconds(failures: int, delay: int) -> None:
    assert retry_delay(failures) == delay


def test_consecutive_failures_wait_longer_then_lock_the_address_out(guard: Throttle, clock: Clock) -> None:
    waits = []
    for _ in range(19):
        verdict = guess(guard, ATTACKER, WRONG)
        assert verdict.judged and not verdict.granted and not verdict.locked
        waits.append(verdict.wait_s)
        clock.now += verdict.wait_s
    assert waits[:7] == [1, 2, 4, 8, 16, 30, 30]
    last = guess(guard, ATTACKER, WRONG)
    assert last.judged and last.locked and last.wait_s == 3600
    clock.now += 1800
    locked = guess(guard, ATTACKER, RIGHT)
    assert locked.locked and not locked.judged and not locked.granted


def test_a_guess_inside_the_delay_is_refused_unread_and_does_not_count(guard: Throttle, clock: Clock) -> None:
    assert guess(guard, ATTACKER, WRONG).wait_s == 1
    clock.now += 0.5
    early = guess(guard, ATTACKER, RIGHT)
    assert not early.judged and not early.granted and early.wait_s == pytest.approx(0.5)
    clock.now += 0.5
    assert guess(guard, ATTACKER, RIGHT).granted


def test_at_most_one_guess_a_second_is_judged_per_address_whatever_the_number_of_sessions(
    guard: Throttle, clock: Clock
) -> None:
    judged = 0
    for _ in range(10):  # ten seconds, 50 sessions guessing at once each second
        verdicts = [guess(guard, VIEWER, RIGHT + "x") for _ in range(50)]
        judged_now = sum(v.judged for v in verdicts)
        assert judged_now <= 1
        judged += judged_now
        clock.now += 1.0
    assert judged < 10  # the delays after the first failures leave some seconds unjudged


def test_parallel_threads_of_one_address_get_one_judgement(guard: Throttle) -> None:
    verdicts, start = [], threading.Barrier(50)

    def worker() -> None:
        start.wait()
        verdicts.append(guess(guard, ATTACKER, WRONG))

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(verdicts) == 50 and sum(v.judged for v in verdicts) == 1


def test_a_right_passcode_clears_the_address(guard: Throttle, clock: Clock) -> None:
    for _ in range(3):
        clock.now += guess(guard, VIEWER, WRONG).wait_s
    assert guess(guard, VIEWER, RIGHT).granted
    clock.now += 1
    after = guess(guard, VIEWER, WRONG)
    assert after.judged and after.wait_s == 1  # back to the first delay


def test_a_slow_judgement_keeps_its_claim_so_no_second_guess_is_judged_meanwhile(guard: Throttle, clock: Clock) -> None:
    inner = []

    def slow_check() -> bool:
        clock.now += 5  # the server stalls for 5 s while judging (another replica tries meanwhile)
        inner.append(guess(guard, ATTACKER, WRONG))
        return False

    outer = guard.judge("access", ATTACKER, slow_check)
    assert outer.judged and [v.judged for v in inner] == [False]
    assert guess(guard, ATTACKER, WRONG).wait_s == pytest.approx(1.0)  # the next wait counts from the verdict


def test_a_lockout_of_one_address_leaves_another_address_alone(guard: Throttle, clock: Clock) -> None:
    lock_out(guard, clock, ATTACKER)
    assert guess(guard, ATTACKER, RIGHT).locked
    assert guess(guard, VIEWER, RIGHT).granted


def test_the_two_gates_are_throttled_apart(guard: Throttle) -> None:
    assert guess(guard, VIEWER, WRONG, gate="presenter").judged
    assert guess(guard, VIEWER, RIGHT, gate="access").granted


def test_the_ceiling_holds_failed_addresses_but_never_one_that_has_not_failed(guard: Throttle, clock: Clock) -> None:
    clock.now = 60 * 20_000  # the start of a minute
    attackers = [f"10.0.{i // 250}.{i % 250 + 1}" for i in range(200)]
    for address in attackers:  # every attacker address fails once: 200 judged guesses in this minute
        assert guess(guard, address, WRONG).judged
    clock.now += 2
    second_round = [guess(guard, address, WRONG) for address in attackers]
    assert sum(v.judged for v in second_round) == 0  # over 60 this minute: failed addresses wait
    assert all(0 < v.wait_s <= 60 for v in second_round)
    assert guess(guard, VIEWER, RIGHT).granted  # an address without failures is judged
    clock.now += 60
    next_minute = [guess(guard, address, WRONG) for address in attackers]
    assert sum(v.judged for v in next_minute) == 60


class Recorder(logging.Handler):
    """Every message logged to the security log while attached."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_every_failure_is_logged_with_address_and_time_never_the_code(guard: Throttle, clock: Clock) -> None:
    recorder, level = Recorder(), throttle_module.LOG.level
    throttle_module.LOG.addHandler(recorder)
    throttle_module.LOG.setLevel(logging.INFO)
    try:
        clock.now += guess(guard, ATTACKER, WRONG).wait_s
        clock.now += guess(guard, ATTACKER, WRONG).wait_s
        guess(guard, ATTACKER, RIGHT)
    finally:
        throttle_module.LOG.removeHandler(recorder)
        throttle_module.LOG.setLevel(level)
    failures = [line for line in recorder.lines if "passcode failure" in line]
    assert len(failures) == 2
    assert all(f"address={ATTACKER}" in line and "time=1970-01-12T13:46:4" in line for line in failures)
    assert not any(WRONG in line or RIGHT in line for line in recorder.lines)


def test_the_host_command_clears_a_lockout_through_a_request_file(
    guard: Throttle, clock: Clock, tmp_path, monkeypatch, capsys
) -> None:
    lock_out(guard, clock, ATTACKER)
    assert guess(guard, ATTACKER, RIGHT).locked
    monkeypatch.setenv("BRIEFING_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("BRIEFING_REDIS_URL", raising=False)
    assert throttle_module.main(["--clear", ATTACKER, "--gate", "access"]) == 0
    assert guess(guard, ATTACKER, RIGHT).granted


def test_the_host_command_refuses_what_is_not_an_address() -> None:
    with pytest.raises(ValueError):
        throttle_module.main(["--clear", "../../etc/passwd"])


@pytest.mark.parametrize(
    ("peer", "headers", "address"),
    [
        (None, {"X-Forwarded-For": "203.0.113.7"}, "203.0.113.7"),
        ("127.0.0.1", {"x-forwarded-for": "203.0.113.7"}, "203.0.113.7"),
        ("127.0.0.2", {"X-Forwarded-For": "203.0.113.7"}, "127.0.0.2"),
        ("127.0.0.3", {}, "127.0.0.3"),
        (None, {}, "127.0.0.1"),
        ("::1", {"X-Forwarded-For": "2001:db8::1"}, "2001:db8::1"),
        ("198.51.100.9", {"X-Forwarded-For": "203.0.113.7"}, "198.51.100.9"),
        (None, {"X-Forwarded-For": "1.2.3.4, 203.0.113.7"}, "203.0.113.7"),
        ("127.0.0.2", {"X-Forwarded-For": "not-an-address"}, "127.0.0.2"),
    ],
)
def test_the_client_address_trusts_x_forwarded_for_only_from_the_local_proxy(peer, headers, address) -> None:
    assert client_address(peer, headers) == address


def test_only_loopback_addresses_can_be_made_trusted_proxies() -> None:
    env = {"BRIEFING_TRUSTED_PROXIES": "127.0.0.9, 10.0.0.1, junk"}
    assert throttle_module.trusted_proxies(env) == {"127.0.0.9"}
    assert throttle_module.trusted_proxies({}) == {"127.0.0.1", "::1"}
    assert client_address("127.0.0.9", {"X-Forwarded-For": "203.0.113.7"}, frozenset({"127.0.0.9"})) == "203.0.113.7"


def test_figures_can_be_set_from_the_environment_for_tests() -> None:
    limits = throttle_module.limits_from_env(
        {"BRIEFING_THROTTLE_LOCKOUT_AFTER": "5", "BRIEFING_THROTTLE_MAX_DELAY_S": "2"}
    )
    assert (limits.lockout_after, limits.max_delay_s, limits.min_interval_s) == (5, 2.0, 1.0)
