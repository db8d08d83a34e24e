package app.octokube.backend.rbac;

import java.util.Objects;
import java.util.Set;

/** A named group of users, so bindings can name the group instead of each member. */
public record Team(String name, Set<String> members) {
  public Team {
    Objects.requireNonNull(name, "name");
    members = Set.copyOf(members);
  }
}
