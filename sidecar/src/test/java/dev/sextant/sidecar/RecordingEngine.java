package dev.sextant.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.CommonPools;
import com.linecorp.armeria.server.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A stand-in engine on a loopback port that records every request and answers as told. */
final class RecordingEngine implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<AggregatedHttpRequest> requests = new CopyOnWriteArrayList<>();
    private final Server server;

    RecordingEngine(Function<AggregatedHttpRequest, AggregatedHttpResponse> answer) {
        server = Server.builder().http(0).workerGroup(CommonPools.workerGroup(), false).gracefulShutdownTimeoutMillis(0, 0).serviceUnder("/", (ctx, req) -> HttpResponse.of(req.aggregate().thenApply(agg -> {
            requests.add(agg);
            return answer.apply(agg).toHttpResponse();
        }))).build();
        server.start().join();
    }

    int port() {
        return server.activeLocalPort();
    }

    String hostPort() {
        return "127.0.0.1:" + port();
    }

    /** The body of the {@code index}th request as JSON. */
    JsonNode body(int index) {
        try {
            return JSON.readTree(requests.get(index).contentUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop().join();
    }
}
