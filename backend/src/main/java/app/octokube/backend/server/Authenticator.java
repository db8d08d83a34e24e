package app.octokube.backend.server;

import java.util.Optional;

/**
 * Who a client stream belongs to: from a bearer token or a session cookie to a user name, or a
 * refusal (HTTP 401 at the handshake). The sign-in and session work plugs in here.
 *
 * <p>Called on an event loop for every handshake, from several at once: an implementation is
 * thread-safe and does not block. It compares secrets in constant time and never logs them.
 */
@FunctionalInterface
public interface Authenticator {

  /** The user these credentials prove, or empty to refuse them. */
  Optional<String> authenticate(Credentials credentials);
}
