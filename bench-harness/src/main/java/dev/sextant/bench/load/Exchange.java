package dev.sextant.bench.load;

import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.sextant.bench.workload.PlannedRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Arrays;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One request of the load generator: posted without blocking, its streamed response read on the client's
 * event loop as the bytes arrive, each server-sent event carrying text timestamped on arrival. Exactly one
 * outcome is reported per request: completed, failed or (when the run cut it off) unfinished.
 */
final class Exchange implements Subscriber<HttpObject> {
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final LoadGenerator.Run run;
    private final PlannedRequest planned;
    private final int idealTokens;
    private final SseLines lines = new SseLines(this::event);
    private final StringBuilder answer;
    private HttpResponse response;
    private Subscription subscription;
    private long sent;
    private int status;
    private long[] times;
    private int events;
    private long promptTokens = -1;
    private long completionTokens = -1;
    private long cachedTokens = -1;
    private String problem;
    private boolean ended;

    Exchange(LoadGenerator.Run run, PlannedRequest planned, int idealTokens, boolean keepAnswer) {
        this.run = run;
        this.planned = planned;
        this.idealTokens = idealTokens;
        this.answer = keepAnswer ? new StringBuilder() : null;
        this.times = new long[Math.max(4, Math.min(planned.outputTokens(), 1 << 16))];
    }

    /** The request this exchange sends. */
    PlannedRequest planned() {
        return planned;
    }

    /** Sends the request; the response arrives on the client's event loop. */
    void start(WebClient client, LoadOptions options, byte[] body) {
        RequestHeaders headers = RequestHeaders.builder(HttpMethod.POST, options.endpoint().getRawPath())
                .contentType(MediaType.JSON)
                .add("accept", "text/event-stream")
                .add("x-request-id", planned.requestId())
                .build();
        sent = run.now();
        response = client.execute(headers, HttpData.wrap(body));
        response.subscribe(this);
    }

    /** Cuts the request off (the run is over). */
    void abort() {
        HttpResponse r = response;
        if (r != null) {
            r.abort();
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(HttpObject object) {
        if (ended || problem != null) {
            return;
        }
        if (object instanceof ResponseHeaders headers) {
            int code = headers.status().code();
            if (code >= 200) {
                status = code;
                if (code != 200) {
                    problem = "http_" + code;
                }
            }
        } else if (object instanceof HttpData data && status == 200) {
            if (!lines.feed(data.array(), 0, data.length()) && problem == null) {
                problem = "oversized_event";
            }
        }
        if (problem != null && subscription != null) {
            subscription.cancel();
            finish();
        }
    }

    private boolean event(byte[] buffer, int offset, int length) {
        if (length == DONE.length && Arrays.equals(buffer, offset, offset + length, DONE, 0, DONE.length)) {
            return true;
        }
        long at = run.now();
        StreamEvent e;
        try {
            e = StreamEvent.parse(buffer, offset, length);
        } catch (IOException ex) {
            problem = "invalid_event";
            return false;
        }
        if (!e.text().isEmpty()) {
            if (events == times.length) {
                times = Arrays.copyOf(times, events * 2);
            }
            times[events++] = at;
            if (answer != null) {
                answer.append(e.text());
            }
        }
        promptTokens = e.promptTokens() >= 0 ? e.promptTokens() : promptTokens;
        completionTokens = e.completionTokens() >= 0 ? e.completionTokens() : completionTokens;
        cachedTokens = e.cachedTokens() >= 0 ? e.cachedTokens() : cachedTokens;
        return true;
    }

    @Override
    public void onError(Throwable t) {
        if (ended) {
            return;
        }
        if (problem == null) {
            Throwable cause = t instanceof UnprocessedRequestException u && u.getCause() != null ? u.getCause() : t;
            problem = cause instanceof ConnectException || t instanceof UnprocessedRequestException
                    ? "connect_failed" : "io_error";
        }
        finish();
    }

    @Override
    public void onComplete() {
        if (!ended && problem == null && status == 200 && events == 0) {
            problem = "no_tokens";
        }
        if (!ended && problem == null && status != 200) {
            problem = "no_response";
        }
        finish();
    }

    private void finish() {
        if (ended) {
            return;
        }
        ended = true;
        String text = null;
        long finished = run.now();
        run.lock.lock();
        try {
            if (run.cutOff && problem != null) {
                run.recorder.unfinished(planned.stage());
            } else if (problem != null) {
                run.recorder.failed(planned.stage(), problem, finished - run.start);
            } else {
                record();
                text = answer == null ? "" : answer.toString();
                finished = times[events - 1];
            }
        } finally {
            run.lock.unlock();
        }
        run.ended(this, planned, text, finished - run.start);
    }

    /** Called under the run's lock. */
    private void record() {
        long start = run.start;
        long last = times[events - 1];
        int tokens = (int) Math.max(events, completionTokens);
        long prompt = promptTokens >= 0 ? promptTokens
                : planned.prompt().hasTokens() ? planned.prompt().tokenCount() : 0;
        for (int i = 1; i < events; i++) {
            run.recorder.interTokenGap(planned.stage(), times[i] - times[i - 1]);
        }
        run.recorder.completed(planned.stage(), sent - start, times[0] - start, last - start, (int) prompt,
                (int) Math.max(0, cachedTokens), tokens, last - times[0], tokens - 1, idealTokens);
    }
}
