package app.octokube.backend.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Schedule#nextBoundaryAfter} against a brute-force scan minute by minute: nothing changes
 * before the boundary it returns, and away from clock changes the boundary is a real change.
 * Every zone here has offsets in whole minutes, so a minute scan misses no boundary.
 */
class ScheduleBoundaryPropertiesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration HORIZON = Duration.ofDays(9);

  @Property(tries = 150)
  void nothingChangesBeforeTheNextBoundaryAndItIsExactAwayFromClockChanges(
      @ForAll("schedules") Schedule schedule, @ForAll("minutes") int minuteOfYear) {
    Instant now = START.plus(minuteOfYear, ChronoUnit.MINUTES);
    Instant next = schedule.nextBoundaryAfter(now);
    Instant firstChange = firstChangeByScan(schedule, now);

    assertThat(next).isAfter(now);
    assertThat(next).as("a boundary no later than the first change").isBeforeOrEqualTo(firstChange);
    if (!clockChangesBetween(schedule.zone(), now.minus(Duration.ofDays(1)), firstChange.plus(Duration.ofDays(1)))) {
      assertThat(next).isEqualTo(firstChange);
    }
  }

  private static Instant firstChangeByScan(Schedule schedule, Instant now) {
    boolean open = schedule.isOpen(now);
    Duration minute = Duration.ofMinutes(1);
    for (Instant t = now.plus(minute); t.isBefore(now.plus(HORIZON)); t = t.plus(minute)) {
      if (schedule.isOpen(t) != open) {
        return t;
      }
    }
    throw new AssertionError("no change within " + HORIZON + " for " + schedule);
  }

  private static boolean clockChangesBetween(ZoneId zone, Instant from, Instant to) {
    ZoneOffsetTransition transition = zone.getRules().nextTransition(from);
    return transition != null && transition.getInstant().isBefore(to);
  }

  @Provide
  Arbitrary<Schedule> schedules() {
    Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, q % 4 * 15));
    return Combinators.combine(
        Arbitraries.subsetOf(DayOfWeek.values()).ofMinSize(1),
        times,
        times,
        Arbitraries.of("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC")
            .map(ZoneId::of))
        .filter((days, from, to, zone) -> !from.equals(to))
        .as((Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) ->
            new Schedule(days, from, to, zone));
  }

  @Provide
  Arbitrary<Integer> minutes() {
    return Arbitraries.integers().between(0, 365 * 24 * 60);
  }
}
