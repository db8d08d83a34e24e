package app.octokube.app.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents of one render, each parsed with Jackson YAML, and the look-ups tests share.
 * Parsing is strict: a document that is not YAML fails the render, so every test that renders
 * also checks that every manifest parses.
 */
record Manifests(List<JsonNode> documents) {
  private static final YAMLMapper YAML = new YAMLMapper();

  static Manifests parse(String multiDocumentYaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
      while (it.hasNextValue()) {
        documents.add(it.nextValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a rendered document is not YAML", e);
    }
    return new Manifests(List.copyOf(documents));
  }

  /** A YAML text embedded in a manifest (a ConfigMap's policy, say), parsed. */
  static JsonNode parseYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The texts of a YAML list, e.g. a rule's verbs. */
  static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  List<JsonNode> ofKind(String kind) {
    return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  Optional<JsonNode> find(String kind, String component) {
    List<JsonNode> found = ofKind(kind).stream()
        .filter(d -> component.equals(d.path("metadata").path("labels").path("app.kubernetes.io/component").asText()))
        .toList();
    if (found.size() > 1) {
      throw new AssertionError("more than one " + kind + " for the " + component);
    }
    return found.stream().findFirst();
  }

  JsonNode one(String kind, String component) {
    return find(kind, component).orElseThrow(() -> new AssertionError("no " + kind + " for the " + component));
  }

  Optional<JsonNode> named(String kind, String name) {
    return ofKind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst();
  }

  JsonNode podSpec(String component) {
    return one("Deployment", component).path("spec").path("template").path("spec");
  }

  JsonNode container(String component) {
    JsonNode containers = podSpec(component).path("containers");
    if (containers.size() != 1) {
      throw new AssertionError("the " + component + " pod should have one container, has " + containers.size());
    }
    return containers.get(0);
  }

  List<String> args(String component) {
    List<String> args = new ArrayList<>();
    container(component).path("args").forEach(a -> args.add(a.asText()));
    return args;
  }

  /** The container's plain env vars, by name (valueFrom entries map to null). */
  Map<String, String> env(String component) {
    Map<String, String> env = new LinkedHashMap<>();
    container(component).path("env").forEach(e ->
        env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : null));
    return env;
  }

  /** The pod's volume of that name. */
  JsonNode volume(String component, String name) {
    for (JsonNode volume : podSpec(component).path("volumes")) {
      if (name.equals(volume.path("name").asText())) {
        return volume;
      }
    }
    throw new AssertionError("the " + component + " pod has no volume " + name);
  }
}
