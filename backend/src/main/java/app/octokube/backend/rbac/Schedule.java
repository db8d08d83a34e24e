package app.octokube.backend.rbac;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly window in which a binding applies, in one time zone.
 *
 * <p>Each listed day opens one window at {@code from}, local time, on that day. When {@code from}
 * is before {@code to} the window closes at {@code to} the same day; when it is after, the window
 * crosses midnight and closes at {@code to} the next day (so {@code fri 22:00-06:00} runs into
 * Saturday morning). Windows are half-open: the opening instant is inside, the closing one is not.
 * {@code from} equal to {@code to} is refused by the parser, since it could mean either nothing or
 * the whole day.
 *
 * <p>Local times become instants through {@link ZonedDateTime#of}, which is what makes the window
 * correct on the days clocks change: a time that does not exist that day (skipped by a spring-
 * forward gap) moves later by the length of the gap, and a time that happens twice (an autumn
 * overlap) means its first occurrence. A window that the shift leaves empty (both ends inside one
 * gap) does not open that day.
 */
public record Schedule(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
  /** Days to look back and ahead for boundaries: a week, plus slack for a window lost to a gap. */
  private static final int SEARCH_DAYS = 15;

  public Schedule {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one day");
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("a schedule's from and to must differ");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /** Whether {@code at} falls inside a window. */
  public boolean isOpen(Instant at) {
    LocalDate today = at.atZone(zone).toLocalDate();
    // A window opened today or, when windows cross midnight, yesterday; none older can still be open.
    return isInside(today, at) || isInside(today.minusDays(1), at);
  }

  /**
   * The first instant after {@code now} at which a window opens or closes. Never null: a schedule
   * has at least one day, so a boundary comes within a week.
   */
  public Instant nextBoundaryAfter(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant next = null;
    for (int offset = -1; offset <= SEARCH_DAYS; offset++) {
      LocalDate day = today.plusDays(offset);
      if (!opensOn(day)) {
        continue;
      }
      next = earliestAfter(now, next, opening(day));
      next = earliestAfter(now, next, closing(day));
    }
    return next;
  }

  private boolean isInside(LocalDate day, Instant at) {
    return opensOn(day) && !at.isBefore(opening(day)) && at.isBefore(closing(day));
  }

  private boolean opensOn(LocalDate day) {
    return days.contains(day.getDayOfWeek()) && closing(day).isAfter(opening(day));
  }

  private Instant opening(LocalDate day) {
    return ZonedDateTime.of(day, from, zone).toInstant();
  }

  private Instant closing(LocalDate day) {
    LocalDate closingDay = from.isBefore(to) ? day : day.plusDays(1);
    return ZonedDateTime.of(closingDay, to, zone).toInstant();
  }

  private static Instant earliestAfter(Instant now, Instant best, Instant candidate) {
    if (!candidate.isAfter(now)) {
      return best;
    }
    return best == null || candidate.isBefore(best) ? candidate : best;
  }
}
