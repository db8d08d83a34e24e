package app.octokube.agent.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test objects: fixtures read from test resources as the Agent will receive them (Jackson-mapped
 * GenericKubernetesResource), object trees as plain maps to edit, and the helpers to compare
 * projections.
 */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  private Fixtures() {}

  /** The exemplar pod (see fixtures/exemplar-pod.yaml) as an editable tree. */
  static Map<String, Object> exemplarPod() {
    return tree("fixtures/exemplar-pod.yaml");
  }

  /** A test resource's YAML as an editable tree of LinkedHashMaps and ArrayLists. */
  static Map<String, Object> tree(String resourcePath) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resourcePath)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resourcePath);
      }
      return YAML.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML text as an editable tree. */
  static Map<String, Object> yaml(String text) {
    try {
      return YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tree as the Agent receives it: parsed by Jackson into a GenericKubernetesResource. */
  static GenericKubernetesResource resource(Map<String, Object> tree) {
    try {
      return JSON.readValue(JSON.writeValueAsBytes(tree), GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tree as compact JSON, the size the apiserver would send. */
  static byte[] compactJson(Map<String, Object> tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(Projection projection) {
    try {
      return JSON.readTree(projection.json().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Projection projection) {
    return new String(projection.json().bytes(), StandardCharsets.UTF_8);
  }

  /** The value at a dotted path of a tree ({@code spec.template.spec}); creates nothing. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> at(Map<String, Object> tree, String path) {
    Map<String, Object> node = tree;
    for (String segment : path.split("\\.")) {
      node = (Map<String, Object>) node.get(segment);
    }
    return node;
  }

  /**
   * A deep copy of {@code value} whose maps list their keys in an order chosen by {@code random}
   * (in their own order when {@code random} is null).
   */
  @SuppressWarnings("unchecked")
  static <T> T shuffled(T value, Random random) {
    if (value instanceof Map<?, ?> map) {
      List<Object> keys = new ArrayList<>(map.keySet());
      if (random != null) {
        Collections.shuffle(keys, random);
      }
      Map<Object, Object> copy = new LinkedHashMap<>();
      for (Object key : keys) {
        copy.put(key, shuffled(map.get(key), random));
      }
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(shuffled(element, random));
      }
      return (T) copy;
    }
    return value;
  }

  /** The list of maps at a dotted path of a tree ({@code spec.containers}). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> tree, String path) {
    int dot = path.lastIndexOf('.');
    Map<String, Object> parent = dot < 0 ? tree : at(tree, path.substring(0, dot));
    return (List<Map<String, Object>>) parent.get(path.substring(dot + 1));
  }

  /** A deep copy of a tree, to edit without touching the original. */
  static Map<String, Object> copy(Map<String, Object> tree) {
    return shuffled(tree, null);
  }
}
