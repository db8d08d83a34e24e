package app.octokube.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A resource type named as kubectl names it: the plural, then {@code .group} when the group is
 * not core — {@code pods}, {@code deployments.apps}, {@code widgets.example.com}.
 */
public record ResourceName(String value) {
  private static final Pattern KUBECTL_FORM =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** Kubernetes caps a DNS-1123 subdomain at 253 characters; plural plus group is one. */
  private static final int MAX_LENGTH = 253;

  public ResourceName {
    Objects.requireNonNull(value, "resource name");
    if (value.length() > MAX_LENGTH || !KUBECTL_FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "resource must be in kubectl form: plural[.group], lowercase, e.g. pods or deployments.apps");
    }
  }

  @JsonCreator
  public static ResourceName of(String value) {
    return new ResourceName(value);
  }

  /** The name for a plural in a group; the core group is the empty string. */
  public static ResourceName of(String plural, String group) {
    return new ResourceName(group == null || group.isEmpty() ? plural : plural + "." + group);
  }

  public String plural() {
    int dot = value.indexOf('.');
    return dot < 0 ? value : value.substring(0, dot);
  }

  /** The API group, or the empty string for the core group. */
  public String group() {
    int dot = value.indexOf('.');
    return dot < 0 ? "" : value.substring(dot + 1);
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
