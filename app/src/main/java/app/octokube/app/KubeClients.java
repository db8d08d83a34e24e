package app.octokube.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A client of the cluster from a kubeconfig file and context, or from the pod it runs in. */
final class KubeClients {
  private KubeClients() {}

  /**
   * @param kubeconfig a kubeconfig file, or null for the usual search ({@code KUBECONFIG},
   *     {@code ~/.kube/config}, then the service account of the pod the process runs in)
   * @param context a context of the kubeconfig, or null for its current context
   */
  static KubernetesClient connect(Path kubeconfig, String context) {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new BadConfiguration("--kubeconfig " + kubeconfig + " cannot be read");
      }
      try {
        config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
      } catch (IOException | RuntimeException e) {
        throw new BadConfiguration("--kubeconfig " + kubeconfig + " is not a usable kubeconfig"
            + (context != null ? " with context " + context : "") + ": " + e.getMessage());
      }
    } else {
      config = Config.autoConfigure(context);
    }
    if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
      throw new BadConfiguration("no cluster found: give --kubeconfig, set KUBECONFIG, or run inside a pod");
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
