package app.octokube.backend.rbac;

import app.octokube.backend.rbac.Nodes.Located;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code bindings} section: each binding names a defined role and defined subjects
 * ({@code user:NAME} or {@code team:NAME}), and may carry a weekly schedule and an expiry.
 *
 * <p>A schedule needs {@code from}, {@code to} and {@code timezone}; {@code days} defaults to
 * every day. The time zone is required, not defaulted to UTC, because a window that silently runs
 * in the wrong zone opens at the wrong hour for everyone. Times are {@code HH:MM} on a 24-hour
 * clock; an expiry is an ISO-8601 date-time with an offset, such as {@code 2027-01-31T00:00:00Z}.
 */
final class BindingParser {
  private static final List<String> BINDING_FIELDS = List.of("role", "subjects", "schedule", "expires");
  private static final List<String> SCHEDULE_FIELDS = List.of("days", "from", "to", "timezone");
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Map<String, DayOfWeek> DAYS = days();

  private final Nodes nodes;
  private final Set<String> users = new HashSet<>();
  private final Set<String> teams = new HashSet<>();
  private final Set<String> roles = new HashSet<>();

  BindingParser(Nodes nodes, List<User> users, List<Team> teams, List<Role> roles) {
    this.nodes = nodes;
    users.forEach(user -> this.users.add(user.name()));
    teams.forEach(team -> this.teams.add(team.name()));
    roles.forEach(role -> this.roles.add(role.name()));
  }

  List<Binding> bindings(List<Node> items) throws PolicyException {
    List<Binding> bindings = new ArrayList<>();
    for (Node item : items) {
      Nodes.Fields fields = nodes.mapping(item, "a binding", BINDING_FIELDS);
      Node roleNode = fields.require("role");
      String role = nodes.scalar(roleNode, "role");
      if (!roles.contains(role)) {
        throw nodes.error(
            roleNode, "binding to unknown role \"" + role + "\"" + DidYouMean.hint(role, roles));
      }
      Set<String> boundUsers = new HashSet<>();
      Set<String> boundTeams = new HashSet<>();
      for (Located subject : nodes.strings(fields.require("subjects"), "subjects", false)) {
        subject(subject, boundUsers, boundTeams);
      }
      Node scheduleNode = fields.get("schedule");
      Schedule schedule = scheduleNode == null ? null : schedule(scheduleNode);
      Node expiresNode = fields.get("expires");
      Instant expires = expiresNode == null ? null : instant(expiresNode);
      bindings.add(new Binding(role, boundUsers, boundTeams, schedule, expires));
    }
    return bindings;
  }

  private void subject(Located subject, Set<String> boundUsers, Set<String> boundTeams)
      throws PolicyException {
    String text = subject.value();
    if (text.startsWith("user:")) {
      String name = text.substring("user:".length());
      if (!users.contains(name)) {
        throw nodes.error(subject.node(), "unknown user \"" + name + "\"" + DidYouMean.hint(name, users));
      }
      boundUsers.add(name);
    } else if (text.startsWith("team:")) {
      String name = text.substring("team:".length());
      if (!teams.contains(name)) {
        throw nodes.error(subject.node(), "unknown team \"" + name + "\"" + DidYouMean.hint(name, teams));
      }
      boundTeams.add(name);
    } else {
      throw nodes.error(subject.node(), "subject \"" + text + "\" must be \"user:NAME\" or \"team:NAME\"");
    }
  }

  private Schedule schedule(Node node) throws PolicyException {
    Nodes.Fields fields = nodes.mapping(node, "a schedule", SCHEDULE_FIELDS);
    Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    if (fields.get("days") != null) {
      days = EnumSet.noneOf(DayOfWeek.class);
      for (Located day : nodes.strings(fields.get("days"), "days", false)) {
        DayOfWeek value = DAYS.get(day.value());
        if (value == null) {
          throw nodes.error(day.node(), "unknown day \"" + day.value() + "\"" + dayHint(day.value())
              + " (known: " + String.join(", ", DAYS.keySet()) + ")");
        }
        days.add(value);
      }
    }
    LocalTime from = time(fields.require("from"), "from");
    Node toNode = fields.require("to");
    LocalTime to = time(toNode, "to");
    if (from.equals(to)) {
      throw nodes.error(toNode, "from and to are both " + from + ": a window needs two different times"
          + " (to before from makes it cross midnight)");
    }
    return new Schedule(days, from, to, zone(fields.require("timezone")));
  }

  /** "monday" and "Mon" are the likely slips; suggest by the first three letters, else by spelling. */
  private static String dayHint(String text) {
    String prefix = text.length() >= 3 ? text.substring(0, 3).toLowerCase(Locale.ROOT) : text;
    return DAYS.containsKey(prefix)
        ? " (did you mean \"" + prefix + "\"?)"
        : DidYouMean.hint(text, DAYS.keySet());
  }

  private LocalTime time(Node node, String field) throws PolicyException {
    String text = nodes.scalar(node, field);
    if (!TIME.matcher(text).matches()) {
      throw nodes.error(
          node, field + " \"" + text + "\" is not a time of day: write \"HH:MM\", 00:00 to 23:59");
    }
    return LocalTime.parse(text);
  }

  private ZoneId zone(Node node) throws PolicyException {
    String text = nodes.scalar(node, "timezone");
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw nodes.error(node, "unknown timezone \"" + text + "\""
          + DidYouMean.hint(text, ZoneId.getAvailableZoneIds())
          + "; use a region id such as Europe/Paris, or UTC");
    }
  }

  private Instant instant(Node node) throws PolicyException {
    String text = nodes.scalar(node, "expires");
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw nodes.error(node, "expires \"" + text + "\" is not a date and time with an offset,"
          + " e.g. \"2027-01-31T00:00:00Z\"");
    }
  }

  private static Map<String, DayOfWeek> days() {
    Map<String, DayOfWeek> days = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      days.put(day.name().substring(0, 3).toLowerCase(Locale.ROOT), day);
    }
    return days;
  }
}
