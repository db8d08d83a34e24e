package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;

/** What every decode error message must be, since a Backend shows it to the peer. */
final class WireHygiene {
  private WireHygiene() {}

  static void assertFitForAPeer(DecodeError error) {
    assertThat(error.message())
        .isNotBlank()
        .hasSizeLessThan(300)
        .doesNotContain("com.fasterxml", "java.", "app.octokube", "Exception", "\tat ", "Jackson", "`")
        .doesNotContainPattern("\\p{Cntrl}");
  }
}
