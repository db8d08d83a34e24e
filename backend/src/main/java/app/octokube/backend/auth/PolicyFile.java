package app.octokube.backend.auth;

import app.octokube.backend.rbac.Policy;
import app.octokube.backend.rbac.PolicyException;
import app.octokube.backend.rbac.PolicyParser;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy file, watched and reloaded.
 *
 * <p>Rules: the first load must succeed, or the Backend does not start. After that, the file is
 * checked every {@link #POLL_MILLIS} ms and reloaded when its content changes; a file that does not
 * parse is refused whole — logged with the line and column of the problem — and the last good
 * policy stays in force. Content is compared by digest rather than by modification time, because
 * Kubernetes updates a mounted ConfigMap by swapping a symlink, which keeps neither the path's
 * inode nor, reliably, its time stamp.
 */
public final class PolicyFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PolicyFile.class);

  /** 500 ms: a changed policy takes effect well within the second the product promises. */
  static final long POLL_MILLIS = 500;

  private final Vertx vertx;
  private final Path path;
  private final PolicyHolder holder;
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private byte[] digest;
  private long timer = -1;

  private PolicyFile(Vertx vertx, Path path, PolicyHolder holder, byte[] digest) {
    this.vertx = vertx;
    this.path = path;
    this.holder = holder;
    this.digest = digest;
  }

  /**
   * Loads the policy at {@code path} and starts watching it.
   *
   * @throws PolicyException if the file does not parse (the message names the line)
   * @throws IOException if it cannot be read
   */
  public static PolicyFile watch(Vertx vertx, Path path) throws IOException, PolicyException {
    byte[] content = Files.readAllBytes(path);
    Policy policy = PolicyParser.parse(content);
    PolicyFile file = new PolicyFile(vertx, path, new PolicyHolder(policy), sha256(content));
    file.timer = vertx.setPeriodic(POLL_MILLIS, id -> file.check());
    log.info("policy loaded from {}: {} users, {} bindings", path, policy.userNames().size(), policy.bindings().size());
    return file;
  }

  public PolicyHolder holder() {
    return holder;
  }

  /** Reloads that took effect. */
  public long reloads() {
    return reloads.get();
  }

  /** Changed files that were refused. */
  public long refusals() {
    return refusals.get();
  }

  private void check() {
    vertx.<byte[]>executeBlocking(() -> Files.readAllBytes(path), false).onComplete(read -> {
      if (read.failed()) {
        // A ConfigMap swap can leave the path missing for an instant; the next poll sees it.
        log.debug("policy file {} unreadable for now: {}", path, read.cause().getMessage());
        return;
      }
      byte[] content = read.result();
      byte[] next = sha256(content);
      if (Arrays.equals(next, digest)) {
        return;
      }
      digest = next;
      try {
        holder.replace(PolicyParser.parse(content));
        reloads.incrementAndGet();
        log.info("policy reloaded from {}", path);
      } catch (PolicyException e) {
        refusals.incrementAndGet();
        log.error("policy file {} refused, the last good policy stays in force: {}", path, e.getMessage());
      }
    });
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  @Override
  public String toString() {
    return "PolicyFile[" + Objects.toString(path) + "]";
  }
}
