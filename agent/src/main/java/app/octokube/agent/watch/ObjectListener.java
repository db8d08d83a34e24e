package app.octokube.agent.watch;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Hears the raw objects one reflector passes to the queue, before projection reduces them; CRD
 * discovery reads the definitions' versions this way without a store of its own.
 *
 * <p>Called by one reflector at a time and in stream order: a list's {@link #listStarted},
 * {@link #listed} for each object and {@link #listCompleted} once the list landed in the queue,
 * then one call per watch event. A list that fails is followed by a new {@link #listStarted}.
 * Implementations keep what they need from the object, not the object.
 */
interface ObjectListener {

  void listStarted();

  void listed(GenericKubernetesResource object);

  void listCompleted();

  void upserted(GenericKubernetesResource object);

  void deleted(GenericKubernetesResource object);

  /** Hears nothing. */
  ObjectListener NONE = new ObjectListener() {
    @Override
    public void listStarted() {}

    @Override
    public void listed(GenericKubernetesResource object) {}

    @Override
    public void listCompleted() {}

    @Override
    public void upserted(GenericKubernetesResource object) {}

    @Override
    public void deleted(GenericKubernetesResource object) {}
  };
}
