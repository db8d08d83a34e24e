package app.octokube.agent.watch;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * A failed list or watch request, sorted by what the reflector does about it, with the message
 * an operator reads in the log and in {@link WatchStatus#lastError()}.
 *
 * @param kind what happened
 * @param message one line that names the type and, for a 403, the missing permission
 */
record ApiFailure(Kind kind, String message) {

  enum Kind {
    /** 403: a permission is missing; the operator must grant it. */
    FORBIDDEN,
    /** 404: the cluster does not serve the type (an API not installed, a removed CRD). */
    NOT_SERVED,
    /** 410: the resourceVersion or continue token expired; the type must be listed afresh. */
    GONE,
    /** Anything else: a network error, a 5xx, a timeout; worth retrying after a backoff. */
    TRANSIENT
  }

  static final String CLUSTER_ROLE_FILE = "deploy/agent-clusterrole.yaml";

  /**
   * @param verb the Kubernetes verb that failed, {@code list} or {@code watch}
   */
  static ApiFailure of(Throwable error, String verb, WatchTarget target) {
    int code = error instanceof KubernetesClientException k ? k.getCode() : 0;
    String cannot = "cannot " + verb + " " + target.resource() + ": ";
    if (code == HttpURLConnection.HTTP_FORBIDDEN) {
      return new ApiFailure(Kind.FORBIDDEN, cannot + "the agent's service account lacks \"" + verb
          + "\" on resource \"" + target.plural() + "\" in " + groupPhrase(target.group())
          + "; grant it in the ClusterRole (" + CLUSTER_ROLE_FILE + ")");
    }
    if (code == HttpURLConnection.HTTP_NOT_FOUND) {
      return new ApiFailure(Kind.NOT_SERVED, cannot + "the apiserver does not serve "
          + target.apiVersion() + " " + target.plural() + " (404 Not Found)");
    }
    if (code == HttpURLConnection.HTTP_GONE) {
      return new ApiFailure(Kind.GONE, cannot + "resourceVersion expired (410 Gone)");
    }
    return new ApiFailure(Kind.TRANSIENT, cannot + describe(error, code));
  }

  private static String groupPhrase(String group) {
    return group.isEmpty() ? "the core API group (\"\")" : "API group \"" + group + "\"";
  }

  private static String describe(Throwable error, int code) {
    String detail = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    if (code > 0 && error instanceof KubernetesClientException k && k.getStatus() != null
        && k.getStatus().getMessage() != null) {
      detail = k.getStatus().getMessage();
    }
    return code > 0 ? "HTTP " + code + ": " + detail : detail;
  }
}
