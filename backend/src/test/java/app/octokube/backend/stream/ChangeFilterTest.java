package app.octokube.backend.stream;

import static org.assertj.core.api.Assertions.assertThat;

import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.link.Change;
import app.octokube.protocol.link.ChangeType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeFilterTest {
  private static final ResourceName PODS = ResourceName.of("pods");
  private static final ObjectKey KEY = ObjectKey.of("payments/api-1");
  private static final RawJson OBJECT = RawJson.of("{\"metadata\":{\"name\":\"api-1\"}}");
  private static final Map<String, String> WEB = Map.of("tier", "web");
  private static final Map<String, String> DB = Map.of("tier", "db");

  /** Sees web-tier pods only. */
  private static final ClusterAccess WEB_ONLY = new ClusterAccess() {
    @Override
    public boolean mayViewCluster() {
      return true;
    }

    @Override
    public boolean maySubscribe(ResourceName resource) {
      return true;
    }

    @Override
    public boolean mayView(ResourceName resource, ObjectKey key, Map<String, String> labels) {
      return "web".equals(labels.get("tier"));
    }

    @Override
    public Object accessClass() {
      return "web";
    }
  };

  @Test
  void anObjectVisibleAfterTheChangeIsAnUpsertWithItsObject() {
    ClientChange seen = ChangeFilter.visible(Change.upsert(PODS, KEY, WEB, OBJECT, new Change.Previous(DB)), WEB_ONLY);

    assertThat(seen).isEqualTo(ClientChange.upsert(PODS, KEY, OBJECT));
  }

  @Test
  void anObjectVisibleOnlyBeforeTheChangeIsADelete() {
    ClientChange seen = ChangeFilter.visible(Change.upsert(PODS, KEY, DB, OBJECT, new Change.Previous(WEB)), WEB_ONLY);

    assertThat(seen).isEqualTo(ClientChange.delete(PODS, KEY));
  }

  @Test
  void anObjectNeverVisibleIsNothing() {
    assertThat(ChangeFilter.visible(Change.upsert(PODS, KEY, DB, OBJECT, null), WEB_ONLY)).isNull();
    assertThat(ChangeFilter.visible(Change.delete(PODS, KEY, DB), WEB_ONLY)).isNull();
  }

  @Test
  void theDeleteOfAVisibleObjectIsADelete() {
    assertThat(ChangeFilter.visible(Change.delete(PODS, KEY, WEB), WEB_ONLY)).isEqualTo(ClientChange.delete(PODS, KEY));
  }

  @Test
  void changesOfResourcesNotAskedForAreLeftOut() {
    List<ClientChange> seen = ChangeFilter.visible(List.of(
        Change.upsert(ResourceName.of("services"), KEY, WEB, OBJECT, null),
        Change.upsert(PODS, KEY, WEB, OBJECT, null)), Set.of(PODS), WEB_ONLY);

    assertThat(seen).extracting(ClientChange::resource).containsExactly(PODS);
  }

  @Test
  void mergingKeepsTheLastChangeOfEachObject() {
    Map<ChangeFilter.Slot, ClientChange> merged = ChangeFilter.newMerge();
    ChangeFilter.mergeInto(merged, List.of(ClientChange.upsert(PODS, KEY, OBJECT)));
    ChangeFilter.mergeInto(merged, List.of(ClientChange.delete(PODS, KEY)));

    assertThat(merged.values()).extracting(ClientChange::type).containsExactly(ChangeType.DELETE);
  }
}
