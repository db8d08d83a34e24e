package app.octokube.app.e2e;

import app.octokube.sim.RealisticPods;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The control endpoint the browser tests of {@code web/e2e/stack} drive the stack with: plain
 * HTTP on 127.0.0.1, acting on the simulated cluster the way a controller or an operator would.
 *
 * <pre>
 * POST   /pods?namespace=NS&amp;name=NAME   create a pod; 204 (409 if it exists)
 * DELETE /pods?namespace=NS&amp;name=NAME   delete a pod; 204 (404 if it does not exist)
 * POST   /agent/restart                   restart the Agent (new epoch); 204 once the new one runs.
 *        ?createBefore=NS/NAME            optional: create this pod right before stopping the Agent,
 *        &amp;deleteBefore=NS/NAME          and delete this one
 * </pre>
 *
 * Requests are carried out one at a time, in the order they arrive. A failure answers 500 with
 * the reason as text, and is printed.
 */
public final class StackControl implements AutoCloseable {
  /** Restarts the cluster's Agent; returns once the new Agent has started. */
  @FunctionalInterface
  public interface AgentRestarter {
    void restart() throws Exception;
  }

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final KubernetesClient client;
  private final AgentRestarter restarter;
  private final ObjectNode template;
  private final HttpServer server;
  private final ExecutorService executor;

  private StackControl(KubernetesClient client, AgentRestarter restarter) throws IOException {
    this.client = client;
    this.restarter = restarter;
    this.template = new RealisticPods().pod(0, 0, 1);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "octokube-e2e-control");
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/pods", this::pods);
    server.createContext("/agent/restart", this::restart);
  }

  /** Starts the endpoint on a free port of 127.0.0.1. */
  public static StackControl start(KubernetesClient client, AgentRestarter restarter) throws IOException {
    StackControl control = new StackControl(client, restarter);
    control.server.start();
    return control;
  }

  /** The endpoint's base URL, without a trailing slash, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void pods(HttpExchange exchange) throws IOException {
    handle(exchange, () -> {
      Map<String, String> query = query(exchange);
      switch (exchange.getRequestMethod()) {
        case "POST" -> {
          String namespace = checkName(required(query, "namespace"));
          String name = checkName(required(query, "name"));
          if (exists(namespace, name)) {
            reply(exchange, 409, "pod " + namespace + "/" + name + " exists");
          } else {
            createPod(namespace, name);
            reply(exchange, 204, null);
          }
        }
        case "DELETE" -> {
          String namespace = checkName(required(query, "namespace"));
          String name = checkName(required(query, "name"));
          if (!exists(namespace, name)) {
            reply(exchange, 404, "no pod " + namespace + "/" + name);
          } else {
            client.pods().inNamespace(namespace).withName(name).delete();
            reply(exchange, 204, null);
          }
        }
        default -> reply(exchange, 405, "POST or DELETE");
      }
      return null;
    });
  }

  private void restart(HttpExchange exchange) throws IOException {
    handle(exchange, () -> {
      if (!exchange.getRequestMethod().equals("POST")) {
        reply(exchange, 405, "POST");
        return null;
      }
      Map<String, String> query = query(exchange);
      String[] createBefore = optionalKey(query, "createBefore");
      String[] deleteBefore = optionalKey(query, "deleteBefore");
      if (createBefore != null) {
        createPod(createBefore[0], createBefore[1]);
      }
      if (deleteBefore != null) {
        client.pods().inNamespace(deleteBefore[0]).withName(deleteBefore[1]).delete();
      }
      restarter.restart();
      reply(exchange, 204, null);
      return null;
    });
  }

  /** A pod that looks like the simulated cluster's own (the exemplar), named as asked, created now. */
  private void createPod(String namespace, String name) {
    ObjectNode pod = template.deepCopy();
    ObjectNode meta = (ObjectNode) pod.get("metadata");
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", Instant.now().toString());
    meta.remove(List.of("generateName", "resourceVersion", "ownerReferences"));
    ObjectNode labels = meta.putObject("labels");
    labels.put("app", "e2e-stack");
    labels.put("name", name);
    client.resource(pod.toString()).create();
  }

  private boolean exists(String namespace, String name) {
    return client.pods().inNamespace(namespace).withName(name).get() != null;
  }

  /** Runs a request's action; every failure is answered, so no request is left hanging. */
  private static void handle(HttpExchange exchange, Callable<?> action) throws IOException {
    try (exchange) {
      try {
        exchange.getRequestBody().readAllBytes();
        action.call();
      } catch (IllegalArgumentException e) {
        reply(exchange, 400, e.getMessage());
      } catch (KubernetesClientException e) {
        System.err.println("e2e control: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
        reply(exchange, e.getCode() >= 400 ? e.getCode() : 500, String.valueOf(e.getMessage()));
      } catch (Exception | Error e) {
        System.err.println("e2e control: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed");
        e.printStackTrace();
        reply(exchange, 500, e.toString());
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private static String required(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing query parameter " + name);
    }
    return value;
  }

  /** {@code NS/NAME} as {@code [NS, NAME]}, or null when the parameter is absent. */
  private static String[] optionalKey(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null) {
      return null;
    }
    String[] parts = value.split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(name + " must be NAMESPACE/NAME, got " + value);
    }
    checkName(parts[0]);
    checkName(parts[1]);
    return parts;
  }

  private static String checkName(String value) {
    if (!DNS_LABEL.matcher(value).matches()) {
      throw new IllegalArgumentException("not a Kubernetes name: " + value);
    }
    return value;
  }
}
