package app.octokube.backend.rbac;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 of an API token, which is all the policy stores of it. A plain hash is enough here,
 * unlike for passwords: tokens are long random strings, so there is no dictionary to try, and a
 * fast hash keeps every authenticated request cheap. Digests compare in constant time.
 */
final class TokenDigest {
  static final String PREFIX = "sha256:";
  private static final Pattern FORM = Pattern.compile("sha256:[0-9a-fA-F]{64}");

  private final byte[] digest;

  private TokenDigest(byte[] digest) {
    this.digest = digest;
  }

  /** Reads the policy's form, {@code sha256:} then 64 hex digits (either case). */
  static TokenDigest parse(String text) {
    if (!FORM.matcher(text).matches()) {
      throw new IllegalArgumentException("a token hash is sha256: then 64 hex digits");
    }
    return new TokenDigest(HexFormat.of().parseHex(text, PREFIX.length(), text.length()));
  }

  /** Hashes a presented token (its UTF-8 bytes), to compare with the stored digests. */
  static TokenDigest of(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return new TokenDigest(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** Constant-time: the time taken does not depend on where two digests first differ. */
  boolean sameAs(TokenDigest other) {
    return MessageDigest.isEqual(digest, other.digest);
  }

  /** The canonical policy form, lowercase hex; a hash, so safe to show, but not worth logging. */
  String text() {
    return PREFIX + HexFormat.of().formatHex(digest);
  }

  @Override
  public String toString() {
    return "sha256:…";
  }
}
