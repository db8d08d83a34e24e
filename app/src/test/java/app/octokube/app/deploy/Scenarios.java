package app.octokube.app.deploy;

import app.octokube.backend.agents.AgentTokens;
import java.util.List;

/**
 * The ways operators install the chart, as values files: each names a real deployment shape, and
 * the tests that hold for every install run against all of them.
 */
final class Scenarios {
  private Scenarios() {}

  static final String PROD_TOKEN = "prod-eu-agent-token-7Qm2";
  static final String STAGING_TOKEN = "staging-agent-token-Xw9f";

  /** One named values file. */
  record Scenario(String name, String values) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The least an install needs: defaults plus the one value without a default, a cluster. */
  static final Scenario BACKEND_MINIMAL = new Scenario("backend with defaults and one cluster", """
      backend:
        agentTokens:
          prod-eu: %s
      """.formatted(AgentTokens.sha256Hex(PROD_TOKEN)));

  /** The Backend's cluster: a policy, two clusters, an Ingress with TLS, a ServiceMonitor. */
  static final Scenario BACKEND_WITH_INGRESS = new Scenario("backend only, behind a TLS Ingress", """
      backend:
        policy: |
          users:
            - name: ci
              tokens: ["sha256:13ef1c421291c95488576ce7869e749bd6f9b46a440682e8bcb72a8ce46d442a"]
          roles:
            - name: viewer
              allow:
                - resources: ["*"]
                  verbs: [view]
          bindings:
            - role: viewer
              subjects: ["user:ci"]
        agentTokens:
          prod-eu: %s
          staging: %s
        limits:
          maxStreamsPerUser: 8
          maxSubscriptions: 128
          clientBuffer: 8Mi
        ingress:
          enabled: true
          className: nginx
          host: octokube.example.com
          tls:
            enabled: true
            secretName: octokube-tls
        metrics:
          serviceMonitor:
            enabled: true
            labels: {release: kube-prometheus-stack}
      """.formatted(AgentTokens.sha256Hex(PROD_TOKEN).toUpperCase(), AgentTokens.sha256Hex(STAGING_TOKEN)));

  /** A workload cluster: only the Agent, reaching a Backend elsewhere through wss and a private CA. */
  static final Scenario AGENT_ONLY = new Scenario("agent only, to a remote Backend over wss", """
      backend:
        enabled: false
      agent:
        enabled: true
        backendUrl: wss://octokube.example.com
        token: %s
        caSecret: octokube-ca
        includeNamespaces: [payments, "search-*"]
        excludeResources: [events]
      """.formatted(STAGING_TOKEN));

  /** A single cluster: both components in one release, the Agent on the in-cluster Service. */
  static final Scenario BOTH = new Scenario("backend and agent in one release", """
      backend:
        agentTokens:
          local: %s
        allowedOrigins: ["http://localhost:8080"]
      agent:
        enabled: true
        token: %s
      """.formatted(AgentTokens.sha256Hex(PROD_TOKEN), PROD_TOKEN));

  /** GitOps-managed secrets and policy: the chart creates none of them. */
  static final Scenario EXISTING_SECRETS = new Scenario("existing Secrets and policy ConfigMap", """
      backend:
        existingSecret: octokube-agent-tokens
        existingPolicyConfigMap: octokube-policy
      agent:
        enabled: true
        existingSecret: octokube-agent-token
        serviceAccount:
          create: false
          name: octokube-reader
      """);

  /** Least privilege: no catch-all rule, no secrets, one CRD group. */
  static final Scenario NARROW_RBAC = new Scenario("agent with narrow RBAC", """
      backend:
        enabled: false
      agent:
        enabled: true
        backendUrl: ws://octokube-backend.octokube.svc:8080
        token: %s
        rbac:
          allResources: false
          readSecrets: false
          extraRules:
            - apiGroups: [example.com]
              resources: ["*"]
              verbs: [get, list, watch]
      """.formatted(PROD_TOKEN));

  /** A name at Helm's limit: every object name must still be a DNS label, distinct per component. */
  static final Scenario LONG_NAMES = new Scenario("a 60-character fullnameOverride", """
      fullnameOverride: %s
      backend:
        agentTokens:
          prod-eu: %s
      agent:
        enabled: true
        token: %s
      """.formatted("o".repeat(60), AgentTokens.sha256Hex(PROD_TOKEN), PROD_TOKEN));

  static List<Scenario> all() {
    return List.of(BACKEND_MINIMAL, BACKEND_WITH_INGRESS, AGENT_ONLY, BOTH, EXISTING_SECRETS, NARROW_RBAC, LONG_NAMES);
  }

  static List<Scenario> withAgent() {
    return all().stream().filter(s -> Chart.render(s.values()).find("Deployment", "agent").isPresent()).toList();
  }
}
