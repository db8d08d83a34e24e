package app.octokube.backend.server;

import app.octokube.backend.agents.AgentTokens;
import app.octokube.backend.stream.AccessResolver;
import app.octokube.backend.stream.ClusterAccess;
import app.octokube.protocol.ClusterId;
import app.octokube.protocol.ObjectKey;
import app.octokube.protocol.ResourceName;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs a Backend from the command line, for trying it out: access is either nothing for anyone
 * (the default: Virtual RBAC is wired in by the {@code octokube backend} command) or, with
 * {@code --allow-all}, everything for every authenticated user.
 *
 * <pre>
 * java ... app.octokube.backend.server.BackendMain --port 8080 \
 *     --origin http://localhost:5173 \
 *     --agent-token-sha256 c1=&lt;sha256 of c1's agent token&gt; \
 *     --api-token-sha256 alice=&lt;sha256 of alice's API token&gt; [--allow-all]
 * </pre>
 *
 * A bad argument prints a message and exits with status 2.
 */
public final class BackendMain {
  private BackendMain() {}

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 8080;
    Set<String> origins = new LinkedHashSet<>();
    Map<ClusterId, String> agentHashes = new LinkedHashMap<>();
    Map<String, String> userHashes = new LinkedHashMap<>();
    boolean allowAll = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--host" -> host = args[++i];
          case "--port" -> port = Integer.parseInt(args[++i]);
          case "--origin" -> origins.add(args[++i]);
          case "--agent-token-sha256" -> {
            String[] pair = pair(args[++i]);
            agentHashes.put(ClusterId.of(pair[0]), pair[1]);
          }
          case "--api-token-sha256" -> {
            String[] pair = pair(args[++i]);
            userHashes.put(pair[1], pair[0]);
          }
          case "--allow-all" -> allowAll = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      BackendConfig config = BackendConfig.of(host, port, origins, AgentTokens.fromHashes(agentHashes));
      AccessResolver resolver = allowAll ? (user, cluster, now) -> EVERYTHING : (user, cluster, now) -> NOTHING;
      BackendServer.start(config, resolver, BearerTokenAuthenticator.fromHashes(userHashes))
          .onFailure(failure -> {
            System.err.println("octokube backend: " + failure.getMessage());
            System.exit(1);
          });
    } catch (RuntimeException e) {
      System.err.println("octokube backend: " + e.getMessage());
      System.exit(2);
    }
  }

  private static String[] pair(String value) {
    int equals = value.indexOf('=');
    if (equals <= 0 || equals == value.length() - 1) {
      throw new IllegalArgumentException("expected NAME=SHA256, got an argument without '='");
    }
    return new String[] {value.substring(0, equals), value.substring(equals + 1)};
  }

  private static final ClusterAccess NOTHING = new Fixed(false);
  private static final ClusterAccess EVERYTHING = new Fixed(true);

  private record Fixed(boolean all) implements ClusterAccess {
    @Override
    public boolean mayViewCluster() {
      return all;
    }

    @Override
    public boolean maySubscribe(ResourceName resource) {
      return all;
    }

    @Override
    public boolean mayView(ResourceName resource, ObjectKey key, Map<String, String> labels) {
      return all;
    }

    @Override
    public Object accessClass() {
      return this;
    }
  }
}
