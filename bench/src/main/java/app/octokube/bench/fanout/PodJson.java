package app.octokube.bench.fanout;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Pod projections of about 1 KiB, shaped like the Agent's (metadata, the spec and status fields
 * the IDE shows), written from a template so that building 150,000 of them takes a fraction of a
 * second. Each carries, as the annotation {@value #SENT}, the {@link System#nanoTime()} at which
 * the fake Agent sent it: clients in the same JVM find it in the bytes they receive and get each
 * change's delivery latency without parsing the object.
 */
final class PodJson {
  static final String SENT = "octokube.bench/sent";
  /** What precedes the send time in an object's bytes. */
  static final byte[] MARKER = ("\"" + SENT + "\":\"").getBytes(StandardCharsets.US_ASCII);

  private PodJson() {}

  static Map<String, String> labels(int pod) {
    return Map.of("app", "svc-" + (pod % 7), "pod-template-hash", "7f9c8d6b5");
  }

  /** The pod {@code pod} of {@code namespace}, sent at {@code sentNanos}, in its {@code revision}. */
  static String of(String namespace, int pod, long sentNanos, long revision) {
    String name = "svc-" + (pod % 7) + "-7f9c8d6b5-" + pod;
    return "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace
        + "\",\"uid\":\"3f1e2d4c-" + namespace + "-" + pod + "\",\"labels\":{\"app\":\"svc-" + (pod % 7)
        + "\",\"pod-template-hash\":\"7f9c8d6b5\"},\"annotations\":{\"" + SENT + "\":\"" + sentNanos + "\"},"
        + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"svc-" + (pod % 7)
        + "-7f9c8d6b5\",\"uid\":\"9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\",\"controller\":true}],"
        + "\"creationTimestamp\":\"2026-11-20T08:00:00Z\",\"resourceVersion\":\"" + (1000 + revision) + "\"},"
        + "\"spec\":{\"nodeName\":\"node-" + (pod % 40) + ".example.internal\",\"serviceAccountName\":\"default\","
        + "\"restartPolicy\":\"Always\",\"containers\":[{\"name\":\"app\",\"image\":\"registry.example.com/"
        + namespace + "/svc-" + (pod % 7) + ":1.24.3\",\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"cpu\":\"500m\","
        + "\"memory\":\"512Mi\"}}},{\"name\":\"proxy\",\"image\":\"registry.example.com/mesh/proxy:2.1.0\","
        + "\"resources\":{\"requests\":{\"cpu\":\"50m\",\"memory\":\"64Mi\"}}}]},"
        + "\"status\":{\"phase\":\"Running\",\"podIP\":\"10.42." + (pod % 250) + "." + (pod % 200)
        + "\",\"hostIP\":\"10.0.3." + (pod % 40) + "\",\"startTime\":\"2026-11-20T08:00:05Z\","
        + "\"qosClass\":\"Burstable\",\"conditions\":[{\"type\":\"Initialized\",\"status\":\"True\"},"
        + "{\"type\":\"Ready\",\"status\":\"True\"},{\"type\":\"ContainersReady\",\"status\":\"True\"},"
        + "{\"type\":\"PodScheduled\",\"status\":\"True\"}],\"containerStatuses\":[{\"name\":\"app\","
        + "\"ready\":true,\"restartCount\":" + (revision % 3) + ",\"started\":true,\"state\":{\"running\":"
        + "{\"startedAt\":\"2026-11-20T08:00:09Z\"}},\"containerID\":\"containerd://4b1f0c7e9d2a6b3c8e5f1a0d"
        + "7c9b2e4f6a8d0c1b3e5f7a9c2d4e6f8b0a1c3e\"},{\"name\":\"proxy\",\"ready\":true,\"restartCount\":0,"
        + "\"started\":true,\"state\":{\"running\":{\"startedAt\":\"2026-11-20T08:00:07Z\"}}}]}}";
  }
}
