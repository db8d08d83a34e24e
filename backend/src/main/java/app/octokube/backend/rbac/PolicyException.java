package app.octokube.backend.rbac;

/**
 * A policy that was refused, with where and why. The message starts with the line and column of
 * the offending YAML node ({@code line 14, column 9: unknown verb "veiw" (known: view)}), so an
 * operator can go straight to it; a problem with the document as a whole (too large, a YAML bomb)
 * has no position and the message says only what is wrong.
 */
public final class PolicyException extends Exception {
  private final String problem;
  private final int line;
  private final int column;

  /**
   * @param problem what is wrong, without the position
   * @param line 1-based line, or 0 when the problem concerns the whole document
   * @param column 1-based column, or 0 when the problem concerns the whole document
   */
  public PolicyException(String problem, int line, int column) {
    super(line > 0 ? "line " + line + ", column " + column + ": " + problem : problem);
    this.problem = problem;
    this.line = line;
    this.column = column;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }

  /** The 1-based line of the offending node, or 0 when the whole document is refused. */
  public int line() {
    return line;
  }

  /** The 1-based column of the offending node, or 0 when the whole document is refused. */
  public int column() {
    return column;
  }
}
