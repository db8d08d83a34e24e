package app.octokube.backend.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API tokens for programmatic clients: a fixed map from token to user, held as SHA-256 hashes and
 * compared in constant time with every entry, whatever matched. Cookies are ignored. Immutable.
 */
public final class BearerTokenAuthenticator implements Authenticator {
  private record Entry(byte[] hash, String user) {}

  private final List<Entry> entries;

  private BearerTokenAuthenticator(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** @param usersByToken each token and the user it proves; hashed at once */
  public static BearerTokenAuthenticator fromTokens(Map<String, String> usersByToken) {
    List<Entry> out = new ArrayList<>();
    usersByToken.forEach((token, user) -> out.add(new Entry(sha256(token), user)));
    return new BearerTokenAuthenticator(out);
  }

  /**
   * @param usersByHash each token's SHA-256 in hexadecimal (64 digits) and the user it proves
   * @throws IllegalArgumentException if a hash is malformed
   */
  public static BearerTokenAuthenticator fromHashes(Map<String, String> usersByHash) {
    List<Entry> out = new ArrayList<>();
    usersByHash.forEach((hex, user) -> {
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException("the token hash of user " + user + " must be a SHA-256 in hexadecimal");
      }
      out.add(new Entry(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)), user));
    });
    return new BearerTokenAuthenticator(out);
  }

  @Override
  public Optional<String> authenticate(Credentials credentials) {
    if (credentials.bearerToken().isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(credentials.bearerToken().get());
    String user = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(presented, entry.hash())) {
        user = entry.user();
      }
    }
    return Optional.ofNullable(user);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
