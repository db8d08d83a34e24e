package app.octokube.backend.rbac;

import java.util.Collection;
import java.util.Optional;

/**
 * Suggests the known word closest to a mistyped one, for error messages. Closest is the smallest
 * edit distance (insertions, deletions, substitutions, swaps of neighbours); a suggestion is made
 * only within two edits and within a third of the word's length, since beyond that the
 * "suggestion" is usually noise.
 */
final class DidYouMean {
  private static final int MAX_EDITS = 2;

  private DidYouMean() {}

  static Optional<String> closest(String input, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.min(MAX_EDITS, Math.max(1, input.length() / 3));
    for (String candidate : known) {
      if (Math.abs(candidate.length() - input.length()) > limit) {
        continue;
      }
      int distance = distance(input, candidate);
      if (distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code " (did you mean \"x\"?)"}, or the empty string when nothing is close. */
  static String hint(String input, Collection<String> known) {
    return closest(input, known).map(word -> " (did you mean \"" + word + "\"?)").orElse("");
  }

  /** Optimal string alignment distance: a swap of two neighbours ("veiw") counts as one edit. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
