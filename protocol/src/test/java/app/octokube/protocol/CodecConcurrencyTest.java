package app.octokube.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One codec is shared by every connection of a process, so it must be safe to share. */
class CodecConcurrencyTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 200;

  @Test
  void threadsSharingOneCodecGetWhatOneThreadAloneGets() throws Exception {
    Codec codec = new Codec();
    List<Object> messages = new ArrayList<>();
    messages.addAll(Samples.clientRequests());
    messages.addAll(Samples.serverMessages());
    messages.addAll(Samples.agentMessages());
    messages.addAll(Samples.agentCommands());
    List<byte[]> reference = messages.stream().map(codec::encode).toList();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return encodeAndDecodeRepeatedly(codec, messages, reference);
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean encodeAndDecodeRepeatedly(Codec codec, List<Object> messages, List<byte[]> reference) {
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < messages.size(); i++) {
        byte[] frame = codec.encode(messages.get(i));
        if (!Arrays.equals(frame, reference.get(i)) || !decode(codec, frame, messages.get(i))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean decode(Codec codec, byte[] frame, Object expected) {
    Decoded<?> decoded = Samples.decode(codec, expected, frame);
    return decoded.isOk() && decoded.orElseThrow().equals(expected);
  }
}
