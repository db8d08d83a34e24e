package app.octokube.backend.rbac;

/** A label selector that does not parse, with the 0-based character position of the problem. */
public final class LabelSelectorException extends IllegalArgumentException {
  private final int position;

  public LabelSelectorException(String message, int position) {
    super(message + " (at character " + (position + 1) + ")");
    this.position = position;
  }

  /** The 0-based index in the selector text where the problem was found. */
  public int position() {
    return position;
  }
}
