package app.octokube.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id an Agent picks at each start. Versions are compared only within one epoch: a restart
 * resets the version to 0, and only the epoch tells "restarted and counted up to the same
 * number" from "nothing changed".
 */
public record Epoch(String value) {
  private static final Pattern FORM = Pattern.compile("[0-9a-z]{1,64}");
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  public Epoch {
    Objects.requireNonNull(value, "epoch");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("epoch must be 1 to 64 lowercase letters or digits");
    }
  }

  @JsonCreator
  public static Epoch of(String value) {
    return new Epoch(value);
  }

  /**
   * A fresh epoch of 80 random bits in base32 (16 characters): two Agents starting in the same
   * millisecond still differ, and a collision within one cluster's life is not a concern.
   */
  public static Epoch random() {
    char[] out = new char[16];
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    long bits = 0;
    int available = 0;
    int at = 0;
    for (byte b : bytes) {
      bits = (bits << 8) | (b & 0xff);
      available += 8;
      while (available >= 5) {
        available -= 5;
        out[at++] = ALPHABET[(int) ((bits >> available) & 31)];
      }
    }
    return new Epoch(new String(out));
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
