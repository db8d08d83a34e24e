package app.octokube.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameFilterTest {

  @Test
  void anEmptyFilterAcceptsEverything() {
    assertThat(NameFilter.of(List.of(), List.of()).accepts("kube-system")).isTrue();
    assertThat(NameFilter.ALL.acceptsEverything()).isTrue();
  }

  @Test
  void globsMatchWholeNames() {
    NameFilter filter = NameFilter.of(List.of("payments", "team-*", "db?"), List.of());
    assertThat(filter.accepts("payments")).isTrue();
    assertThat(filter.accepts("payments-v2")).isFalse();
    assertThat(filter.accepts("team-a")).isTrue();
    assertThat(filter.accepts("db1")).isTrue();
    assertThat(filter.accepts("db12")).isFalse();
  }

  @Test
  void anExcludeWinsOverAnInclude() {
    NameFilter filter = NameFilter.of(List.of("team-*"), List.of("team-secret"));
    assertThat(filter.accepts("team-a")).isTrue();
    assertThat(filter.accepts("team-secret")).isFalse();
  }

  @Test
  void regexCharactersInNamesAreLiteral() {
    NameFilter filter = NameFilter.of(List.of("*.example.com"), List.of());
    assertThat(filter.accepts("widgets.example.com")).isTrue();
    assertThat(filter.accepts("widgetsXexampleXcom")).isFalse();
  }

  @Test
  void anEmptyEntryIsRefused() {
    assertThatThrownBy(() -> NameFilter.of(List.of(""), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
