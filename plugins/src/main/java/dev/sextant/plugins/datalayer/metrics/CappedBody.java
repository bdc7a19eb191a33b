package dev.sextant.plugins.datalayer.metrics;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into one array, refused as soon as it would exceed a maximum size, so
 * a huge or endless body costs at most that much memory: the subscription is cancelled, which
 * makes the HTTP client close the connection.
 *
 * @param bytes the array holding the body; only the first {@code length} bytes are the body
 * @param length the body's length in bytes
 */
record CappedBody(byte[] bytes, int length) {

    /** What a body over the limit fails with; the caller adds the URL. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(long size, int limit) {
            super("body of " + (size < 0 ? "more than " + limit : size) + " bytes (expected: at most " + limit
                    + ", the maxBodyBytes parameter)", null, false, false);
        }
    }

    /**
     * A subscriber collecting at most {@code limit} bytes, starting with room for
     * {@code expectedLength} bytes when the server announced a length.
     */
    static HttpResponse.BodySubscriber<CappedBody> subscriber(int limit, long expectedLength) {
        return new Collector(limit, expectedLength);
    }

    /** Collects one body; the client calls it from one thread at a time, as Flow requires. */
    private static final class Collector implements HttpResponse.BodySubscriber<CappedBody> {
        private static final int DEFAULT_INITIAL_CAPACITY = 16 * 1024;

        private final int limit;
        private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private byte[] buffer;
        private int length;

        Collector(int limit, long expectedLength) {
            this.limit = limit;
            int initial = expectedLength >= 0 ? (int) Math.min(expectedLength, limit) : DEFAULT_INITIAL_CAPACITY;
            this.buffer = new byte[Math.min(Math.max(initial, 1), limit)];
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = item.remaining();
                if (n > limit - length) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException(-1, limit));
                    return;
                }
                if (length + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(length + n, 2L * buffer.length)));
                }
                item.get(buffer, length, n);
                length += n;
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new CappedBody(buffer, length));
        }
    }
}
