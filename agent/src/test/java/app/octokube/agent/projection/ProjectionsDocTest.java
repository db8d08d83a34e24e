package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/projections.md and the tables say the same thing: under each kind's and each fragment's
 * heading, the first {@code paths} block lists exactly the table's paths, in order.
 */
class ProjectionsDocTest {
  /** Tests run in the agent module's directory. */
  private static final Path DOC = Path.of("..", "docs", "projections.md");

  private static List<String> doc;

  @BeforeAll
  static void readDoc() throws IOException {
    doc = Files.readAllLines(DOC);
  }

  @Test
  void everyBuiltinKindIsDocumentedWithItsExactPathsAndScope() {
    for (BuiltinResource builtin : BuiltinResources.all()) {
      String heading = "### `" + builtin.resource() + "`";
      String scope = builtin.namespaced() ? "namespaced" : "cluster-scoped";

      assertThat(pathsUnder(heading)).as(heading).isEqualTo(builtin.paths());
      assertThat(lineAfter(heading))
          .as(heading)
          .isEqualTo("`" + builtin.apiVersion() + "` · `" + builtin.kind() + "` · " + scope);
    }
  }

  @Test
  void everyFragmentIsDocumentedWithItsExactPaths() {
    Fragments.ALL.forEach(
        (name, paths) -> assertThat(pathsUnder("### `@" + name + "`")).as(name).isEqualTo(paths));
  }

  @Test
  void theGenericReducerIsDocumentedWithItsExactPaths() {
    assertThat(pathsUnder("## The generic reducer")).isEqualTo(BuiltinResources.GENERIC_PATHS);
  }

  @Test
  void theAnnotationRuleStatesTheLimitTheCodeUses() {
    assertThat(String.join("\n", doc))
        .contains("at most " + RedactionFloor.MAX_ANNOTATION_LENGTH + " characters")
        .contains(RedactionFloor.LAST_APPLIED);
  }

  private static List<String> pathsUnder(String heading) {
    int at = indexOf(heading);
    while (!doc.get(at).equals("```paths")) {
      at++;
    }
    List<String> paths = new ArrayList<>();
    for (at++; !doc.get(at).equals("```"); at++) {
      paths.add(doc.get(at));
    }
    return paths;
  }

  private static String lineAfter(String heading) {
    return doc.get(indexOf(heading) + 2);
  }

  private static int indexOf(String heading) {
    int at = doc.indexOf(heading);
    assertThat(at).as("docs/projections.md has a section " + heading).isNotNegative();
    return at;
  }
}
