package app.octokube.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A cluster's id as the Backend knows it: a DNS-1123 label (lowercase letters, digits and
 * dashes, at most 63 characters), so it is safe in URLs, metric labels and log lines.
 */
public record ClusterId(String value) {
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public ClusterId {
    Objects.requireNonNull(value, "cluster id");
    if (!DNS_1123_LABEL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "cluster id must be a DNS-1123 label (a-z, 0-9, '-', at most 63 characters)");
    }
  }

  @JsonCreator
  public static ClusterId of(String value) {
    return new ClusterId(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
