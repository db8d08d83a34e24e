package app.octokube.backend.rbac;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Gives a role to users and teams, optionally only inside a weekly {@link Schedule} and only before
 * an expiry. A binding is active at an instant when both hold: the schedule (if any) is open and
 * the instant is strictly before the expiry (if any), so at the expiry instant itself the role is
 * already gone.
 *
 * @param role the role's name; the parser checks it exists
 * @param users the users named by {@code user:NAME} subjects
 * @param teams the teams named by {@code team:NAME} subjects
 * @param schedule null when the binding applies at all hours
 * @param expires null when the binding never expires
 */
public record Binding(String role, Set<String> users, Set<String> teams, Schedule schedule, Instant expires) {

  public Binding {
    Objects.requireNonNull(role, "role");
    users = Set.copyOf(users);
    teams = Set.copyOf(teams);
  }

  /** Whether the binding names this user, directly or through one of the user's teams. */
  public boolean names(String user, Set<String> teamsOfUser) {
    if (users.contains(user)) {
      return true;
    }
    for (String team : teamsOfUser) {
      if (teams.contains(team)) {
        return true;
      }
    }
    return false;
  }

  public boolean isActive(Instant at) {
    return (expires == null || at.isBefore(expires)) && (schedule == null || schedule.isOpen(at));
  }

  /**
   * The first instant after {@code now} at which {@link #isActive} may change: the schedule's next
   * boundary before the expiry, else the expiry; null when neither can ever change it again (no
   * schedule and no expiry, or already expired).
   */
  public Instant nextChangeAfter(Instant now) {
    if (expires != null && !now.isBefore(expires)) {
      return null;
    }
    Instant boundary = schedule == null ? null : schedule.nextBoundaryAfter(now);
    if (expires != null && (boundary == null || !boundary.isBefore(expires))) {
      return expires;
    }
    return boundary;
  }
}
