package app.octokube.backend.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {
  private static final Map<String, String> WEB = Map.of("tier", "web", "env", "prod");
  private static final Map<String, String> DB = Map.of("tier", "db");
  private static final Map<String, String> NONE = Map.of();

  @Test
  void equalityNeedsTheLabelWithThatValue() {
    LabelSelector selector = LabelSelector.parse("tier=web");
    assertThat(selector.matches(WEB)).isTrue();
    assertThat(selector.matches(DB)).isFalse();
    assertThat(selector.matches(NONE)).isFalse();
  }

  @Test
  void doubleEqualsMeansTheSameAsEquals() {
    assertThat(LabelSelector.parse("tier==web")).isEqualTo(LabelSelector.parse("tier=web"));
    assertThat(LabelSelector.parse("tier==web").matches(WEB)).isTrue();
  }

  @Test
  void inequalityHoldsForObjectsWithoutTheLabel() {
    LabelSelector selector = LabelSelector.parse("tier!=web");
    assertThat(selector.matches(WEB)).isFalse();
    assertThat(selector.matches(DB)).isTrue();
    assertThat(selector.matches(NONE)).isTrue();
  }

  @Test
  void inNeedsTheLabelWithOneOfTheValues() {
    LabelSelector selector = LabelSelector.parse("tier in (web, api)");
    assertThat(selector.matches(WEB)).isTrue();
    assertThat(selector.matches(Map.of("tier", "api"))).isTrue();
    assertThat(selector.matches(DB)).isFalse();
    assertThat(selector.matches(NONE)).isFalse();
  }

  @Test
  void notinHoldsForObjectsWithoutTheLabel() {
    LabelSelector selector = LabelSelector.parse("tier notin (db)");
    assertThat(selector.matches(WEB)).isTrue();
    assertThat(selector.matches(DB)).isFalse();
    assertThat(selector.matches(NONE)).isTrue();
  }

  @Test
  void aBareKeyNeedsTheLabelAndABangKeyItsAbsence() {
    assertThat(LabelSelector.parse("env").matches(WEB)).isTrue();
    assertThat(LabelSelector.parse("env").matches(DB)).isFalse();
    assertThat(LabelSelector.parse("!env").matches(WEB)).isFalse();
    assertThat(LabelSelector.parse("!env").matches(DB)).isTrue();
  }

  @Test
  void commasJoinRequirementsThatMustAllHold() {
    LabelSelector selector = LabelSelector.parse("tier in (web,api),env=prod,!canary");
    assertThat(selector.matches(WEB)).isTrue();
    assertThat(selector.matches(Map.of("tier", "web", "env", "dev"))).isFalse();
    assertThat(selector.matches(Map.of("tier", "web", "env", "prod", "canary", "true"))).isFalse();
  }

  @Test
  void nullLabelsMeanNoLabels() {
    assertThat(LabelSelector.parse("!env").matches(null)).isTrue();
    assertThat(LabelSelector.parse("env").matches(null)).isFalse();
  }

  @Test
  void prefixedKeysAndEmptyValuesAreKubernetesSyntax() {
    LabelSelector selector = LabelSelector.parse("app.kubernetes.io/name=api,empty=");
    assertThat(selector.matches(Map.of("app.kubernetes.io/name", "api", "empty", ""))).isTrue();
  }

  @Test
  void theCanonicalFormSortsRequirementsAndValues() {
    assertThat(LabelSelector.parse(" tier in (web,api) , env==prod").toString())
        .isEqualTo("env=prod,tier in (api,web)");
    assertThat(LabelSelector.parse("b,a")).isEqualTo(LabelSelector.parse("a,b"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                 | empty selector: omit labelSelector to match every object (at character 1)",
        "tier in web        | expected \"(\" after \"in\" (at character 9)",
        "tier in (web       | expected \")\" (at character 13)",
        "tier in ()         | expected a value: \"in\" needs at least one (at character 10)",
        "tier web           | expected =, ==, !=, in or notin after \"tier\" (at character 6)",
        "tier>3             | unsupported operator \">\" (known: =, ==, !=, in, notin) (at character 5)",
        "tier!web           | expected \"=\" after \"!\" (at character 6)",
        "tier=web,          | expected a label key (at character 10)",
        "tier=web env=prod  | expected \",\" or the end of the selector (at character 10)",
        "-tier=web          | invalid label key \"-tier\"",
        "tier=-web          | invalid label value \"-web\"",
        "Bad_Prefix/tier=x  | invalid label key \"Bad_Prefix/tier\": the prefix before / must be a DNS subdomain",
      })
  void malformedSelectorsAreRefusedWithWhereAndWhy(String text, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOf(LabelSelectorException.class)
        .hasMessageStartingWith(message);
  }
}
