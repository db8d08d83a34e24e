package app.octokube.protocol;

/**
 * The limits one direction of a link puts on an incoming frame. A frame over {@code maxBytes} is
 * refused before any parsing, so an oversized frame costs nothing but its own reception.
 *
 * @param maxBytes the largest frame accepted, in bytes of UTF-8
 * @param maxDepth the deepest nesting of arrays and objects accepted; the frame's own object is
 *     level 1. A bound on depth bounds the parser's stack, so no frame can overflow it.
 */
public record FrameLimits(int maxBytes, int maxDepth) {
  public FrameLimits {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1");
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1");
    }
  }
}
