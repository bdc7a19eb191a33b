package dev.sextant.simulator.kvevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.simulator.server.ReplicaOptions;
import dev.sextant.simulator.server.SimulatedReplicaServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A real replica publishing, a JeroMQ subscriber receiving, msgpack decoding: REFERENCE §7 end to end. */
class KvEventsOverZeroMqTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void blockStoredEventsCarryThePromptsTokensInOrderedBatches() throws Exception {
        try (SimulatedReplicaServer replica = SimulatedReplicaServer.start(ReplicaOptions.builder()
                .model("kv-model").instant(true).kvEvents(KvEventsEndpoint.parse("bind:tcp://127.0.0.1:*")).build());
                ZContext context = new ZContext(1)) {
            URI base = replica.baseUri();

            // A subscription takes a moment to reach the publisher, and a JeroMQ 0.6 SUB socket now and
            // then never receives anything on a fresh connection (it does not recover by waiting): send
            // until a batch comes through, and replace a subscriber that stays silent.
            ZMQ.Socket sub = null;
            List<byte[]> message = null;
            for (int attempt = 0; attempt < 100 && message == null; attempt++) {
                if (attempt % 10 == 0) {
                    if (sub != null) {
                        context.destroySocket(sub);
                    }
                    sub = subscribe(context, replica);
                }
                post(base, "/v1/completions", "{\"prompt\":[" + (1000 + attempt) + ",1,2],\"max_tokens\":20,"
                        + "\"ignore_eos\":true}");
                message = receive(sub);
            }
            assertThat(message).as("a KV event batch within 100 attempts").isNotNull();
            assertThat(new String(message.get(0), StandardCharsets.UTF_8)).isEqualTo(replica.kvEventsTopic())
                    .isEqualTo("kv@127.0.0.1:" + replica.port() + "@kv-model");
            while (receive(sub) != null) {
                // drain what the warm-up sent
            }

            String text = "The same words, tokenized the same way. ".repeat(12);
            int[] tokens = tokenize(base, text);
            post(base, "/v1/completions", "{\"prompt\":\"" + text + "\",\"max_tokens\":1}");
            post(base, "/v1/completions", "{\"prompt\":\"another prompt entirely\",\"max_tokens\":40,\"ignore_eos\":true}");

            List<long[]> storedForText = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            List<byte[]> m;
            while ((m = receive(sub)) != null) {
                sequences.add(ByteBuffer.wrap(m.get(1)).getLong());
                ArrayValue batch;
                try (MessageUnpacker u = MessagePack.newDefaultUnpacker(m.get(2))) {
                    batch = u.unpackValue().asArrayValue();
                }
                assertThat(batch.size()).isEqualTo(3);
                assertThat(batch.get(0).asFloatValue().toDouble()).isGreaterThan(1.7e9);
                assertThat(batch.get(2).asIntegerValue().toInt()).isZero();
                for (Value v : batch.get(1).asArrayValue()) {
                    ArrayValue event = v.asArrayValue();
                    if (event.get(0).asStringValue().asString().equals("BlockStored") && event.get(2).isNilValue()
                            && event.get(3).asArrayValue().get(0).asIntegerValue().toInt() == tokens[0]) {
                        List<Value> ids = event.get(3).asArrayValue().list();
                        long[] got = ids.stream().mapToLong(x -> x.asIntegerValue().toLong()).toArray();
                        storedForText.add(got);
                        assertThat(event.get(4).asIntegerValue().toInt()).isEqualTo(16);
                        assertThat(event.get(6).asStringValue().asString()).isEqualTo("GPU");
                    }
                }
            }
            assertThat(storedForText).hasSize(1);
            long[] stored = storedForText.getFirst();
            int fullBlocks = tokens.length / 16;
            assertThat(stored).hasSize(fullBlocks * 16);
            for (int i = 0; i < stored.length; i++) {
                assertThat(stored[i]).as("token %d", i).isEqualTo(tokens[i]);
            }
            assertThat(sequences).isNotEmpty();
            for (int i = 1; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo(sequences.get(i - 1) + 1);
            }
        }
    }

    private static ZMQ.Socket subscribe(ZContext context, SimulatedReplicaServer replica) {
        ZMQ.Socket sub = context.createSocket(SocketType.SUB);
        sub.setLinger(0);
        sub.subscribe("kv@".getBytes(StandardCharsets.UTF_8));
        sub.connect(replica.kvEventsEndpoint().orElseThrow());
        sub.setReceiveTimeOut(200);
        return sub;
    }

    private static List<byte[]> receive(ZMQ.Socket sub) {
        byte[] topic = sub.recv();
        if (topic == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(List.of(topic));
        while (sub.hasReceiveMore()) {
            frames.add(sub.recv());
        }
        assertThat(frames).hasSize(3);
        assertThat(frames.get(1)).hasSize(8);
        return frames;
    }

    private int[] tokenize(URI base, String text) throws IOException, InterruptedException {
        JsonNode r = JSON.readTree(post(base, "/tokenize", "{\"prompt\":\"" + text + "\"}"));
        int[] out = new int[r.get("count").asInt()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.get("tokens").get(i).asInt();
        }
        return out;
    }

    private String post(URI base, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
