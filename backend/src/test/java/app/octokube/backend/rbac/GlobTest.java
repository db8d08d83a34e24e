package app.octokube.backend.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void aLiteralMatchesOnlyItself() {
    Glob glob = Glob.of("payments");
    assertThat(glob.matches("payments")).isTrue();
    assertThat(glob.matches("payments-eu")).isFalse();
    assertThat(glob.matches("payment")).isFalse();
  }

  @Test
  void aStarMatchesAnyRunOfCharactersIncludingNone() {
    Glob glob = Glob.of("prod-*");
    assertThat(glob.matches("prod-")).isTrue();
    assertThat(glob.matches("prod-eu-1")).isTrue();
    assertThat(glob.matches("staging")).isFalse();
  }

  @Test
  void starsInTheMiddleMatchPartsInOrder() {
    Glob glob = Glob.of("a*b*c");
    assertThat(glob.matches("abc")).isTrue();
    assertThat(glob.matches("axxbyyc")).isTrue();
    assertThat(glob.matches("acb")).isFalse();
    assertThat(glob.matches("abcb")).isFalse();
  }

  @Test
  void prefixAndSuffixMayNotOverlap() {
    Glob glob = Glob.of("ab*ba");
    assertThat(glob.matches("aba")).isFalse();
    assertThat(glob.matches("abba")).isTrue();
  }

  @Test
  void aLoneStarMatchesEverything() {
    assertThat(Glob.of("*").matchesEverything()).isTrue();
    assertThat(GlobSet.of(List.of("payments", "*"))).isSameAs(GlobSet.ALL);
  }

  @Test
  void aSetMatchesWhenAnyPatternDoes() {
    GlobSet set = GlobSet.of(List.of("payments", "payments-*"));
    assertThat(set.matches("payments")).isTrue();
    assertThat(set.matches("payments-eu")).isTrue();
    assertThat(set.matches("web")).isFalse();
  }

  @Test
  void equalSetsHaveEqualCanonicalFormsWhateverTheOrder() {
    assertThat(GlobSet.of(List.of("b*", "a")).canonical()).isEqualTo(GlobSet.of(List.of("a", "b*")).canonical());
  }
}
