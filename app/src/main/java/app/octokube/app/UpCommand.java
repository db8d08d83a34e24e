package app.octokube.app;

import app.octokube.protocol.ClusterId;
import at.favre.lib.crypto.bcrypt.BCrypt;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code octokube up}: the Agent, the Backend and the IDE in one process against a real cluster,
 * for one person — the way to try Octokube on the cluster in your kubeconfig.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Agent, the Backend and the IDE in one process against your current kubeconfig context.",
      "Single-user mode: one user, 'me', with a fresh password printed at start; the Agent uses",
      "your kubeconfig's credentials (it only lists and watches). Binds 127.0.0.1 by default."
    },
    sortOptions = false)
final class UpCommand implements Callable<Integer> {

  @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "${env:OCTOKUBE_KUBECONFIG}",
      description = "Kubeconfig to use (env OCTOKUBE_KUBECONFIG). Default: KUBECONFIG, then ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--context", defaultValue = "${env:OCTOKUBE_CONTEXT}",
      description = "Kubeconfig context (env OCTOKUBE_CONTEXT). Default: the current context.")
  String context;

  @Option(names = "--port", defaultValue = "8080",
      description = "Port for the IDE, on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--open", description = "Open the IDE in a browser once it is up.")
  boolean open;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new BadConfiguration("--port must be between 0 and 65535, got " + port);
    }
    PrintWriter out = spec.commandLine().getOut();
    String password = LocalStack.randomToken().substring(0, 20);
    try (KubernetesClient client = KubeClients.connect(kubeconfig, context);
        LocalStack stack = LocalStack.start(client, clusterId(client), "127.0.0.1", port, policy(password), false)) {
      out.printf("Octokube is up: %s%n", stack.url());
      out.printf("  cluster %s (%s)%n", clusterId(client), client.getMasterUrl());
      out.printf("  sign in as me / %s%n", password);
      out.printf("Press Ctrl-C to stop.%n");
      out.flush();
      if (open) {
        Browser.open(stack.url(), spec.commandLine().getErr());
      }
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "octokube-up-stop"));
      stop.await();
    }
    return 0;
  }

  /** The cluster's name in the IDE: the kubeconfig context, made a valid cluster id. */
  static ClusterId clusterId(KubernetesClient client) {
    String context = client.getConfiguration().getCurrentContext() == null ? null
        : client.getConfiguration().getCurrentContext().getName();
    String id = context == null ? "" : context.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+|-+$", "");
    if (id.length() > 63) {
      id = id.substring(0, 63).replaceAll("-+$", "");
    }
    return ClusterId.of(id.isEmpty() ? "local" : id);
  }

  /** One user, 'me', who sees everything the Agent streams (Secret values never leave it). */
  static String policy(String password) {
    return """
        users:
          - name: me
            passwordHash: "%s"
        roles:
          - name: everything
            allow:
              - clusters: ["*"]
                resources: ["*", secrets]
                verbs: [view]
        bindings:
          - role: everything
            subjects: ["user:me"]
        """.formatted(BCrypt.withDefaults().hashToString(10, password.toCharArray()));
  }
}
