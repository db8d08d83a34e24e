package app.octokube.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.agent.engine.ExecutionQueue;
import app.octokube.agent.engine.QueueConfig;
import app.octokube.protocol.Codec;
import app.octokube.protocol.link.AgentHello;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code wss://} with a configured CA: the link trusts that CA and nothing else. */
class AgentLinkTlsTest {
  /** EC keys: an RSA key pair takes seconds to generate on a busy machine. */
  private static SelfSignedCertificate backendCert;
  private static SelfSignedCertificate otherCert;

  private final Codec codec = new Codec();
  private final ExecutorService streamer = Executors.newCachedThreadPool();
  private final Vertx vertx = Vertx.vertx();
  private final ExecutionQueue queue =
      new ExecutionQueue(QueueConfig.DEFAULTS, codec::encode, streamer);
  private FakeBackend backend;
  private AgentLink link;

  @BeforeAll
  static void makeCertificates() throws Exception {
    backendCert = new SelfSignedCertificate("localhost", "EC", 256);
    otherCert = new SelfSignedCertificate("localhost", "EC", 256);
  }

  @AfterAll
  static void deleteCertificates() {
    backendCert.delete();
    otherCert.delete();
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (link != null) {
      link.close().get(10, TimeUnit.SECONDS);
    }
    queue.close();
    backend.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    streamer.shutdownNow();
  }

  private AgentLink startLink(String caPath) throws Exception {
    backend = FakeBackend.startTls(vertx, new PemKeyCertOptions()
        .setCertPath(backendCert.certificate().getPath())
        .setKeyPath(backendCert.privateKey().getPath()));
    LinkConfig config = LinkConfig.of("wss://localhost:" + backend.port())
        .withCaFile(Path.of(caPath))
        .withRetries(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100)),
            RetryPolicy.REFUSED, Duration.ofSeconds(1));
    queue.submit(LinkFixtures.relistPods());
    link = new AgentLink(vertx, queue, codec, config, AgentToken.of(FakeBackend.TOKEN));
    link.start();
    return link;
  }

  @Test
  void connectsToABackendWhoseCertificateTheConfiguredCaSigned() throws Exception {
    startLink(backendCert.certificate().getPath());
    AgentHello hello = backend.connection(1).next(AgentHello.class);
    assertThat(hello.epoch()).isEqualTo(queue.epoch());
  }

  @Test
  void refusesABackendTheConfiguredCaDidNotSign() throws Exception {
    startLink(otherCert.certificate().getPath());
    Thread.sleep(500);
    assertThat(backend.connectionCount()).isZero();
    assertThat(link.status().connected()).isFalse();
    assertThat(link.status().reconnects()).isPositive();
  }
}
