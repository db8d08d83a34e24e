package app.octokube.backend.agents;

import app.octokube.protocol.ClusterId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Agent tokens, one per cluster, held only as SHA-256 hashes. The token decides the cluster:
 * an Agent never names its cluster, so it cannot claim another's.
 *
 * <p>A presented token is hashed once and compared with every stored hash in constant time, all
 * of them whatever matched, so timing tells nothing about which hash came close. SHA-256 without
 * salt is enough here because tokens are long random secrets, not passwords. Immutable.
 */
public final class AgentTokens {
  private static final HexFormat HEX = HexFormat.of();
  private final Map<ClusterId, byte[]> hashes;

  private AgentTokens(Map<ClusterId, byte[]> hashes) {
    this.hashes = Collections.unmodifiableMap(hashes);
  }

  /**
   * Tokens from their hashes, as an operator configures them.
   *
   * @param hexHashes per cluster, the SHA-256 of its token in hexadecimal (64 digits)
   * @throws IllegalArgumentException if a hash is malformed or two clusters share one
   */
  public static AgentTokens fromHashes(Map<ClusterId, String> hexHashes) {
    Map<ClusterId, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<ClusterId, String> entry : hexHashes.entrySet()) {
      String hex = entry.getValue();
      if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException("the token hash of cluster " + entry.getKey()
            + " must be a SHA-256 in hexadecimal (64 digits)");
      }
      byte[] hash = HEX.parseHex(hex.toLowerCase());
      for (Map.Entry<ClusterId, byte[]> seen : out.entrySet()) {
        if (MessageDigest.isEqual(seen.getValue(), hash)) {
          throw new IllegalArgumentException("clusters " + seen.getKey() + " and " + entry.getKey()
              + " share one token; each cluster needs its own");
        }
      }
      out.put(entry.getKey(), hash);
    }
    return new AgentTokens(out);
  }

  /** Tokens from their plain values, hashed at once; for tests and development setups. */
  public static AgentTokens fromTokens(Map<ClusterId, String> tokens) {
    Map<ClusterId, String> hexHashes = new LinkedHashMap<>();
    tokens.forEach((cluster, token) -> hexHashes.put(cluster, sha256Hex(token)));
    return fromHashes(hexHashes);
  }

  /** The SHA-256 of a token in hexadecimal: what an operator puts in the configuration. */
  public static String sha256Hex(String token) {
    return HEX.formatHex(sha256(token));
  }

  /** The cluster whose token this is, if any. */
  public Optional<ClusterId> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(token);
    ClusterId match = null;
    for (Map.Entry<ClusterId, byte[]> entry : hashes.entrySet()) {
      if (MessageDigest.isEqual(presented, entry.getValue())) {
        match = entry.getKey();
      }
    }
    return Optional.ofNullable(match);
  }

  /** Every cluster that has a token: the clusters this Backend serves. */
  public Set<ClusterId> clusters() {
    return hashes.keySet();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
