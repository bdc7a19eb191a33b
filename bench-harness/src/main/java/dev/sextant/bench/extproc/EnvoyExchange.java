package dev.sextant.bench.extproc;

import dev.sextant.api.time.Clock;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Consumer;

/**
 * One request's ext_proc stream, with this class in Envoy's place: it sends the script's request headers and body,
 * waits for the picker's headers response and the body sent back, then plays the model server's response through
 * the picker and closes the stream. Every step is timed; the result goes to the listener exactly once.
 *
 * <p>Responses arrive on a gRPC event loop, one at a time for a stream; the fields the sending thread writes are
 * published to it through the gRPC call itself (the write is queued to the event loop the reply comes back on),
 * and are volatile besides, since nothing here is hot enough for it to matter.
 */
final class EnvoyExchange implements StreamObserver<ProcessingResponse> {
    /** What the exchange waits for next. */
    private enum Step { PICK, BODY_BACK, RESPONSE_HEADERS, RESPONSE_BODY, CLOSE, DONE }

    private final EnvoyScript script;
    private final Clock clock;
    private final long intendedNanos;
    private final Consumer<EnvoyExchange> listener;
    private final ModelServer modelServer;

    private volatile StreamObserver<ProcessingRequest> requests;
    private volatile Step step = Step.PICK;
    private volatile long startNanos;
    private volatile long lastChunkSentNanos;
    private long pickedNanos;
    private long bodyBackNanos;
    private volatile long responseSentNanos;
    private String destination;
    private volatile ExchangeTimes times;

    EnvoyExchange(EnvoyScript script, Clock clock, long intendedNanos, ModelServer modelServer,
            Consumer<EnvoyExchange> listener) {
        this.script = script;
        this.clock = clock;
        this.intendedNanos = intendedNanos;
        this.modelServer = modelServer;
        this.listener = listener;
    }

    /** Opens the stream and sends the request headers and every body chunk, as fast as gRPC takes them. */
    void start(ExternalProcessorGrpc.ExternalProcessorStub stub) {
        startNanos = clock.nanos();
        StreamObserver<ProcessingRequest> out = stub.process(this);
        requests = out;
        out.onNext(script.requestHeaders());
        List<ProcessingRequest> chunks = script.requestBodyChunks();
        int last = chunks.size() - 1;
        for (int i = 0; i < last; i++) {
            out.onNext(chunks.get(i));
        }
        lastChunkSentNanos = clock.nanos();
        out.onNext(chunks.get(last));
    }

    /** What happened, once the listener has been called; null before. */
    ExchangeTimes times() {
        return times;
    }

    @Override
    public void onNext(ProcessingResponse response) {
        if (response.hasImmediateResponse()) {
            requests.onCompleted();
            fail("immediate_" + response.getImmediateResponse().getStatus().getCodeValue());
            return;
        }
        switch (step) {
            case PICK -> picked(response);
            case BODY_BACK -> bodyChunk(response);
            case RESPONSE_HEADERS -> responseHeaders(response);
            case RESPONSE_BODY -> responseBody(response);
            case CLOSE, DONE -> { }
        }
    }

    private void picked(ProcessingResponse response) {
        if (!response.hasRequestHeaders()) {
            unexpected(response);
            return;
        }
        pickedNanos = clock.nanos();
        destination = Destinations.of(response);
        if (destination == null) {
            requests.onCompleted();
            fail("no_destination");
            return;
        }
        step = Step.BODY_BACK;
    }

    private void bodyChunk(ProcessingResponse response) {
        if (!response.hasRequestBody()) {
            unexpected(response);
            return;
        }
        CommonResponse common = response.getRequestBody().getResponse();
        BodyMutation mutation = common.getBodyMutation();
        boolean ended = mutation.hasStreamedResponse() ? mutation.getStreamedResponse().getEndOfStream()
                : mutation.hasBody();
        if (ended) {
            bodyBackNanos = clock.nanos();
            step = Step.RESPONSE_HEADERS;
            modelServer.answerLater(this::sendResponseHeaders);
        }
    }

    private void sendResponseHeaders() {
        if (step == Step.RESPONSE_HEADERS) {
            responseSentNanos = clock.nanos();
            requests.onNext(script.responseHeaders());
        }
    }

    private void responseHeaders(ProcessingResponse response) {
        if (!response.hasResponseHeaders()) {
            unexpected(response);
            return;
        }
        step = Step.RESPONSE_BODY;
        requests.onNext(script.responseBody());
    }

    private void responseBody(ProcessingResponse response) {
        if (!response.hasResponseBody()) {
            unexpected(response);
            return;
        }
        BodyMutation mutation = response.getResponseBody().getResponse().getBodyMutation();
        if (!mutation.hasStreamedResponse() || mutation.getStreamedResponse().getEndOfStream()) {
            step = Step.CLOSE;
            finish(clock.nanos(), null);
            requests.onCompleted();
        }
    }

    private void unexpected(ProcessingResponse response) {
        requests.onError(Status.CANCELLED.withDescription("unexpected message").asRuntimeException());
        fail("unexpected_" + response.getResponseCase().name().toLowerCase(java.util.Locale.ROOT)
                + "_waiting_for_" + step.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void onError(Throwable t) {
        fail("grpc_" + Status.fromThrowable(t).getCode());
    }

    @Override
    public void onCompleted() {
        fail("closed_early");
    }

    /** Gives up on an exchange still open when the run ends. */
    void cancel() {
        Step waitingFor = step;
        boolean open = waitingFor != Step.DONE;
        fail("unfinished_waiting_for_" + waitingFor.name().toLowerCase(java.util.Locale.ROOT));
        StreamObserver<ProcessingRequest> out = requests;
        if (out != null && open) {
            out.onError(Status.CANCELLED.withDescription("benchmark over").asRuntimeException());
        }
    }

    private void fail(String reason) {
        finish(clock.nanos(), reason);
    }

    private synchronized void finish(long endNanos, String failure) {
        if (times != null) {
            return;
        }
        step = Step.DONE;
        times = new ExchangeTimes(intendedNanos, startNanos, lastChunkSentNanos, pickedNanos, bodyBackNanos,
                responseSentNanos, endNanos, destination, failure);
        listener.accept(this);
    }
}
