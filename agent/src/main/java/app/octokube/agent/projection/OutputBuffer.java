package app.octokube.agent.projection;

import app.octokube.protocol.EncodedNames;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The calling thread's scratch space for projecting: a growable byte sink and one JSON generator
 * writing into it, both reused by every projection on that thread, so that projecting an object
 * allocates its exact-size result and little else. A generator made per call would rebuild its I/O
 * context and its tree of write contexts each time; reused, they are built once.
 *
 * <p>Rules: {@link #forThisThread()} hands out the calling thread's buffer, emptied; the caller
 * writes exactly one JSON value with {@link #generator()} and takes it with {@link #take()}. A
 * projection that fails midway must call {@link #discard()}, since its generator may be left inside
 * an unfinished object. After an unusually large object the byte array shrinks back, so one huge
 * CRD does not pin megabytes per thread for ever. Being per thread, this suits the Agent's few
 * platform threads; a virtual thread per event would get a fresh one each time.
 */
final class OutputBuffer extends OutputStream {
  /** Holds a typical projection (pods project to about 3 KB) without growing. */
  private static final int INITIAL = 8 * 1024;

  /** Beyond this, the array is dropped after use rather than kept for the next projection. */
  private static final int KEEP_AT_MOST = 256 * 1024;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private static final ThreadLocal<OutputBuffer> PER_THREAD =
      ThreadLocal.withInitial(OutputBuffer::new);

  private byte[] bytes = new byte[INITIAL];
  private int size;
  private JsonGenerator generator;
  private SelectionWriter selectionWriter;
  private final EncodedNames names = new EncodedNames();

  private OutputBuffer() {}

  /** The calling thread's buffer, emptied. */
  static OutputBuffer forThisThread() {
    OutputBuffer buffer = PER_THREAD.get();
    buffer.size = 0;
    if (buffer.bytes.length > KEEP_AT_MOST) {
      buffer.bytes = new byte[INITIAL];
    }
    return buffer;
  }

  /**
   * The generator writing into this buffer. Successive values are written with no separator between
   * them, since each is taken out before the next is written.
   */
  JsonGenerator generator() throws IOException {
    if (generator == null) {
      generator = JSON.createGenerator(this);
      generator.setRootValueSeparator(null);
    }
    return generator;
  }

  /** The selection writer on {@link #generator()}, reused like it (it holds scratch arrays). */
  SelectionWriter selectionWriter() throws IOException {
    if (selectionWriter == null) {
      selectionWriter = new SelectionWriter(generator(), names);
    }
    return selectionWriter;
  }

  /**
   * This thread's encoded field names: one cache per thread, so threads never write each other's
   * slots. It outlives a failed projection, being only a cache.
   */
  EncodedNames names() {
    return names;
  }

  /** Where the generator's next byte goes, counted from the start of the value being written. */
  int position() {
    return size + generator.getOutputBuffered();
  }

  /** The bytes of the value just written, as a new exact-size array. */
  byte[] take() {
    try {
      generator.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("flushing to a byte array failed", e);
    }
    return Arrays.copyOf(bytes, size);
  }

  /** Forgets the generator and writer after a failed projection; the next one starts clean. */
  void discard() {
    generator = null;
    selectionWriter = null;
    size = 0;
  }

  @Override
  public void write(int b) {
    ensure(size + 1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensure(size + length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }
}
