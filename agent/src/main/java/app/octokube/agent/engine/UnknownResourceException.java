package app.octokube.agent.engine;

import app.octokube.protocol.ResourceName;

/** A snapshot of a type the Agent does not track. */
public final class UnknownResourceException extends RuntimeException {
  private final transient ResourceName resource;

  public UnknownResourceException(ResourceName resource) {
    super("the agent does not track " + resource.value());
    this.resource = resource;
  }

  public ResourceName resource() {
    return resource;
  }
}
