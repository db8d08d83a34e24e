package app.octokube.backend.rbac;

import java.util.Objects;

/**
 * The fingerprint of an effective access: the canonical forms of the rules that apply, allows and
 * denies, each sorted and deduplicated, without the clusters (already applied) or the user.
 *
 * <p>Equal keys imply equal access, because every decision of an {@link Access} is a function of
 * exactly these rules. The converse does not always hold (two different rule sets may happen to
 * allow the same objects), which only costs the Backend a second encoding, never a leak. This is
 * what lets the Backend encode one payload per access class instead of one per user.
 */
public record AccessKey(String canonical) {
  public AccessKey {
    Objects.requireNonNull(canonical, "canonical");
  }

  @Override
  public String toString() {
    return canonical.isEmpty() ? "AccessKey[nothing]" : "AccessKey[" + canonical.replace('\n', ' ') + "]";
  }
}
