package app.octokube.agent.watch;

/** Where one resource type's reflector stands; see {@link WatchStatus}. */
public enum WatchState {
  /** Listing the type, page by page; the list lands in the queue as one version. */
  LISTING,
  /** Streaming changes from the last resourceVersion. */
  WATCHING,
  /** Waiting, with jitter, before listing or watching again after a failure or an expiry. */
  BACKING_OFF,
  /** The apiserver refused (403): a permission is missing. Retried slowly; stays until one works. */
  FORBIDDEN,
  /** The apiserver does not serve the type (404). Retried slowly; stays until one works. */
  NOT_SERVED,
  /** Stopped for good: the Agent is closing or the type went away. */
  STOPPED
}
