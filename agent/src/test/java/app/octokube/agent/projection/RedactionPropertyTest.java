package app.octokube.agent.projection;

import app.octokube.protocol.ResourceName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random objects of random kinds, with canaries planted both where they belong (Secret data, env
 * values, last-applied) and at random depths under random fields the floor governs, projected by
 * the built-in table or by configuration that selects every top-level field whole: no canary ever
 * reaches the bytes.
 */
class RedactionPropertyTest {
  /** A custom resource's object, which only the generic reducer knows. */
  private static final String WIDGETS = "widgets.example.com";

  /** Built-in objects projected under a name the tables do not know: the generic reducer. */
  private static final Map<String, String> MISNAMED =
      Map.of(
          "secrets.example.com", "secrets",
          "configs.example.com", "configmaps",
          "rollouts.argoproj.io", "deployments.apps");

  private static final List<String> GOVERNED_BY_REDUCERS =
      List.of("data", "stringData", "binaryData");

  @Property(tries = 400)
  void noCanaryEverLeaks(@ForAll("scenarios") Scenario scenario) {
    Projectors projectors = Projectors.withBuiltins();
    if (scenario.selectEverything()) {
      projectors.register(scenario.resource(), everyTopLevelField(scenario));
    }
    Canaries.assertNone(
        projectors.project(scenario.resource(), Fixtures.resource(scenario.tree())));
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    List<String> names =
        Stream.concat(
                BuiltinResources.all().stream().map(b -> b.resource().value()),
                Stream.concat(MISNAMED.keySet().stream(), Stream.of(WIDGETS)))
            .sorted()
            .toList();
    return Combinators.combine(
            Arbitraries.of(names), Arbitraries.longs(), Arbitraries.of(true, false))
        .as(RedactionPropertyTest::scenario);
  }

  /** One object, its projector choice, and where the canaries went (by seed, to reproduce). */
  record Scenario(
      ResourceName resource, long seed, boolean selectEverything, Map<String, Object> tree) {
    @Override
    public String toString() {
      return resource
          + " seed="
          + seed
          + (selectEverything ? " with every top-level field selected" : "");
    }
  }

  private static Scenario scenario(String name, long seed, boolean selectEverything) {
    String source = MISNAMED.getOrDefault(name, name);
    Map<String, Object> tree =
        name.equals(WIDGETS)
            ? Fixtures.yaml(
                "apiVersion: example.com/v1\n"
                    + "kind: Widget\n"
                    + "metadata: {name: w1, namespace: ns}\n"
                    + "spec: {size: 3}\n"
                    + "status: {phase: Ready, conditions: [{type: Ready, status: 'True'}]}\n")
            : KindFixtures.input(ResourceName.of(source));
    Random random = new Random(seed);
    plantWhereTheyBelong(source, tree);
    for (int i = random.nextInt(6); i >= 0; i--) {
      tree = Fixtures.copy(tree);
      plantSomewhere(tree, random);
    }
    return new Scenario(ResourceName.of(name), seed, selectEverything, tree);
  }

  private static void plantWhereTheyBelong(String source, Map<String, Object> tree) {
    Canaries.plantInMetadata(tree);
    if (source.equals("pods")) {
      Canaries.plantInPodSpec(Fixtures.at(tree, "spec"));
    }
    String template = KindFixtures.TEMPLATE_PATHS.get(source);
    if (template != null) {
      Canaries.plantInPodSpec(Fixtures.at(tree, template + ".spec"));
    }
    if (source.equals("secrets")) {
      tree.put("data", Map.of("password", Canaries.SECRET_DATA));
      tree.put("stringData", Map.of("token", Canaries.SECRET_STRING_DATA));
    }
    if (source.equals("configmaps")) {
      tree.put("data", Map.of("app.yaml", Canaries.CONFIG_DATA));
      tree.put("binaryData", Map.of("logo.png", Canaries.CONFIG_BINARY));
    }
  }

  /**
   * Adds one field the floor governs, holding a canary, to a random object inside the tree (which
   * must be mutable throughout: a fresh {@link Fixtures#copy}). Metadata is left alone: fabric8
   * reads it into typed fields, where such values would not even parse.
   */
  private static void plantSomewhere(Map<String, Object> tree, Random random) {
    List<Map<String, Object>> objects = new ArrayList<>();
    objects.add(tree);
    tree.forEach(
        (field, value) -> {
          if (!field.equals("metadata") && !field.equals("annotations")) {
            collectObjects(value, objects);
          }
        });
    Map<String, Object> target = objects.get(random.nextInt(objects.size()));
    String canary = Canaries.MARK + "RANDOM-" + random.nextInt(1000);
    switch (random.nextInt(8)) {
      case 0 -> target.put("env", List.of(Map.of("name", "A", "value", canary)));
      case 1 -> target.put("env", Map.of("A", canary));
      case 2 -> target.put(GOVERNED_BY_REDUCERS.get(random.nextInt(3)), Map.of("k", canary));
      case 3 -> target.put(GOVERNED_BY_REDUCERS.get(random.nextInt(3)), canary);
      case 4 -> target.put("annotations", Map.of(RedactionFloor.LAST_APPLIED, canary));
      case 5 -> target.put("annotations", Map.of("long", "z".repeat(600) + canary));
      case 6 -> target.put("managedFields", List.of(Map.of("manager", canary)));
      default ->
          target.put(
              "containers",
              new ArrayList<>(
                  List.of(
                      new LinkedHashMap<>(
                          Map.of(
                              "name",
                              "c",
                              "env",
                              List.of(
                                  Map.of(
                                      "name",
                                      "B",
                                      "value",
                                      canary,
                                      "valueFrom",
                                      Map.of(
                                          "secretKeyRef",
                                          Map.of("name", canary, "key", canary)))))))));
    }
  }

  /**
   * Every object under {@code value}, except annotation maps: a key planted there is an
   * annotation's name, not a field, and annotations have their own rule.
   */
  @SuppressWarnings("unchecked")
  private static void collectObjects(Object value, List<Map<String, Object>> into) {
    if (value instanceof Map<?, ?> map) {
      into.add((Map<String, Object>) map);
      map.forEach(
          (field, v) -> {
            if (!"annotations".equals(field)) {
              collectObjects(v, into);
            }
          });
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collectObjects(v, into));
    }
  }

  /**
   * Configuration that selects every top-level field whole, so only the floor stands between the
   * canaries and the output. Built-in Secrets and ConfigMaps already reduce data to keys, and a
   * path copying it whole would conflict, so those stay as the table says.
   */
  private static List<String> everyTopLevelField(Scenario scenario) {
    boolean builtin = BuiltinResources.find(scenario.resource()).isPresent();
    return scenario.tree().keySet().stream()
        .filter(k -> !List.of("apiVersion", "kind", "metadata").contains(k))
        .filter(k -> !builtin || !GOVERNED_BY_REDUCERS.contains(k))
        .toList();
  }
}
