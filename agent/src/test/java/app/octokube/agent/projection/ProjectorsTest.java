package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The registry: who projects what, configuration of extra paths, keys, and concurrent use. */
class ProjectorsTest {
  private static final ResourceName PODS = ResourceName.of("pods");
  private static final ResourceName NODES = ResourceName.of("nodes");

  private final Projectors projectors = Projectors.withBuiltins();

  @Test
  void builtinResourcesAreProjectedByTheirTable() {
    for (BuiltinResource builtin : BuiltinResources.all()) {
      assertThat(projectors.forResource(builtin.resource()).paths()).isEqualTo(builtin.paths());
    }
  }

  @Test
  void otherResourcesAreProjectedByTheGenericReducer() {
    assertThat(projectors.forResource(ResourceName.of("widgets.example.com")).paths())
        .isEqualTo(BuiltinResources.GENERIC_PATHS);
  }

  @Test
  void registeringAddsToTheBaseAndReplacesEarlierRegistrations() {
    projectors.register(PODS, List.of("spec.dnsPolicy"));
    projectors.register(PODS, List.of("spec.restartPolicy"));

    List<String> paths = projectors.forResource(PODS).paths();

    assertThat(paths).endsWith("spec.restartPolicy").doesNotContain("spec.dnsPolicy");
    assertThat(paths)
        .startsWith(BuiltinResources.find(PODS).orElseThrow().paths().toArray(String[]::new));
  }

  @Test
  void aBadRegistrationIsRefusedAndThePreviousOneStays() {
    projectors.register(PODS, List.of("spec.restartPolicy"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> projectors.register(PODS, List.of("spec.volumes[].name")))
        .withMessageContaining("spec.volumes[].name");
    assertThat(projectors.forResource(PODS).paths()).endsWith("spec.restartPolicy");
  }

  @Test
  void clusterScopedObjectsAreKeyedByName() {
    Projection node = projectors.project(NODES, Fixtures.resource(KindFixtures.input(NODES)));

    assertThat(node.key()).isEqualTo(ObjectKey.of("kind-worker6"));
  }

  @Test
  void refusesANamespacedObjectWithoutANamespace() {
    Map<String, Object> pod = Fixtures.exemplarPod();
    Fixtures.at(pod, "metadata").remove("namespace");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> projectors.project(PODS, Fixtures.resource(pod)))
        .withMessageContaining("pods is namespaced");
  }

  @Test
  void refusesAClusterScopedObjectWithANamespace() {
    Map<String, Object> node = KindFixtures.input(NODES);
    Fixtures.at(node, "metadata").put("namespace", "default");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> projectors.project(NODES, Fixtures.resource(node)))
        .withMessageContaining("nodes is cluster-scoped");
  }

  @Test
  void refusesAnObjectWithoutAName() {
    Map<String, Object> pod = Fixtures.exemplarPod();
    Fixtures.at(pod, "metadata").remove("name");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> projectors.project(PODS, Fixtures.resource(pod)))
        .withMessageContaining("no metadata.name");
  }

  @Test
  void listItemsWithoutApiVersionAndKindGetTheTablesOnes() {
    Map<String, Object> pod = Fixtures.exemplarPod();
    pod.remove("apiVersion");
    pod.remove("kind");

    assertThat(Fixtures.text(projectors.project(PODS, Fixtures.resource(pod))))
        .isEqualTo(
            Fixtures.text(projectors.project(PODS, Fixtures.resource(Fixtures.exemplarPod()))));
  }

  @Test
  void builtinResourcesAreUniqueAndScopedAsKubernetesScopesThem() {
    List<BuiltinResource> all = BuiltinResources.all();
    Map<Boolean, List<String>> byScope = new java.util.TreeMap<>();
    all.forEach(
        b ->
            byScope
                .computeIfAbsent(b.namespaced(), k -> new ArrayList<>())
                .add(b.resource().value()));

    assertThat(new HashSet<>(all.stream().map(BuiltinResource::resource).toList()))
        .hasSize(all.size());
    assertThat(byScope.get(false))
        .containsExactlyInAnyOrder(
            "persistentvolumes",
            "storageclasses.storage.k8s.io",
            "nodes",
            "namespaces",
            "clusterroles.rbac.authorization.k8s.io",
            "clusterrolebindings.rbac.authorization.k8s.io",
            "customresourcedefinitions.apiextensions.k8s.io");
    assertThat(BuiltinResources.find(ResourceName.of("deployments.apps")).orElseThrow().version())
        .isEqualTo("v1");
  }

  @Test
  void aTableEntryMustBeInTheGroupOfItsApiVersion() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new BuiltinResource(
                    ResourceName.of("deployments.apps"),
                    "batch/v1",
                    "Deployment",
                    true,
                    List.of()));
  }

  @Test
  void projectingFromManyThreadsAtOnceGivesTheBytesOneThreadGives() throws Exception {
    List<ResourceName> resources =
        BuiltinResources.all().stream().map(BuiltinResource::resource).toList();
    List<io.fabric8.kubernetes.api.model.GenericKubernetesResource> objects =
        resources.stream().map(r -> Fixtures.resource(KindFixtures.input(r))).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < resources.size(); i++) {
      expected.add(Fixtures.text(projectors.project(resources.get(i), objects.get(i))));
    }
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  boolean same = true;
                  for (int round = 0; round < 50; round++) {
                    int i = (offset + round) % resources.size();
                    same &=
                        Fixtures.text(projectors.project(resources.get(i), objects.get(i)))
                            .equals(expected.get(i));
                  }
                  return same;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
