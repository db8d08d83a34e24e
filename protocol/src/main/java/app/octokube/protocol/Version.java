package app.octokube.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A position in one cluster's change history within one {@link Epoch}. Only the Agent assigns
 * versions: 0 before any change, then one more for each batch that changed something.
 */
public record Version(long value) implements Comparable<Version> {
  public static final Version ZERO = new Version(0);

  public Version {
    if (value < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
  }

  @JsonCreator
  public static Version of(long value) {
    return new Version(value);
  }

  public Version next() {
    return new Version(Math.addExact(value, 1));
  }

  public boolean isAfter(Version other) {
    return value > other.value;
  }

  @Override
  public int compareTo(Version other) {
    return Long.compare(value, other.value);
  }

  @JsonValue
  @Override
  public long value() {
    return value;
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
