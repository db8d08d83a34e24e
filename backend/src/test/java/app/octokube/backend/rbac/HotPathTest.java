package app.octokube.backend.rbac;

import static app.octokube.backend.rbac.Policies.accessWithRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-object decision allocates nothing once the resource's view is built. */
class HotPathTest {

  @Test
  void mayViewAllocatesNothingOnceWarm() {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    Access access = accessWithRole("""
        allow:
          - clusters: ["prod-*"]
            namespaces: [payments, 'payments-*']
            resources: ['*']
            labelSelector: 'tier in (web,api)'
            verbs: [view]
          - {resources: [namespaces, nodes], verbs: [view]}
        deny:
          - {resources: [pods], names: ['*-debug'], labelSelector: '!keep'}
        """);
    Map<String, String> labels = Map.of("tier", "web", "app", "api");
    int viewable = 0;
    for (int i = 0; i < 20_000; i++) {
      viewable += decide(access, labels);
    }
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 100_000; i++) {
      viewable += decide(access, labels);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertThat(viewable).isPositive();
    // A few hundred bytes of slack for the measuring call itself, not per decision.
    assertThat(allocated).isLessThan(1_000);
  }

  private static int decide(Access access, Map<String, String> labels) {
    int viewable = 0;
    viewable += access.mayView("pods", "payments-eu", "api-7f9", labels) ? 1 : 0;
    viewable += access.mayView("pods", "payments", "api-debug", labels) ? 1 : 0;
    viewable += access.mayView("deployments.apps", "web", "api", labels) ? 1 : 0;
    viewable += access.mayView("namespaces", null, "payments-eu", null) ? 1 : 0;
    viewable += access.mayView("secrets", "payments", "creds", labels) ? 1 : 0;
    return viewable;
  }
}
