package app.octokube.backend.rbac;

import java.util.List;
import java.util.Objects;

/** A named set of allow and deny rules; it grants nothing until a {@link Binding} gives it. */
record Role(String name, List<Rule> allow, List<Rule> deny) {
  Role {
    Objects.requireNonNull(name, "name");
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
  }
}
