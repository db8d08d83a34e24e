/**
 * Client streams and fan-out: per cluster a {@link app.octokube.backend.stream.ClusterHub} on the
 * cluster's owner context, holding the subscribers and the deduplicated snapshot rounds; per
 * client a {@link app.octokube.backend.stream.ClientSession} and its bounded
 * {@link app.octokube.backend.stream.ClientOutbox}. Access decisions come through
 * {@link app.octokube.backend.stream.AccessResolver}; the Backend keeps no copy of any object: it
 * filters and forwards.
 */
package app.octokube.backend.stream;
