package app.octokube.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Pods that look like a real cluster's, made from the Kubernetes project's exemplar pod (the
 * template of the apiserver's own 150,000-pod watch-cache benchmark): managedFields, a dozen
 * labels and annotations, init containers, env, probes and full status — about 14 KB of JSON.
 *
 * <p>Pod {@code i} is deterministic: the same index gives the same pod, so benchmarks and tests
 * are repeatable. Pods are grouped into deployments of {@link #REPLICAS} spread over namespaces
 * and nodes the way a busy cluster spreads them.
 */
public final class RealisticPods {
  /** Pods per deployment. */
  public static final int REPLICAS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ObjectNode template;
  private final String[] namespaces;
  private final int nodes;

  /**
   * @param namespaces the namespaces pods are spread over, deployment by deployment
   * @param nodes how many nodes ({@code node-0} …) pods are scheduled on
   */
  public RealisticPods(String[] namespaces, int nodes) {
    if (namespaces.length == 0 || nodes < 1) {
      throw new IllegalArgumentException("pods need at least one namespace and one node");
    }
    this.template = loadTemplate();
    this.namespaces = namespaces.clone();
    this.nodes = nodes;
  }

  public RealisticPods() {
    this(new String[] {"payments", "search", "platform", "kube-system"}, 50);
  }

  /** The exemplar pod exactly as the Kubernetes project ships it, as compact JSON. */
  public static byte[] exemplarJson() {
    try {
      return JSON.writeValueAsBytes(loadTemplate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The deployment pod {@code index} belongs to. */
  public static int deploymentOf(int index) {
    return index / REPLICAS;
  }

  public static String appName(int deployment) {
    return "app-" + deployment;
  }

  /** The pod-template-hash of a deployment's one ReplicaSet. */
  public static String templateHash(int deployment) {
    return Integer.toHexString(0x5f000000 + deployment * 7919);
  }

  public static String replicaSetName(int deployment) {
    return appName(deployment) + "-" + templateHash(deployment);
  }

  /** A stable uid for the {@code index}th object of a kind. */
  public static String uid(String kind, int index) {
    return UUID.nameUUIDFromBytes((kind + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
  }

  public static String tierOf(int deployment) {
    return deployment % 3 == 0 ? "web" : deployment % 3 == 1 ? "api" : "db";
  }

  /** The name pod {@code index} has in its {@code generation}th incarnation (0 first). */
  public static String podName(int index, int generation) {
    int deployment = deploymentOf(index);
    return replicaSetName(deployment) + "-" + suffix(index + (long) generation * 1_000_003);
  }

  /** Pod {@code index} at {@code resourceVersion}, as the apiserver would serve it. */
  public ObjectNode pod(int index, long resourceVersion) {
    return pod(index, 0, resourceVersion);
  }

  /** Pod {@code index} in its {@code generation}th incarnation (a replacement after a rollout). */
  public ObjectNode pod(int index, int generation, long resourceVersion) {
    ObjectNode pod = template.deepCopy();
    int deployment = deploymentOf(index);
    String app = appName(deployment);
    String hash = templateHash(deployment);
    String name = podName(index, generation);
    ObjectNode meta = (ObjectNode) pod.get("metadata");
    meta.put("name", name);
    meta.put("namespace", namespaceOf(index));
    meta.put("generateName", app + "-" + hash + "-");
    meta.put("uid", uid("pod-" + generation, index));
    meta.put("resourceVersion", Long.toString(resourceVersion));
    meta.put("creationTimestamp", Instant.ofEpochSecond(1_776_000_000L + index).toString());
    ObjectNode labels = (ObjectNode) meta.get("labels");
    labels.put("name", app);
    labels.put("app.kubernetes.io/instance", app);
    labels.put("pod-template-hash", hash);
    labels.put("tier", tierOf(deployment));
    ObjectNode owner = (ObjectNode) meta.get("ownerReferences").get(0);
    owner.put("name", app + "-" + hash);
    owner.put("uid", uid("rs", deployment));
    ObjectNode spec = (ObjectNode) pod.get("spec");
    spec.put("nodeName", "node-" + (index % nodes));
    ObjectNode status = (ObjectNode) pod.get("status");
    String ip = "10.244." + ((index >> 8) & 0xff) + "." + (index & 0xff);
    status.put("podIP", ip);
    ArrayNode podIps = JSON.createArrayNode();
    podIps.addObject().put("ip", ip);
    status.set("podIPs", podIps);
    return pod;
  }

  /** Pod {@code index} as compact JSON bytes. */
  public byte[] podJson(int index, long resourceVersion) {
    try {
      return JSON.writeValueAsBytes(pod(index, resourceVersion));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pod {@code index} after {@code restarts} restarts of its main container: what churn looks
   * like on the wire (a status change and a new resourceVersion).
   */
  public ObjectNode restarted(int index, long resourceVersion, int restarts) {
    ObjectNode pod = pod(index, resourceVersion);
    JsonNode statuses = pod.path("status").path("containerStatuses");
    if (statuses.isArray()) {
      for (JsonNode s : statuses) {
        ((ObjectNode) s).put("restartCount", restarts);
      }
    }
    return pod;
  }

  public String namespaceOf(int index) {
    return namespaces[(index / REPLICAS) % namespaces.length];
  }

  private static String suffix(long index) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder out = new StringBuilder(5);
    long n = index;
    for (int i = 0; i < 5; i++) {
      out.append(alphabet.charAt((int) (n % alphabet.length())));
      n /= alphabet.length();
    }
    return out.toString();
  }

  private static ObjectNode loadTemplate() {
    try (InputStream in = RealisticPods.class.getResourceAsStream("/fixtures/exemplar-pod.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the exemplar pod is missing from the sim jar");
      }
      return (ObjectNode) new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the exemplar pod", e);
    }
  }
}
