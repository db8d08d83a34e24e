package app.octokube.backend.stream;

import app.octokube.protocol.ClusterId;
import app.octokube.protocol.Codec;
import app.octokube.protocol.Epoch;
import app.octokube.protocol.RawJson;
import app.octokube.protocol.ResourceName;
import app.octokube.protocol.Version;
import app.octokube.protocol.client.ClientChange;
import app.octokube.protocol.client.ClientDelta;
import app.octokube.protocol.client.ServerMessage;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the bytes of server messages by composition, so the fan-out never serializes a message
 * per client. The heads written here are the codec's own output for those fields (the codec writes
 * {@code op} first, then the record's components in order, and cluster ids, epochs and resource
 * names never need escaping); {@code WireFramesTest} holds every composition to byte equality with
 * {@link Codec#encode}.
 */
public final class WireFrames {
  /** The body of a delta with no change: the empty array and the closing brace. */
  private static final byte[] NO_CHANGES = "[]}".getBytes(StandardCharsets.US_ASCII);

  private WireFrames() {}

  /** A message encoded by the codec, whole, for messages sent to one client only. */
  public static OutboundMessage encode(Codec codec, ServerMessage message) {
    return OutboundMessage.of(codec.encodeToString(message));
  }

  /** {@code {"op":"delta","cluster":…,"epoch":…,"from":…,"to":…,"changes":} — a delta's envelope. */
  public static String deltaHead(ClusterId cluster, Epoch epoch, long from, long to) {
    return "{\"op\":\"delta\",\"cluster\":\"" + cluster.value() + "\",\"epoch\":\"" + epoch.value()
        + "\",\"from\":" + from + ",\"to\":" + to + ",\"changes\":";
  }

  /**
   * The length of {@link #deltaHead}, counted without building it: the outbox sizes every delta it
   * queues, most of which it never has to write as they are.
   */
  public static int deltaHeadLength(ClusterId cluster, Epoch epoch, long from, long to) {
    return DELTA_HEAD_FIXED + cluster.value().length() + epoch.value().length() + digits(from) + digits(to);
  }

  /** The characters of {@link #deltaHead} other than its values. */
  private static final int DELTA_HEAD_FIXED = "{\"op\":\"delta\",\"cluster\":\"\",\"epoch\":\"\",\"from\":,\"to\":,\"changes\":".length();

  /** The characters of {@code value} in decimal, as {@code Long.toString} writes it. */
  private static int digits(long value) {
    if (value < 0) {
      return Long.toString(value).length();
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    return digits;
  }

  /**
   * The part of a delta after its envelope, {@code [changes…]}}: encoded once per access class and
   * shared by every client of the class. Empty changes give a constant.
   */
  public static Buffer changesBody(Codec codec, ClusterId cluster, Epoch epoch, List<ClientChange> changes) {
    if (changes.isEmpty()) {
      return Buffer.buffer(NO_CHANGES);
    }
    byte[] whole = codec.encode(new ClientDelta(cluster, epoch, Version.of(1), Version.of(1), changes));
    int headLength = deltaHead(cluster, epoch, 1, 1).length();
    if (whole.length <= headLength || whole[headLength] != '[') {
      throw new IllegalStateException("the codec's delta encoding no longer starts with the envelope");
    }
    return Buffer.buffer(Arrays.copyOfRange(whole, headLength, whole.length));
  }

  /**
   * The changes of several bodies as one body, {@code [a…,b…]}}: the deltas a client is sent
   * together, without encoding anything again. Empty bodies add nothing.
   */
  public static Buffer joinBodies(List<Buffer> bodies) {
    long inner = 0;
    int withChanges = 0;
    for (Buffer body : bodies) {
      long size = innerSize(body);
      inner += size;
      withChanges += size > 0 ? 1 : 0;
    }
    Buffer joined = Buffer.buffer(Math.toIntExact(joinedSize(inner, withChanges))).appendByte((byte) '[');
    boolean first = true;
    for (Buffer body : bodies) {
      int size = (int) innerSize(body);
      if (size > 0) {
        if (!first) {
          joined.appendByte((byte) ',');
        }
        joined.appendBuffer(body, 1, size);
        first = false;
      }
    }
    return joined.appendByte((byte) ']').appendByte((byte) '}');
  }

  /** Bytes of a body's changes between its brackets: 0 for no change. */
  static long innerSize(Buffer body) {
    return body.length() - NO_CHANGES.length;
  }

  /** The size of a joined body of {@code withChanges} bodies whose changes hold {@code inner} bytes. */
  static long joinedSize(long inner, int withChanges) {
    return NO_CHANGES.length + inner + Math.max(0, withChanges - 1);
  }

  /** A delta message for one client: its own envelope, then the shared body. */
  public static OutboundMessage delta(ClusterId cluster, Epoch epoch, long from, long to, Buffer body) {
    return new OutboundMessage(deltaHead(cluster, epoch, from, to), body);
  }

  /**
   * A snapshot message; the same bytes for every client of one access class, since nothing in it
   * names the client.
   */
  public static OutboundMessage snapshot(
      ClusterId cluster, ResourceName resource, Epoch epoch, long version, List<RawJson> items) {
    String head = "{\"op\":\"snapshot\",\"cluster\":\"" + cluster.value() + "\",\"resource\":\""
        + resource.value() + "\",\"epoch\":\"" + epoch.value() + "\",\"version\":" + version
        + ",\"items\":";
    int size = 3 + items.size();
    for (RawJson item : items) {
      size += item.size();
    }
    Buffer body = Buffer.buffer(size).appendByte((byte) '[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        body.appendByte((byte) ',');
      }
      body.appendBytes(items.get(i).bytes());
    }
    body.appendByte((byte) ']').appendByte((byte) '}');
    return new OutboundMessage(head, body);
  }
}
