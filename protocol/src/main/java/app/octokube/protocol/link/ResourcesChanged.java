package app.octokube.protocol.link;

import app.octokube.protocol.Epoch;
import app.octokube.protocol.Fields;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import java.util.List;
import java.util.Objects;

/**
 * The set of resource types the Agent serves changed (a CustomResourceDefinition appeared or
 * went). It carries the whole new set, not the difference, so a Backend that missed one such
 * message is still right after the next.
 *
 * @param version the Agent's version when the set changed; the message does not spend a version
 *     and comes after the delta of {@code version} and before the next one
 * @param resources every resource type the Agent serves from now on
 */
public record ResourcesChanged(Epoch epoch, Version version, List<ResourceName> resources)
    implements AgentMessage {
  public ResourcesChanged {
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(version, "version");
    resources = Fields.distinct(resources, "resources");
  }
}
