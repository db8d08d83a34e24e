package app.octokube.protocol;

/**
 * Text taken from a peer's frame and put in an error message for humans. It is cut to
 * {@value #MAX_QUOTED} characters and control characters are replaced, so an error can neither
 * echo a large input back nor break a log line.
 */
final class WireText {
  static final int MAX_QUOTED = 64;

  private WireText() {}

  /** The text in single quotes, cut and cleaned. */
  static String quote(String text) {
    return "'" + clean(text) + "'";
  }

  static String clean(String text) {
    int end = Math.min(text.length(), MAX_QUOTED);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 1);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      // Backticks too: Jackson quotes Java type names with them, so a message that never holds
      // one is easy to check for leaked internals, whatever a peer sent.
      out.append(Character.isISOControl(c) || c == '`' ? '?' : c);
    }
    if (end < text.length()) {
      out.append('…');
    }
    return out.toString();
  }

  /**
   * The number of bytes the text takes in UTF-8, counted only up to {@code limit + 1}: enough to
   * tell whether a text frame is over its limit without encoding it. A lone surrogate counts as
   * the three bytes of its replacement.
   */
  static long utf8Length(String text, long limit) {
    long bytes = 0;
    for (int i = 0; i < text.length() && bytes <= limit; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
