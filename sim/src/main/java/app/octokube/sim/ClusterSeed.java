package app.octokube.sim;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Seeds a simulated cluster the way a real one looks: namespaces, nodes, deployments with their
 * ReplicaSets and pods, services, config maps, a Secret per namespace, ingresses, stateful sets,
 * a daemon set, jobs and cron jobs, events, and a CRD with objects — all created through the
 * apiserver's API, as any client would.
 */
final class ClusterSeed {
  static final List<String> NAMESPACES = List.of("payments", "search", "platform", "kube-system");
  static final CustomResourceDefinitionContext WIDGETS = new CustomResourceDefinitionContext.Builder()
      .withGroup("example.com").withVersion("v1").withPlural("widgets").withKind("Widget")
      .withScope("Namespaced").build();

  private final KubernetesClient client;
  private final RealisticPods pods;
  private final SimConfig config;

  ClusterSeed(KubernetesClient client, RealisticPods pods, SimConfig config) {
    this.client = client;
    this.pods = pods;
    this.config = config;
  }

  /** Creates everything; {@code progress} hears the percentage done as it grows. */
  void seed(IntConsumer progress) throws InterruptedException {
    for (String ns : NAMESPACES) {
      create(new NamespaceBuilder().withNewMetadata().withName(ns).addToLabels("team", team(ns)).endMetadata().build());
    }
    for (int n = 0; n < config.nodes(); n++) {
      create(node(n));
    }
    for (String ns : NAMESPACES) {
      namespaceFixtures(ns);
    }
    int deployments = (config.pods() + RealisticPods.REPLICAS - 1) / RealisticPods.REPLICAS;
    for (int d = 0; d < deployments; d++) {
      workload(d);
    }
    createPods(progress);
    customResources();
  }

  private void createPods(IntConsumer progress) throws InterruptedException {
    // Four requests in flight: enough to keep a loopback apiserver busy, few enough to leave the
    // other core to whatever is watching it.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger done = new AtomicInteger();
    int total = config.pods();
    try {
      List<Future<?>> futures = new ArrayList<>(total);
      for (int i = 0; i < total; i++) {
        final int index = i;
        futures.add(pool.submit(() -> {
          client.resource(pods.pod(index, 1).toString()).create();
          int n = done.incrementAndGet();
          if (n * 100L / total != (n - 1) * 100L / total) {
            progress.accept((int) (n * 100L / total));
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("seeding a pod failed", e.getCause());
        }
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void workload(int d) {
    String ns = pods.namespaceOf(d * RealisticPods.REPLICAS);
    String app = RealisticPods.appName(d);
    Map<String, String> selector = Map.of("name", app);
    Map<String, String> labels = Map.of("name", app, "tier", RealisticPods.tierOf(d));
    create(new DeploymentBuilder()
        .withNewMetadata().withName(app).withNamespace(ns).withUid(RealisticPods.uid("deploy", d)).withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(RealisticPods.REPLICAS).withNewSelector().withMatchLabels(selector).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("registry.example.com/" + app + ":v2.1.4").endContainer().endSpec()
        .endTemplate().endSpec()
        .withNewStatus().withReplicas(RealisticPods.REPLICAS).withReadyReplicas(RealisticPods.REPLICAS)
        .withAvailableReplicas(RealisticPods.REPLICAS).withUpdatedReplicas(RealisticPods.REPLICAS).endStatus()
        .build());
    create(new ReplicaSetBuilder()
        .withNewMetadata().withName(RealisticPods.replicaSetName(d)).withNamespace(ns).withUid(RealisticPods.uid("rs", d))
        .withLabels(labels).addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(app)
        .withUid(RealisticPods.uid("deploy", d)).withController(true).endOwnerReference().endMetadata()
        .withNewSpec().withReplicas(RealisticPods.REPLICAS).withNewSelector().withMatchLabels(selector).endSelector().endSpec()
        .withNewStatus().withReplicas(RealisticPods.REPLICAS).withReadyReplicas(RealisticPods.REPLICAS).endStatus()
        .build());
    create(new ServiceBuilder()
        .withNewMetadata().withName(app).withNamespace(ns).withLabels(labels).endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP("10.96." + (d / 250) + "." + (d % 250 + 1))
        .withSelector(selector).addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort().endSpec()
        .build());
    create(new ConfigMapBuilder()
        .withNewMetadata().withName(app + "-config").withNamespace(ns).withLabels(labels).endMetadata()
        .withData(Map.of("LOG_LEVEL", "info", "FEATURE_FLAGS", "checkout-v2=true"))
        .build());
  }

  private void namespaceFixtures(String ns) {
    create(new SecretBuilder()
        .withNewMetadata().withName(ns + "-credentials").withNamespace(ns).endMetadata()
        .withType("Opaque").withStringData(Map.of("password", "demo-not-a-real-password-" + ns))
        .build());
    create(new IngressBuilder()
        .withNewMetadata().withName(ns).withNamespace(ns).endMetadata()
        .withNewSpec().withIngressClassName("nginx").addNewRule().withHost(ns + ".example.com").endRule().endSpec()
        .build());
    create(new StatefulSetBuilder()
        .withNewMetadata().withName(ns + "-db").withNamespace(ns).addToLabels("tier", "db").endMetadata()
        .withNewSpec().withReplicas(1).withServiceName(ns + "-db").withNewSelector().addToMatchLabels("name", ns + "-db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("name", ns + "-db").endMetadata()
        .withNewSpec().addNewContainer().withName("postgres").withImage("postgres:16").endContainer().endSpec().endTemplate()
        .endSpec().withNewStatus().withReplicas(1).withReadyReplicas(1).endStatus()
        .build());
    create(new JobBuilder()
        .withNewMetadata().withName(ns + "-migrate").withNamespace(ns).endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("migrate").withImage("registry.example.com/migrate:1.4").endContainer()
        .endSpec().endTemplate().endSpec()
        .withNewStatus().withSucceeded(1).endStatus()
        .build());
    create(new CronJobBuilder()
        .withNewMetadata().withName(ns + "-nightly").withNamespace(ns).endMetadata()
        .withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
        .withRestartPolicy("OnFailure").addNewContainer().withName("report").withImage("registry.example.com/report:2.0").endContainer()
        .endSpec().endTemplate().endSpec().endJobTemplate().endSpec()
        .build());
    create(new EventBuilder()
        .withNewMetadata().withName(ns + "-started").withNamespace(ns).endMetadata()
        .withType("Normal").withReason("Started").withMessage("Namespace " + ns + " is served by the simulated cluster")
        .withNewInvolvedObject().withKind("Namespace").withName(ns).endInvolvedObject()
        .withCount(1)
        .build());
    if (ns.equals("kube-system")) {
      create(new DaemonSetBuilder()
          .withNewMetadata().withName("node-exporter").withNamespace(ns).endMetadata()
          .withNewSpec().withNewSelector().addToMatchLabels("name", "node-exporter").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("name", "node-exporter").endMetadata()
          .withNewSpec().addNewContainer().withName("exporter").withImage("prom/node-exporter:v1.8.2").endContainer().endSpec()
          .endTemplate().endSpec()
          .withNewStatus().withDesiredNumberScheduled(config.nodes()).withNumberReady(config.nodes()).endStatus()
          .build());
    }
  }

  private void customResources() {
    CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets.example.com").endMetadata()
        .withNewSpec().withGroup("example.com").withScope("Namespaced")
        .withNewNames().withPlural("widgets").withSingular("widget").withKind("Widget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema().endVersion().endSpec()
        .withNewStatus().addNewCondition().withType("Established").withStatus("True").endCondition()
        .withNewAcceptedNames().withPlural("widgets").withKind("Widget").endAcceptedNames()
        .addToStoredVersions("v1").endStatus()
        .build();
    create(crd);
    for (String ns : NAMESPACES) {
      for (int i = 0; i < 3; i++) {
        GenericKubernetesResource widget = new GenericKubernetesResourceBuilder()
            .withApiVersion("example.com/v1").withKind("Widget")
            .withNewMetadata().withName("widget-" + i).withNamespace(ns).addToLabels("tier", i == 0 ? "web" : "api").endMetadata()
            .withAdditionalProperties(Map.of(
                "spec", Map.of("size", i + 1, "color", i % 2 == 0 ? "blue" : "green"),
                "status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True")))))
            .build();
        client.genericKubernetesResources(WIDGETS).inNamespace(ns).resource(widget).create();
      }
    }
  }

  private static io.fabric8.kubernetes.api.model.Node node(int n) {
    return new NodeBuilder()
        .withNewMetadata().withName("node-" + n).addToLabels("kubernetes.io/hostname", "node-" + n)
        .addToLabels("topology.kubernetes.io/zone", "zone-" + (char) ('a' + n % 3)).endMetadata()
        .withNewSpec().withPodCIDR("10.244." + n + ".0/24").endSpec()
        .withNewStatus()
        .addToCapacity("cpu", new Quantity("16")).addToCapacity("memory", new Quantity("64Gi")).addToCapacity("pods", new Quantity("110"))
        .addToAllocatable("cpu", new Quantity("15800m")).addToAllocatable("memory", new Quantity("62Gi")).addToAllocatable("pods", new Quantity("110"))
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
        .addNewAddress().withType("InternalIP").withAddress("192.168.8." + (n % 250 + 1)).endAddress()
        .withNewNodeInfo().withKubeletVersion("v1.31.2").withOsImage("Debian GNU/Linux 12").withContainerRuntimeVersion("containerd://1.7.22")
        .withArchitecture("amd64").withOperatingSystem("linux").endNodeInfo()
        .endStatus()
        .build();
  }

  private static String team(String ns) {
    return ns.equals("kube-system") ? "platform" : ns;
  }

  private void create(HasMetadata object) {
    client.resource(object).create();
  }
}
