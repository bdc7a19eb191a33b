package dev.sextant.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.util.Exceptions;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Sends prefill legs to prefill engines and classifies their answers. */
final class PrefillLeg {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient client;

    /** {@code client} has no base URI: every leg names its prefill engine. */
    PrefillLeg(WebClient client) {
        this.client = client;
    }

    /** Posts {@code body} to {@code headers.path()} on {@code target} and waits for the whole answer. */
    CompletableFuture<PrefillOutcome> run(String target, RequestHeaders headers, byte[] body) {
        RequestHeaders toTarget = headers.toBuilder().scheme(SessionProtocol.H1C).authority(target).build();
        return client.execute(HttpRequest.of(toTarget, HttpData.wrap(body))).aggregate()
                .handle((response, error) -> error != null ? failed(target, error) : classify(target, response));
    }

    private static PrefillOutcome classify(String target, AggregatedHttpResponse response) {
        int status = response.status().code();
        if (status >= 400 && status < 500) {
            return new PrefillOutcome.Refused(response);
        }
        if (status < 200 || status >= 300) {
            return new PrefillOutcome.Failed("prefill engine " + target + " answered " + status);
        }
        try {
            JsonNode json = JSON.readTree(response.content().array());
            if (json == null || !json.isObject()) {
                return new PrefillOutcome.Failed("prefill engine " + target + " answered something other than a JSON object");
            }
            return new PrefillOutcome.Prefilled(json);
        } catch (IOException e) {
            return new PrefillOutcome.Failed("prefill engine " + target + " answered invalid JSON: " + e.getMessage());
        }
    }

    private static PrefillOutcome failed(String target, Throwable error) {
        Throwable cause = Exceptions.peel(error);
        if (cause instanceof UnprocessedRequestException u) {
            return new PrefillOutcome.Failed("prefill engine " + target + " unreachable: "
                    + LocalEngine.describe(u.getCause() == null ? u : u.getCause()));
        }
        if (cause instanceof ResponseTimeoutException) {
            return new PrefillOutcome.Failed("prefill engine " + target + " did not answer in time");
        }
        return new PrefillOutcome.Failed("prefill engine " + target + " failed: " + LocalEngine.describe(cause));
    }
}
