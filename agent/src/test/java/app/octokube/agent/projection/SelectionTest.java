package app.octokube.agent.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path language: what each form compiles to, how paths merge, and what is refused. */
class SelectionTest {
  private static final Map<String, List<String>> FRAGMENTS =
      Map.of(
          "ref", List.of("kind", "name"),
          "loop", List.of("x.@loop"));

  @Test
  void aLeafCopiesTheWholeValue() {
    Selection.Field nodeName = field(compile("spec.nodeName"), "spec", "nodeName");

    assertThat(nodeName.whole()).isTrue();
  }

  @Test
  void bracketsMarkAListWhoseElementsTheRestOfThePathSelects() {
    Selection.Field containers =
        field(compile("spec.containers[].name", "spec.containers[].image"), "spec", "containers");

    assertThat(containers.list()).isTrue();
    assertThat(containers.children().fields())
        .extracting(Selection.Field::name)
        .containsExactly("name", "image");
  }

  @Test
  void bracesNameAReducer() {
    Selection selection = compile("data{keys}", "spec.volumes[]{volume}");

    assertThat(field(selection, "data").reducer()).isEqualTo(Reducer.KEYS);
    assertThat(field(selection, "spec", "volumes").reducer()).isEqualTo(Reducer.VOLUME);
    assertThat(field(selection, "spec", "volumes").list()).isTrue();
  }

  @Test
  void aFragmentExpandsRelativeToWhereItIsUsed() {
    Selection selection = compile("spec.owner.@ref");

    assertThat(field(selection, "spec", "owner").children().fields())
        .extracting(Selection.Field::name)
        .containsExactly("kind", "name");
  }

  @Test
  void fieldsKeepTheOrderOfTheirFirstPath() {
    Selection selection = compile("status.phase", "spec.b", "status.reason", "spec.a");

    assertThat(selection.fields())
        .extracting(Selection.Field::name)
        .containsExactly("status", "spec");
    assertThat(field(selection, "spec").children().fields())
        .extracting(Selection.Field::name)
        .containsExactly("b", "a");
  }

  @Test
  void aLeafCoversDeeperPathsWhicheverComesFirst() {
    assertThat(field(compile("spec", "spec.nodeName"), "spec").whole()).isTrue();
    assertThat(field(compile("spec.nodeName", "spec"), "spec").whole()).isTrue();
  }

  @Test
  void theSameReducerTwiceIsOneField() {
    assertThat(field(compile("data{keys}", "data{keys}"), "data").reducer())
        .isEqualTo(Reducer.KEYS);
  }

  @Test
  void refusesAFieldThatIsAListInOnePathAndAnObjectInAnother() {
    assertRefused(
        "is a list in one path and an object in another",
        "spec.containers[].name",
        "spec.containers.image");
  }

  @Test
  void refusesCopyingAndReducingTheSameField() {
    assertRefused("both copied and reduced", "data{keys}", "data");
    assertRefused("both copied and reduced", "data", "data{keys}");
  }

  @Test
  void refusesReducingAFieldOtherPathsSelectInto() {
    assertRefused("incompatible", "spec.volumes[].name", "spec.volumes[]{volume}");
    assertRefused("reduced by another path", "spec.volumes[]{volume}", "spec.volumes[].name");
  }

  @Test
  void refusesPathsTheProjectorWritesItself() {
    assertRefused("written by the projector", "metadata.labels");
    assertRefused("written by the projector", "kind");
  }

  @Test
  void refusesMalformedPaths() {
    assertRefused("not a field name", "spec..nodeName");
    assertRefused("not a field name", "spec.node name");
    assertRefused("must end the path", "data{keys}.x");
    assertRefused("must end the path", "spec.@ref.name");
    assertRefused("unknown reducer {values}", "data{values}");
    assertRefused("unknown fragment @nope", "spec.@nope");
    assertRefused("includes itself", "spec.@loop");
  }

  @Test
  void errorsNameTheOffendingPath() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> compile("spec.ok", "spec..bad"))
        .withMessageContaining("'spec..bad'");
  }

  @Test
  void everyBuiltinTableAndTheGenericReducerCompile() {
    for (BuiltinResource builtin : BuiltinResources.all()) {
      assertThat(Selection.compile(builtin.paths(), Fragments.ALL).fields())
          .as(builtin.resource().value())
          .isNotEmpty();
    }
    assertThat(Selection.compile(BuiltinResources.GENERIC_PATHS, Fragments.ALL).fields())
        .hasSize(1);
  }

  private static Selection compile(String... paths) {
    return Selection.compile(List.of(paths), FRAGMENTS);
  }

  private static void assertRefused(String why, String... paths) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> compile(paths))
        .withMessageContaining(why);
  }

  private static Selection.Field field(Selection selection, String... names) {
    Selection current = selection;
    Selection.Field found = null;
    for (String name : names) {
      found =
          current.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
      current = found.children();
    }
    return found;
  }
}
