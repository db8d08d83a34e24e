package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {"c1", "prod-eu-1", "a", "0", "x23456789012345678901234567890123456789012345678901234567890123"})
  void clusterIdAcceptsDnsLabels(String id) {
    assertThat(ClusterId.of(id).value()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "C1", "-a", "a-", "a_b", "a.b", "a b", "ä", "x234567890123456789012345678901234567890123456789012345678901234"})
  void clusterIdRefusesAnythingButADnsLabel(String id) {
    assertThatThrownBy(() -> ClusterId.of(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pods", "nodes", "deployments.apps", "ingresses.networking.k8s.io", "widgets.example.com", "v1beta1-things.a-b.io"})
  void resourceNameAcceptsTheKubectlForm(String name) {
    assertThat(ResourceName.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Pods", "pods.", ".pods", "pods..apps", "po ds", "pods/status", "-pods", "pods-", "pods.-apps"})
  void resourceNameRefusesOtherForms(String name) {
    assertThatThrownBy(() -> ResourceName.of(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resourceNameRefusesMoreThan253Characters() {
    String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
    assertThat(longest).hasSize(253);

    assertThat(ResourceName.of(longest).value()).hasSize(253);
    assertThatThrownBy(() -> ResourceName.of(longest + "e")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resourceNameSplitsIntoPluralAndGroup() {
    assertThat(ResourceName.of("widgets.example.com").plural()).isEqualTo("widgets");
    assertThat(ResourceName.of("widgets.example.com").group()).isEqualTo("example.com");
    assertThat(ResourceName.of("pods").group()).isEmpty();
    assertThat(ResourceName.of("deployments", "apps")).isEqualTo(ResourceName.of("deployments.apps"));
    assertThat(ResourceName.of("pods", "")).isEqualTo(ResourceName.of("pods"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ns/name", "name", "payments/api-7f9", "kube-system/coredns"})
  void objectKeyAcceptsNamespaceSlashNameOrName(String key) {
    assertThat(ObjectKey.of(key).value()).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b/c", "/x", "x/", "/", "", "//"})
  void objectKeyRefusesAnyOtherShape(String key) {
    assertThatThrownBy(() -> ObjectKey.of(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void objectKeySplitsIntoNamespaceAndName() {
    assertThat(ObjectKey.of("ns/name").namespace()).isEqualTo("ns");
    assertThat(ObjectKey.of("ns/name").name()).isEqualTo("name");
    assertThat(ObjectKey.of("node-1").namespace()).isNull();
    assertThat(ObjectKey.of(null, "node-1")).isEqualTo(ObjectKey.of("node-1"));
    assertThat(ObjectKey.of("", "node-1")).isEqualTo(ObjectKey.of("node-1"));
  }

  @Test
  void epochAcceptsLowercaseLettersAndDigitsOnly() {
    assertThat(Epoch.of("k3v9q2m7").value()).isEqualTo("k3v9q2m7");
    assertThatThrownBy(() -> Epoch.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Epoch.of("ABC")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Epoch.of("a-b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Epoch.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomEpochsAreValidAndDiffer() {
    Epoch first = Epoch.random();

    assertThat(first.value()).matches("[0-9a-v]{16}");
    assertThat(Epoch.random()).isNotEqualTo(first);
  }

  @Test
  void versionIsNeverNegative() {
    assertThat(Version.of(0)).isEqualTo(Version.ZERO);
    assertThatThrownBy(() -> Version.of(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Version.of(41).next()).isEqualTo(Version.of(42));
    assertThat(Version.of(42).isAfter(Version.of(41))).isTrue();
    assertThatThrownBy(() -> Version.of(Long.MAX_VALUE).next()).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void nullValuesAreRefusedWithNullPointerException() {
    assertThatThrownBy(() -> ClusterId.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ResourceName.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ObjectKey.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Epoch.of(null)).isInstanceOf(NullPointerException.class);
  }
}
