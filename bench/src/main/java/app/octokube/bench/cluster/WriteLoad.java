package app.octokube.bench.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes to the apiserver at a fixed rate, open loop: write {@code n} is due at
 * {@code start + n / rate} whatever happened to the writes before it, and its latency is measured
 * from that due time. A slow apiserver therefore shows as latency, not as a lower rate the
 * measurement silently follows (coordinated omission).
 *
 * <p>Each write is one JSON merge patch of one pod's annotation ({@link Arrivals#ANNOTATION} unless
 * told otherwise),
 * sent asynchronously over a pool of HTTP connections, so that a write waiting for its answer
 * never delays the next one's start.
 */
final class WriteLoad implements AutoCloseable {
  private final HttpClientAgent http;
  private final String host;
  private final int port;
  private final List<String> podPaths;
  private final String annotation;
  private final AtomicLongArray due;
  private final AtomicLongArray answered;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastCompletion = new AtomicLong();

  /**
   * @param apiserver the apiserver's URL
   * @param podPaths the API paths of the pods to write to, in turn
   * @param writes the most writes this load will send over all its runs
   */
  WriteLoad(Vertx vertx, String apiserver, List<String> podPaths, int writes) {
    this(vertx, apiserver, podPaths, writes, Arrivals.ANNOTATION);
  }

  /** A load writing {@code annotation} instead, which no observer counts (a warm-up). */
  WriteLoad(Vertx vertx, String apiserver, List<String> podPaths, int writes, String annotation) {
    this.annotation = annotation;
    URI uri = URI.create(apiserver);
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.podPaths = List.copyOf(podPaths);
    this.due = new AtomicLongArray(writes);
    this.answered = new AtomicLongArray(writes);
    // 64 connections: at 2,000 writes a second, a write answered within 30 ms never waits for one.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
        new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
  }

  /**
   * Sends writes {@code [from, to)} at {@code perSecond}, the first due now; returns when the
   * last has been sent (not answered).
   */
  void run(int from, int to, double perSecond) {
    long start = System.nanoTime();
    double period = 1e9 / perSecond;
    for (int n = from; n < to; n++) {
      long at = start + Math.round((n - from) * period);
      long wait = at - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      due.set(n, at);
      send(n);
    }
  }

  private void send(int n) {
    String body = "{\"metadata\":{\"annotations\":{\"" + annotation + "\":\"" + n + "\"}}}";
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.PATCH).setHost(host).setPort(port)
        .setURI(podPaths.get(n % podPaths.size())).setTimeout(30_000)
        .putHeader("Content-Type", "application/merge-patch+json");
    http.request(options)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> response.statusCode()))
        .onComplete(result -> {
          long now = System.nanoTime();
          answered.set(n, now == 0 ? 1 : now);
          if (result.succeeded() && result.result() / 100 == 2) {
            completed.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
          lastCompletion.accumulateAndGet(now, Math::max);
        });
  }

  /** When write {@code n} was due ({@link System#nanoTime()}). */
  long due(int n) {
    return due.get(n);
  }

  /** When the apiserver answered write {@code n} ({@link System#nanoTime()}), or 0 if it has not. */
  long answered(int n) {
    return answered.get(n);
  }

  long completed() {
    return completed.get();
  }

  long failed() {
    return failed.get();
  }

  /** When the latest answer arrived ({@link System#nanoTime()}). */
  long lastCompletion() {
    return lastCompletion.get();
  }

  @Override
  public void close() {
    Waits.quietly(http.close());
  }
}
