package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.Policies.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schedule windows, expiry and {@link Policy#nextChange}, with exact instants. */
class ScheduleTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final EnumSet<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private static Schedule schedule(EnumSet<DayOfWeek> days, String from, String to, String zone) {
    return new Schedule(days, LocalTime.parse(from), LocalTime.parse(to), ZoneId.of(zone));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static Policy policyWithBinding(String bindingExtras) {
    return parse("users: [{name: u}]\n"
        + "roles: [{name: r, allow: [{resources: [pods], verbs: [view]}]}]\n"
        + "bindings:\n"
        + "  - role: r\n"
        + "    subjects: [\"user:u\"]\n"
        + bindingExtras.indent(4));
  }

  private static boolean seesPods(Policy policy, Instant at) {
    return policy.access("u", "prod", at).mayView("pods", "a", "b", Map.of());
  }

  @Test
  void aWindowIsOpenFromItsOpeningInstantUntilJustBeforeItsClosingOne() {
    Schedule office = schedule(WEEKDAYS, "09:00", "18:00", "Europe/Paris");

    assertThat(office.isOpen(at("2026-06-01T06:59:59Z"))).isFalse();
    assertThat(office.isOpen(at("2026-06-01T07:00:00Z"))).isTrue();
    assertThat(office.isOpen(at("2026-06-01T15:59:59.999Z"))).isTrue();
    assertThat(office.isOpen(at("2026-06-01T16:00:00Z"))).isFalse();
  }

  @Test
  void aWindowOpensOnlyOnItsDays() {
    Schedule office = schedule(WEEKDAYS, "09:00", "18:00", "Europe/Paris");
    assertThat(office.isOpen(at("2026-06-06T10:00:00Z"))).isFalse();
  }

  @Test
  void aWindowWhoseEndIsBeforeItsStartCrossesMidnightIntoTheNextDay() {
    Schedule night = schedule(EnumSet.of(DayOfWeek.FRIDAY), "22:00", "06:00", "Europe/Paris");

    assertThat(night.isOpen(at("2026-06-05T19:59:00Z"))).isFalse();
    assertThat(night.isOpen(at("2026-06-05T20:00:00Z"))).isTrue();
    assertThat(night.isOpen(at("2026-06-06T03:59:00Z"))).isTrue();
    assertThat(night.isOpen(at("2026-06-06T04:00:00Z"))).isFalse();
    assertThat(night.isOpen(at("2026-06-04T22:00:00Z"))).as("Thursday night").isFalse();
  }

  @Test
  void onTheSpringForwardDayAWindowSpanningTheGapIsAnHourShorter() {
    Schedule sunday = schedule(EnumSet.of(DayOfWeek.SUNDAY), "01:00", "04:00", "Europe/Paris");

    assertThat(sunday.isOpen(at("2026-03-28T23:59:59Z"))).isFalse();
    assertThat(sunday.isOpen(at("2026-03-29T00:00:00Z"))).as("01:00 CET").isTrue();
    assertThat(sunday.isOpen(at("2026-03-29T01:59:59Z"))).as("03:59:59 CEST").isTrue();
    assertThat(sunday.isOpen(at("2026-03-29T02:00:00Z"))).as("04:00 CEST").isFalse();
  }

  @Test
  void aWindowOpeningInsideTheSpringForwardGapOpensLaterByTheGap() {
    Schedule sunday = schedule(EnumSet.of(DayOfWeek.SUNDAY), "02:30", "05:00", "Europe/Paris");

    assertThat(sunday.isOpen(at("2026-03-29T01:29:59Z"))).isFalse();
    assertThat(sunday.isOpen(at("2026-03-29T01:30:00Z"))).as("03:30 CEST").isTrue();
    assertThat(sunday.nextBoundaryAfter(at("2026-03-29T00:00:00Z"))).isEqualTo(at("2026-03-29T01:30:00Z"));
  }

  @Test
  void onTheFallBackDayARepeatedTimeMeansItsFirstOccurrence() {
    Schedule sunday = schedule(EnumSet.of(DayOfWeek.SUNDAY), "02:30", "04:00", "Europe/Paris");

    assertThat(sunday.isOpen(at("2026-10-25T00:29:59Z"))).isFalse();
    assertThat(sunday.isOpen(at("2026-10-25T00:30:00Z"))).as("02:30 CEST").isTrue();
    assertThat(sunday.isOpen(at("2026-10-25T02:59:59Z"))).as("03:59:59 CET").isTrue();
    assertThat(sunday.isOpen(at("2026-10-25T03:00:00Z"))).as("04:00 CET").isFalse();
  }

  @Test
  void windowsFollowTheirOwnTimeZoneAndItsDaylightSaving() {
    Schedule newYork = schedule(EnumSet.allOf(DayOfWeek.class), "09:00", "17:00", "America/New_York");
    Schedule kolkata = schedule(EnumSet.allOf(DayOfWeek.class), "09:00", "17:00", "Asia/Kolkata");

    assertThat(newYork.isOpen(at("2026-06-01T13:00:00Z"))).as("09:00 EDT").isTrue();
    assertThat(newYork.isOpen(at("2026-01-05T13:30:00Z"))).as("08:30 EST").isFalse();
    assertThat(newYork.isOpen(at("2026-01-05T14:00:00Z"))).as("09:00 EST").isTrue();
    assertThat(kolkata.isOpen(at("2026-06-01T03:29:00Z"))).isFalse();
    assertThat(kolkata.isOpen(at("2026-06-01T03:30:00Z"))).isTrue();
  }

  @Test
  void aBindingAppliesOnlyInsideItsSchedule() {
    Policy policy = policyWithBinding("schedule: {days: [mon], from: '09:00', to: '18:00', timezone: Europe/Paris}");

    assertThat(seesPods(policy, at("2026-06-01T08:00:00Z"))).isTrue();
    assertThat(seesPods(policy, at("2026-06-01T17:00:00Z"))).isFalse();
    assertThat(seesPods(policy, at("2026-06-02T08:00:00Z"))).isFalse();
  }

  @Test
  void aBindingIsGoneAtItsExpiryInstant() {
    Policy policy = policyWithBinding("expires: '2026-06-01T12:00:00Z'");

    assertThat(seesPods(policy, at("2026-06-01T11:59:59.999999999Z"))).isTrue();
    assertThat(seesPods(policy, at("2026-06-01T12:00:00Z"))).isFalse();
  }

  @Test
  void anExpiryWithAnOffsetIsTheSameInstantInUtc() {
    Policy policy = policyWithBinding("expires: '2026-06-01T14:00:00+02:00'");
    assertThat(policy.bindings().get(0).expires()).isEqualTo(at("2026-06-01T12:00:00Z"));
  }

  @Test
  void nextChangeIsTheNextOpeningOrClosingExactly() {
    Policy policy = policyWithBinding(
        "schedule: {days: [mon, tue, wed, thu, fri], from: '09:00', to: '18:00', timezone: Europe/Paris}");

    assertThat(policy.nextChange("u", at("2026-06-01T06:00:00Z"))).isEqualTo(at("2026-06-01T07:00:00Z"));
    assertThat(policy.nextChange("u", at("2026-06-01T07:00:00Z"))).isEqualTo(at("2026-06-01T16:00:00Z"));
    assertThat(policy.nextChange("u", at("2026-06-05T16:00:00Z"))).as("Friday evening to Monday")
        .isEqualTo(at("2026-06-08T07:00:00Z"));
  }

  @Test
  void nextChangeFollowsTheClockChange() {
    Policy policy = policyWithBinding("schedule: {from: '09:00', to: '18:00', timezone: Europe/Paris}");

    assertThat(policy.nextChange("u", at("2026-03-28T12:00:00Z"))).as("18:00 CET").isEqualTo(at("2026-03-28T17:00:00Z"));
    assertThat(policy.nextChange("u", at("2026-03-28T17:00:00Z"))).as("09:00 CEST").isEqualTo(at("2026-03-29T07:00:00Z"));
  }

  @Test
  void accessEvaluatedAtNextChangeIsTheNewAccess() {
    Policy policy = policyWithBinding("schedule: {from: '09:00', to: '18:00', timezone: Europe/Paris}");
    Instant before = at("2026-06-01T10:00:00Z");
    Instant boundary = policy.nextChange("u", before);

    assertThat(seesPods(policy, before)).isTrue();
    assertThat(seesPods(policy, boundary.minusNanos(1))).isTrue();
    assertThat(seesPods(policy, boundary)).isFalse();
  }

  @Test
  void anExpiryBeforeTheNextWindowBoundaryIsTheNextChange() {
    Policy policy = policyWithBinding("""
        schedule: {from: '09:00', to: '18:00', timezone: Europe/Paris}
        expires: '2026-06-01T12:00:00Z'
        """);

    assertThat(policy.nextChange("u", at("2026-06-01T08:00:00Z"))).isEqualTo(at("2026-06-01T12:00:00Z"));
    assertThat(policy.nextChange("u", at("2026-06-01T12:00:00Z"))).isNull();
  }

  @Test
  void nothingChangesForABindingWithoutScheduleOrExpiry() {
    assertThat(policyWithBinding("").nextChange("u", at("2026-06-01T08:00:00Z"))).isNull();
  }

  @Test
  void nextChangeIsTheEarliestOverAllTheUsersBindings() {
    Policy policy = parse("""
        users: [{name: u}, {name: v}]
        teams: [{name: t, members: [u]}]
        roles: [{name: r, allow: [{resources: [pods], verbs: [view]}]}]
        bindings:
          - {role: r, subjects: ["user:u"], schedule: {from: '09:00', to: '18:00', timezone: UTC}}
          - {role: r, subjects: ["team:t"], expires: '2026-06-01T10:30:00Z'}
          - {role: r, subjects: ["user:v"], expires: '2026-06-01T10:15:00Z'}
        """);

    assertThat(policy.nextChange("u", at("2026-06-01T10:00:00Z"))).isEqualTo(at("2026-06-01T10:30:00Z"));
    assertThat(policy.nextChange("nobody", at("2026-06-01T10:00:00Z"))).isNull();
  }
}
