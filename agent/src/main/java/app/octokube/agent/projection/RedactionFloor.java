package app.octokube.agent.projection;

/**
 * What never leaves the cluster, whatever a kind's table or a configured path selects. The floor is
 * decided by field name alone, at every depth of every object of every kind, because a rule that
 * depended on the kind would miss the same data inside a CRD (an Argo Rollout's pod template),
 * inside a copied subtree, or in a Secret projected under the wrong resource name. {@link
 * SelectionWriter} applies {@link #ruleFor} to every field it writes, selected or copied, and
 * {@link MetadataWriter} applies {@link #keepsAnnotation}, so no path can reach past them.
 *
 * <ul>
 *   <li>{@code managedFields}: never written.
 *   <li>{@code data}, {@code stringData}, {@code binaryData}: only the sorted list of keys (a
 *       Secret's or ConfigMap's values, and anything shaped like them, stay in the cluster).
 *   <li>{@code env}: each entry as {@code {"name":…}} or {@code {"name":…,"from":<source kind>}},
 *       the source kind being {@code configMapKeyRef}, {@code secretKeyRef}, {@code fieldRef} or
 *       {@code resourceFieldRef}; never {@code value}, and never the referenced object or key,
 *       since a user allowed to see a pod may not be allowed to learn which Secret keys feed it. An
 *       {@code env} written as a map (some CRDs do) keeps only its sorted keys.
 *   <li>{@code annotations}: without {@link #LAST_APPLIED} and without any value longer than {@link
 *       #MAX_ANNOTATION_LENGTH} characters.
 * </ul>
 *
 * <p>A field the floor governs whose value has another shape (a {@code data} that is a string) is
 * omitted: the floor never falls back to copying.
 */
final class RedactionFloor {
  /** Holds the whole object as last applied, Secret values included. */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /**
   * Why 512: the annotations an IDE shows (revision, change-cause, restartedAt, checksums, tool
   * hints) are short; longer values are serialized documents (last-applied, Helm and operator
   * state, JSON blobs) that are verbose, churn, and may embed what the floor exists to drop.
   */
  static final int MAX_ANNOTATION_LENGTH = 512;

  /** How the writer must treat a field, by its name. */
  enum Rule {
    /** Not governed: write as the selection says. */
    NONE,
    DROP,
    KEYS_ONLY,
    ENV,
    ANNOTATIONS
  }

  private RedactionFloor() {}

  static Rule ruleFor(String field) {
    return switch (field) {
      case "managedFields" -> Rule.DROP;
      case "data", "stringData", "binaryData" -> Rule.KEYS_ONLY;
      case "env" -> Rule.ENV;
      case "annotations" -> Rule.ANNOTATIONS;
      default -> Rule.NONE;
    };
  }

  /** Whether an annotation may leave the cluster. */
  static boolean keepsAnnotation(String key, Object value) {
    return value instanceof String s
        && s.length() <= MAX_ANNOTATION_LENGTH
        && !LAST_APPLIED.equals(key);
  }
}
