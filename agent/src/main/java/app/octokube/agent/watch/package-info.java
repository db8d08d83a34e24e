/**
 * Watching the cluster: one reflector per resource type turns the apiserver's list and watch
 * streams into {@link app.octokube.agent.engine.ClusterEvent}s for the Agent's single queue.
 *
 * <p>Data path: {@link app.octokube.agent.watch.ClusterWatch} starts one
 * {@link app.octokube.agent.watch.ResourceWatcher} per configured type and, through
 * {@link app.octokube.agent.watch.CrdDiscovery}, one per served custom resource. A reflector
 * lists with {@link app.octokube.agent.watch.PagedLister}, submits the whole list as one
 * {@code Relisted}, then watches through a {@link app.octokube.agent.watch.WatchSession} from the
 * list's resourceVersion. It keeps nothing but that resourceVersion: the hot state is the only
 * copy of the objects.
 *
 * <p>Rules every class here keeps: callbacks only project and enqueue; every retry waits a
 * jittered {@link app.octokube.agent.watch.Backoff}; the apiserver sees one watch per type
 * whatever the number of the queue's consumers; a type that cannot be listed is reported in its
 * {@link app.octokube.agent.watch.WatchStatus} while every other type goes on.
 */
package app.octokube.agent.watch;
