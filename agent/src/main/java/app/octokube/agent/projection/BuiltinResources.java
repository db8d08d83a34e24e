package app.octokube.agent.projection;

import app.octokube.protocol.ResourceName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in kinds: what the watcher watches and, per kind, the one list of paths its
 * projection keeps. This table and docs/projections.md say the same thing (ProjectionsDocTest
 * checks it); review one against the other. Paths use the {@link Selection} language;
 * {@code @name} refers to {@link Fragments}.
 *
 * <p>Every projection also carries apiVersion, kind and metadata (see {@link MetadataWriter}),
 * and the {@link RedactionFloor} holds whatever a path selects.
 */
public final class BuiltinResources {
  /** What every resource not in this table keeps: CRDs' objects and unknown kinds. */
  public static final List<String> GENERIC_PATHS =
      List.of("status.phase", "status.observedGeneration", "status.conditions");

  private static final String CONDITIONS = "status.conditions[].@condition";

  private static final List<BuiltinResource> ALL = List.of(
      namespaced("pods", "v1", "Pod",
          "spec.nodeName", "spec.serviceAccountName", "spec.priorityClassName",
          "spec.nodeSelector", "spec.hostNetwork", "spec.containers[].@container",
          "spec.initContainers[].@container", "spec.ephemeralContainers[].@container",
          "spec.volumes[]{volume}",
          "status.phase", "status.reason", "status.message", "status.conditions[].@podCondition",
          "status.hostIP", "status.podIPs", "status.qosClass", "status.startTime",
          "status.nominatedNodeName", "status.containerStatuses[].@containerStatus",
          "status.initContainerStatuses[].@containerStatus",
          "status.ephemeralContainerStatuses[].@containerStatus"),
      namespaced("deployments.apps", "apps/v1", "Deployment",
          "spec.replicas", "spec.selector", "spec.strategy", "spec.paused",
          "spec.template.@podTemplate",
          "status.observedGeneration", "status.replicas", "status.updatedReplicas",
          "status.readyReplicas", "status.availableReplicas", "status.unavailableReplicas",
          CONDITIONS),
      namespaced("replicasets.apps", "apps/v1", "ReplicaSet",
          "spec.replicas", "spec.selector", "spec.template.@podTemplate",
          "status.observedGeneration", "status.replicas", "status.fullyLabeledReplicas",
          "status.readyReplicas", "status.availableReplicas", CONDITIONS),
      namespaced("statefulsets.apps", "apps/v1", "StatefulSet",
          "spec.replicas", "spec.selector", "spec.serviceName", "spec.podManagementPolicy",
          "spec.updateStrategy", "spec.template.@podTemplate",
          "spec.volumeClaimTemplates[].metadata.name",
          "spec.volumeClaimTemplates[].spec.storageClassName",
          "spec.volumeClaimTemplates[].spec.resources.requests",
          "status.observedGeneration", "status.replicas", "status.readyReplicas",
          "status.currentReplicas", "status.updatedReplicas", "status.availableReplicas",
          "status.currentRevision", "status.updateRevision", CONDITIONS),
      namespaced("daemonsets.apps", "apps/v1", "DaemonSet",
          "spec.selector", "spec.updateStrategy", "spec.template.@podTemplate",
          "status.observedGeneration", "status.desiredNumberScheduled",
          "status.currentNumberScheduled", "status.updatedNumberScheduled", "status.numberReady",
          "status.numberAvailable", "status.numberUnavailable", "status.numberMisscheduled",
          CONDITIONS),
      namespaced("jobs.batch", "batch/v1", "Job",
          "spec.parallelism", "spec.completions", "spec.backoffLimit",
          "spec.activeDeadlineSeconds", "spec.suspend", "spec.template.@podTemplate",
          "status.active", "status.ready", "status.succeeded", "status.failed",
          "status.startTime", "status.completionTime", CONDITIONS),
      namespaced("cronjobs.batch", "batch/v1", "CronJob",
          "spec.schedule", "spec.timeZone", "spec.suspend", "spec.concurrencyPolicy",
          "spec.successfulJobsHistoryLimit", "spec.failedJobsHistoryLimit",
          "spec.jobTemplate.spec.template.@podTemplate",
          "status.active[].name", "status.lastScheduleTime", "status.lastSuccessfulTime"),
      namespaced("services", "v1", "Service",
          "spec.type", "spec.clusterIP", "spec.clusterIPs", "spec.externalIPs",
          "spec.externalName", "spec.ports", "spec.selector", "spec.sessionAffinity",
          "spec.externalTrafficPolicy", "spec.ipFamilies", "status.loadBalancer.ingress"),
      namespaced("endpointslices.discovery.k8s.io", "discovery.k8s.io/v1", "EndpointSlice",
          "addressType", "ports", "endpoints[].addresses", "endpoints[].conditions",
          "endpoints[].hostname", "endpoints[].nodeName", "endpoints[].zone",
          "endpoints[].targetRef.kind", "endpoints[].targetRef.namespace",
          "endpoints[].targetRef.name"),
      namespaced("ingresses.networking.k8s.io", "networking.k8s.io/v1", "Ingress",
          "spec.ingressClassName", "spec.defaultBackend", "spec.rules", "spec.tls",
          "status.loadBalancer.ingress"),
      namespaced("configmaps", "v1", "ConfigMap",
          "data{keys}", "binaryData{keys}", "immutable"),
      namespaced("secrets", "v1", "Secret",
          "type", "data{keys}", "stringData{keys}", "immutable"),
      cluster("persistentvolumes", "v1", "PersistentVolume",
          "spec.capacity", "spec.accessModes", "spec.persistentVolumeReclaimPolicy",
          "spec.storageClassName", "spec.volumeMode", "spec.claimRef.namespace",
          "spec.claimRef.name", "status.phase", "status.reason", "status.message"),
      namespaced("persistentvolumeclaims", "v1", "PersistentVolumeClaim",
          "spec.accessModes", "spec.resources.requests", "spec.storageClassName",
          "spec.volumeName", "spec.volumeMode", "status.phase", "status.capacity",
          "status.accessModes", CONDITIONS),
      cluster("storageclasses.storage.k8s.io", "storage.k8s.io/v1", "StorageClass",
          "provisioner", "parameters", "reclaimPolicy", "volumeBindingMode",
          "allowVolumeExpansion"),
      cluster("nodes", "v1", "Node",
          "spec.podCIDR", "spec.podCIDRs", "spec.providerID", "spec.unschedulable",
          "spec.taints", "status.addresses", "status.capacity", "status.allocatable",
          CONDITIONS, "status.nodeInfo"),
      cluster("namespaces", "v1", "Namespace",
          "status.phase", CONDITIONS),
      namespaced("events", "v1", "Event",
          "type", "reason", "message", "involvedObject.apiVersion", "involvedObject.kind",
          "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
          "involvedObject.fieldPath", "count", "firstTimestamp", "lastTimestamp", "eventTime",
          "source", "reportingComponent", "series.count"),
      namespaced("serviceaccounts", "v1", "ServiceAccount",
          "secrets[].name", "imagePullSecrets[].name", "automountServiceAccountToken"),
      namespaced("roles.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1", "Role",
          "rules"),
      namespaced("rolebindings.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1",
          "RoleBinding",
          "roleRef", "subjects"),
      cluster("clusterroles.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1",
          "ClusterRole",
          "rules", "aggregationRule"),
      cluster("clusterrolebindings.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1",
          "ClusterRoleBinding",
          "roleRef", "subjects"),
      cluster("customresourcedefinitions.apiextensions.k8s.io", "apiextensions.k8s.io/v1",
          "CustomResourceDefinition",
          "spec.group", "spec.names", "spec.scope", "spec.versions[].name",
          "spec.versions[].served", "spec.versions[].storage", "spec.versions[].deprecated",
          "spec.versions[].additionalPrinterColumns", "spec.conversion.strategy",
          CONDITIONS, "status.storedVersions"));

  private static final Map<ResourceName, BuiltinResource> BY_NAME =
      ALL.stream().collect(
          Collectors.toUnmodifiableMap(BuiltinResource::resource, Function.identity()));

  private BuiltinResources() {}

  /** Every built-in kind, in the order docs/projections.md lists them. */
  public static List<BuiltinResource> all() {
    return ALL;
  }

  public static Optional<BuiltinResource> find(ResourceName resource) {
    return Optional.ofNullable(BY_NAME.get(resource));
  }

  private static BuiltinResource namespaced(
      String resource, String apiVersion, String kind, String... paths) {
    return new BuiltinResource(ResourceName.of(resource), apiVersion, kind, true, List.of(paths));
  }

  private static BuiltinResource cluster(
      String resource, String apiVersion, String kind, String... paths) {
    return new BuiltinResource(ResourceName.of(resource), apiVersion, kind, false, List.of(paths));
  }
}
