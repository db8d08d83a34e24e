package app.octokube.backend.rbac;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A local user: a name, optionally a bcrypt password hash for the sign-in page, and the SHA-256
 * digests of the user's API tokens. The policy never holds a password or a token in clear.
 *
 * <p>A user without a password hash cannot sign in with a password (a robot that only uses
 * tokens); a user without tokens cannot use the API with a bearer token.
 */
public final class User {
  /**
   * The modular crypt form of bcrypt: {@code $2a$}, {@code $2b$} or {@code $2y$} (the variants
   * htpasswd, OpenBSD and PHP write; they verify alike), a two-digit cost from 04 to 31, then 22
   * characters of salt and 31 of hash in bcrypt's base64 alphabet.
   */
  static final Pattern BCRYPT_FORM =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  /**
   * Bcrypt reads at most 72 bytes of a password; like htpasswd and OpenBSD we ignore the rest
   * rather than refuse the password, so a hash made by those tools verifies here.
   */
  private static final BCrypt.Verifyer VERIFYER =
      BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

  private final String name;
  private final String passwordHash;
  private final List<TokenDigest> tokens;

  /**
   * @param passwordHash a bcrypt hash in {@link #BCRYPT_FORM}, or null for no password sign-in
   */
  User(String name, String passwordHash, List<TokenDigest> tokens) {
    this.name = Objects.requireNonNull(name, "name");
    if (passwordHash != null && !BCRYPT_FORM.matcher(passwordHash).matches()) {
      throw new IllegalArgumentException("not a bcrypt hash");
    }
    this.passwordHash = passwordHash;
    this.tokens = List.copyOf(tokens);
  }

  public String name() {
    return name;
  }

  public boolean hasPassword() {
    return passwordHash != null;
  }

  /**
   * Whether {@code password} is this user's. Deliberately slow (bcrypt at the hash's cost); the
   * caller may wipe the array afterwards, and nothing here keeps a copy.
   */
  public boolean verifyPassword(char[] password) {
    return passwordHash != null && verify(password, passwordHash);
  }

  List<TokenDigest> tokens() {
    return tokens;
  }

  /** The hash, only to spend the same time on an unknown user as on a known one. */
  String passwordHashForTiming() {
    return passwordHash;
  }

  static boolean verify(char[] password, String bcryptHash) {
    return VERIFYER.verify(password, bcryptHash).verified;
  }

  /** The name only: hashes stay out of logs. */
  @Override
  public String toString() {
    return "User[" + name + "]";
  }
}
