package dev.sextant.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The request bodies of the two legs of llm-d's nixlv2 protocol, derived from the client's body.
 * The client's body is never modified: each leg gets its own copy.
 */
final class NixlV2Bodies {
    static final String KV_TRANSFER_PARAMS = "kv_transfer_params";

    private NixlV2Bodies() {}

    /**
     * The prefill leg: the original request asking the prefill engine to keep the KV for a remote
     * decode, without streaming, producing one token.
     */
    static ObjectNode prefillLeg(ObjectNode original, InferenceApi api) {
        ObjectNode body = original.deepCopy();
        ObjectNode kv = body.putObject(KV_TRANSFER_PARAMS);
        kv.put("do_remote_decode", true);
        kv.put("do_remote_prefill", false);
        kv.putNull("remote_engine_id");
        kv.putNull("remote_block_ids");
        kv.putNull("remote_host");
        kv.putNull("remote_port");
        body.put("stream", false);
        body.remove("stream_options");
        for (String field : api.tokenLimitFields()) {
            body.put(field, 1);
        }
        return body;
    }

    /**
     * The decode leg: the original request (its own stream settings and limits) carrying the
     * {@code kv_transfer_params} the prefill engine answered, verbatim ({@code null} if it sent none).
     */
    static ObjectNode decodeLeg(ObjectNode original, JsonNode prefillResponse) {
        ObjectNode body = original.deepCopy();
        JsonNode kv = prefillResponse == null ? null : prefillResponse.get(KV_TRANSFER_PARAMS);
        body.set(KV_TRANSFER_PARAMS, kv == null ? NullNode.getInstance() : kv);
        return body;
    }
}
