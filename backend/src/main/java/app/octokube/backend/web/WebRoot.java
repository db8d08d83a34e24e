package app.octokube.backend.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the Web IDE from the classpath's {@code webroot/} (the {@code web} module's jar).
 *
 * <p>Files are read once and kept: the IDE is a few hundred kilobytes and never changes while the
 * process runs. Hashed assets are cached by browsers for a year; {@code index.html} never, so a
 * new version is picked up on reload. Every answer carries headers that keep the IDE from being
 * framed by another site or running scripts it did not ship.
 */
public final class WebRoot {
  private static final String ROOT = "webroot";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "json", "application/json",
      "map", "application/json",
      "png", "image/png",
      "ico", "image/x-icon",
      "woff2", "font/woff2");
  private static final String CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
      + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final ClassLoader loader;
  private final ConcurrentHashMap<String, Buffer> cache = new ConcurrentHashMap<>();
  private static final Buffer MISSING = Buffer.buffer();

  public WebRoot() {
    this(WebRoot.class.getClassLoader());
  }

  WebRoot(ClassLoader loader) {
    this.loader = loader;
  }

  /** Whether the IDE is on the classpath (it is in the {@code octokube} jar, not in unit tests). */
  public boolean present() {
    return load("index.html") != MISSING;
  }

  /** Answers a GET or HEAD for a path of the IDE; 404 for anything else. */
  public void handle(HttpServerRequest request) {
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
      return;
    }
    String path = request.path();
    String file = path.equals("/") ? "index.html" : path.substring(1);
    if (file.contains("..") || file.contains("//") || file.contains("\\") || file.isEmpty()) {
      request.response().setStatusCode(404).end();
      return;
    }
    Buffer content = load(file);
    if (content == MISSING) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("not found\n");
      return;
    }
    var response = request.response()
        .putHeader("Content-Type", TYPES.getOrDefault(extension(file), "application/octet-stream"))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("Cache-Control", file.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    if (HttpMethod.HEAD.equals(request.method())) {
      response.putHeader("Content-Length", Integer.toString(content.length())).end();
    } else {
      response.end(content);
    }
  }

  /** The file's bytes, or {@link #MISSING}. Only files that exist are cached, so probing many
   * paths that do not costs no memory. */
  private Buffer load(String file) {
    Buffer cached = cache.get(file);
    if (cached != null) {
      return cached;
    }
    try (InputStream in = loader.getResourceAsStream(ROOT + "/" + file)) {
      if (in == null) {
        return MISSING;
      }
      Buffer content = Buffer.buffer(in.readAllBytes());
      cache.put(file, content);
      return content;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the IDE's " + file, e);
    }
  }

  private static String extension(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? "" : file.substring(dot + 1);
  }
}
