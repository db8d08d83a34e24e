package app.octokube.app;

import app.octokube.agent.Agent;
import app.octokube.backend.Backend;
import app.octokube.protocol.ClusterId;
import app.octokube.sim.SimConfig;
import app.octokube.sim.SimulatedCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code octokube demo}: the whole product on one machine — a simulated cluster, a real Agent
 * watching it, a real Backend serving the Web IDE — connected through the same code and the same
 * sockets as in production.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole product on a simulated cluster, on this machine.",
      "Seeds the cluster, starts a real Agent and a real Backend, and prints the URL and how to",
      "sign in. Demo users: admin (everything), alice (payments and search, no secrets), bob",
      "(platform, weekdays 09:00-18:00). Each password is the user's name."
    },
    sortOptions = false)
final class DemoCommand implements Callable<Integer> {
  static final ClusterId CLUSTER = ClusterId.of("demo");

  @Option(names = "--port", defaultValue = "8080",
      description = "Port for the IDE, on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}: this machine only; the demo's passwords are public).")
  String host;

  @Option(names = "--pods", defaultValue = "500",
      description = "Pods in the simulated cluster, 100 to 150,000 (default: ${DEFAULT-VALUE}).")
  int pods;

  @Option(names = "--churn", defaultValue = "5",
      description = "Changes per second the simulated cluster makes; 0 for a still one (default: ${DEFAULT-VALUE}).")
  double churn;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Time zone of bob's weekday window (default: this machine's, ${DEFAULT-VALUE}).")
  String timezone = ZoneId.systemDefault().getId();

  @Option(names = "--open", description = "Open the IDE in a browser once it is up.")
  boolean open;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** What a started demo is made of: the simulated cluster and the stack watching it. */
  static final class Running implements AutoCloseable {
    private final SimulatedCluster cluster;
    private final LocalStack stack;

    Running(SimulatedCluster cluster, LocalStack stack) {
      this.cluster = cluster;
      this.stack = stack;
    }

    SimulatedCluster cluster() {
      return cluster;
    }

    Backend backend() {
      return stack.backend();
    }

    Agent agent() {
      return stack.agent();
    }

    Path policy() {
      return stack.policy();
    }

    String url() {
      return stack.url();
    }

    /** Restarts the Agent as a pod restart would (see {@link LocalStack#restartAgent()}). */
    void restartAgent() throws InterruptedException {
      stack.restartAgent();
    }

    @Override
    public void close() throws Exception {
      try {
        stack.close();
      } finally {
        cluster.close();
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Running demo = start(out)) {
      out.printf("%nOctokube demo is up: %s%n", demo.url());
      out.printf("  sign in as admin / admin (everything), alice / alice (payments and search),%n");
      out.printf("  or bob / bob (platform, weekdays 09:00-18:00 %s)%n", timezone);
      out.printf("  API tokens: demo-admin, demo-alice, demo-bob (Authorization: Bearer ...)%n");
      out.printf("  the policy is %s: edit it and the change takes effect within a second%n", demo.policy());
      out.printf("Press Ctrl-C to stop.%n");
      out.flush();
      if (open) {
        Browser.open(demo.url(), spec.commandLine().getErr());
      }
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "octokube-demo-stop"));
      stop.await();
    }
    return 0;
  }

  /** Starts every part; used by the command and by tests. */
  Running start(PrintWriter out) throws Exception {
    SimConfig sim = validated();
    ZoneId zone = zone();
    out.printf("Seeding a simulated cluster with %,d pods...%n", sim.pods());
    out.flush();
    int[] lastShown = {-1};
    SimulatedCluster cluster = SimulatedCluster.start(sim, percent -> {
      if (percent / 10 != lastShown[0] / 10 || percent == 100) {
        lastShown[0] = percent;
        out.printf("  %3d%%%n", percent);
        out.flush();
      }
    });
    try {
      return new Running(cluster, LocalStack.start(cluster.client(), CLUSTER, host, port, DemoPolicy.yaml(zone), true));
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private SimConfig validated() {
    if (port < 0 || port > 65535) {
      throw new BadConfiguration("--port must be between 0 and 65535, got " + port);
    }
    try {
      if (!InetAddress.getByName(host).isLoopbackAddress()) {
        spec.commandLine().getErr().println("warning: the demo's passwords are public, and --host "
            + host + " lets other machines reach it");
      }
      return SimConfig.demo().withPods(pods).withChurn(churn);
    } catch (IllegalArgumentException | IOException e) {
      throw new BadConfiguration(e.getMessage());
    }
  }

  private ZoneId zone() {
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new BadConfiguration("--timezone " + timezone + " is not a time zone, e.g. Europe/Paris");
    }
  }




}
