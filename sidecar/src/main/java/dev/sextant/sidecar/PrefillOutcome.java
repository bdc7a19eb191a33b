package dev.sextant.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;

/** What the prefill leg of one request came to. */
sealed interface PrefillOutcome {

    /** The prefill engine computed the prompt and answered its KV-transfer parameters. */
    record Prefilled(JsonNode response) implements PrefillOutcome {}

    /** The prefill engine refused the request itself (4xx): the client gets that answer as is. */
    record Refused(AggregatedHttpResponse response) implements PrefillOutcome {}

    /**
     * The prefill leg failed for another reason (5xx, no connection, timeout, unreadable answer):
     * the local engine computes the prompt itself.
     *
     * @param reason a short sentence for the log and the {@code x-sextant-prefill-fallback} header
     */
    record Failed(String reason) implements PrefillOutcome {}
}
