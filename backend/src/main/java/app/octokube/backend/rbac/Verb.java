package app.octokube.backend.rbac;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a rule lets a user do. Only {@code view} exists today; {@code logs}, {@code exec},
 * {@code edit} and {@code delete} will join it with the features that need them. Until then they
 * are unknown verbs, refused like any typo, so a policy never seems to grant what the product
 * cannot yet enforce.
 */
public enum Verb {
  /** See objects, in snapshots and deltas. */
  VIEW("view");

  private final String word;

  Verb(String word) {
    this.word = word;
  }

  /** The verb as the policy spells it. */
  public String word() {
    return word;
  }

  static Optional<Verb> byWord(String word) {
    for (Verb verb : values()) {
      if (verb.word.equals(word)) {
        return Optional.of(verb);
      }
    }
    return Optional.empty();
  }

  /** The known verbs, for error messages: {@code view}. */
  static String known() {
    return Arrays.stream(values()).map(Verb::word).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return word;
  }
}
