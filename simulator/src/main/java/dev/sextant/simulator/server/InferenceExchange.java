package dev.sextant.simulator.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.sextant.simulator.engine.Completion;
import dev.sextant.simulator.engine.EngineRequest;
import dev.sextant.simulator.engine.FinishReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One inference request's exchange: builds the engine requests from an {@link InferenceCall},
 * submits them, and answers in the shape of the API it came through, as one JSON body or as
 * server-sent events token by token.
 */
final class InferenceExchange {
    private static final String REMOTE_DECODE = "remote_decode";

    private final ReplicaContext rc;
    private final InferenceCall call;
    private final ServiceRequestContext ctx;
    private final String id;
    private final long created;
    private final List<EngineRequest> requests = new ArrayList<>();
    private final Completion[] completions;
    private final String[] finishLabels;
    private int remaining;
    private CompletableFuture<HttpResponse> pending;
    // Streaming state; touched only on the engine's thread.
    private HttpResponseWriter writer;
    private boolean headersSent;
    private int sequenceNumber;
    private final StringBuilder streamedText = new StringBuilder();

    InferenceExchange(ReplicaContext rc, InferenceCall call, ServiceRequestContext ctx, String requestIdHeader) {
        this.rc = rc;
        this.call = call;
        this.ctx = ctx;
        String base = requestIdHeader != null && !requestIdHeader.isBlank() && requestIdHeader.length() <= 128
                ? requestIdHeader : rc.nextId();
        this.id = switch (call.api()) {
            case COMPLETIONS -> "cmpl-" + base;
            case CHAT -> "chatcmpl-" + base;
            case RESPONSES -> "resp_" + base;
        };
        this.created = rc.options.clock().epochMillis() / 1000;
        this.completions = new Completion[call.prompts().size()];
        this.finishLabels = new String[call.prompts().size()];
        this.remaining = completions.length;
    }

    HttpResponse start() {
        int maxModelLen = rc.options.profile().maxModelLen();
        for (int i = 0; i < call.prompts().size(); i++) {
            int[] prompt = call.prompts().get(i);
            int cap = call.maxTokens() != null ? call.maxTokens() : maxModelLen - prompt.length;
            if (prompt.length + Math.max(cap, 1) > maxModelLen || cap < 1) {
                int asked = call.maxTokens() != null ? call.maxTokens() : 0;
                throw ApiError.badRequest("This model's maximum context length is " + maxModelLen
                        + " tokens. However, you requested " + (prompt.length + asked) + " tokens (" + prompt.length
                        + " in the messages, " + asked + " in the completion). Please reduce the length of the"
                        + " messages or completion.", call.api() == InferenceCall.Api.COMPLETIONS ? "prompt" : "messages");
            }
            int out;
            FinishReason reason;
            if (call.remoteDecode()) {
                out = 1;
                reason = FinishReason.LENGTH;
                finishLabels[i] = REMOTE_DECODE;
            } else if (call.ignoreEos()) {
                out = cap;
                reason = FinishReason.LENGTH;
            } else {
                int drawn = rc.options.outputLength().draw(new SplittableRandom(rc.nextRandom()));
                out = Math.min(drawn, cap);
                reason = drawn < cap ? FinishReason.STOP : FinishReason.LENGTH;
            }
            long seed = call.seed() != null ? ReplicaContext.mix(call.seed()) : ReplicaContext.mix(rc.options.seed()
                    ^ Arrays.hashCode(prompt) * 0x9E3779B97F4A7C15L);
            EngineRequest r = new EngineRequest(id + "-" + i, prompt, out, reason, call.adapter(), call.cacheSalt(),
                    seed, call.remotePrefill(), call.remoteDecode());
            String refusal = rc.driver.rejectionReason(r);
            if (refusal != null) {
                throw ApiError.badRequest("prompt: " + refusal, "prompt");
            }
            requests.add(r);
        }
        if (call.stream()) {
            writer = HttpResponse.streaming();
            writer.whenComplete().exceptionally(cause -> {
                cancelAll();
                return null;
            });
            submitAll();
            return writer;
        }
        CompletableFuture<HttpResponse> response = new CompletableFuture<>();
        ctx.whenRequestCancelling().thenRun(this::cancelAll);
        this.pending = response;
        submitAll();
        return HttpResponse.of(response);
    }

    private void submitAll() {
        for (int i = 0; i < requests.size(); i++) {
            int index = i;
            rc.driver.submit(requests.get(i), new EngineDriver.RequestObserver() {
                @Override
                public void firstToken(long nanos, int cachedTokens) {
                    if (writer != null) {
                        streamFirst(index);
                    }
                }

                @Override
                public void token(long nanos, int outputTokens) {
                    if (writer != null) {
                        streamToken(index, outputTokens - 1);
                    }
                }

                @Override
                public void finished(Completion completion) {
                    onFinished(index, completion);
                }

                @Override
                public void rejected(String reason) {
                    onRejected(reason);
                }
            });
        }
    }

    private void cancelAll() {
        for (EngineRequest r : requests) {
            rc.driver.cancel(r);
        }
    }

    private String finishLabel(int index) {
        Completion c = completions[index];
        return finishLabels[index] != null ? finishLabels[index] : c.finishReason().label();
    }

    private String text(EngineRequest r, int count) {
        int[] tokens = new int[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = rc.outputTokens.tokenAt(r, i);
        }
        return rc.tokenizer.decode(tokens);
    }

    // ------------------------------------------------------------------ non-streaming

    private void onFinished(int index, Completion completion) {
        completions[index] = completion;
        if (completion.finishReason() == FinishReason.ABORT) {
            if (writer != null) {
                writer.close();
            }
            return;
        }
        if (writer != null) {
            streamFinish(index);
        }
        if (--remaining > 0) {
            return;
        }
        if (writer != null) {
            streamEnd();
        } else {
            pending.complete(HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, Json.bytes(body())));
        }
    }

    private void onRejected(String reason) {
        if (writer == null) {
            pending.complete(ApiError.unavailable(reason).toResponse());
        } else if (!headersSent) {
            headersSent = true;
            writer.close(ApiError.unavailable(reason).toAggregated());
        } else {
            writer.close();
        }
    }

    private ObjectNode body() {
        return switch (call.api()) {
            case COMPLETIONS -> completionBody();
            case CHAT -> chatBody();
            case RESPONSES -> responsesBody();
        };
    }

    private ObjectNode completionBody() {
        ObjectNode body = envelope("text_completion");
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < completions.length; i++) {
            ObjectNode c = choices.addObject();
            c.put("index", i);
            c.put("text", text(requests.get(i), completions[i].outputTokens()));
            c.putNull("logprobs");
            c.put("finish_reason", finishLabel(i));
            c.putNull("stop_reason");
            c.putNull("prompt_logprobs");
        }
        body.set("usage", usage());
        kvTransferParams(body);
        return body;
    }

    private ObjectNode chatBody() {
        ObjectNode body = envelope("chat.completion");
        ArrayNode choices = body.putArray("choices");
        ObjectNode c = choices.addObject();
        c.put("index", 0);
        ObjectNode message = c.putObject("message");
        message.put("role", "assistant");
        message.put("content", text(requests.get(0), completions[0].outputTokens()));
        message.putNull("refusal");
        message.putArray("tool_calls");
        message.putNull("reasoning_content");
        c.putNull("logprobs");
        c.put("finish_reason", finishLabel(0));
        c.putNull("stop_reason");
        body.putNull("service_tier");
        body.putNull("system_fingerprint");
        body.set("usage", usage());
        body.putNull("prompt_logprobs");
        kvTransferParams(body);
        return body;
    }

    private ObjectNode responsesBody() {
        Completion c = completions[0];
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", id);
        body.put("object", "response");
        body.put("created_at", created);
        body.put("model", call.model());
        body.put("status", "completed");
        body.putNull("error");
        body.putNull("incomplete_details");
        ArrayNode output = body.putArray("output");
        ObjectNode item = output.addObject();
        item.put("type", "message");
        item.put("id", "msg_" + id.substring(5));
        item.put("status", "completed");
        item.put("role", "assistant");
        ObjectNode part = item.putArray("content").addObject();
        part.put("type", "output_text");
        part.put("text", text(requests.get(0), c.outputTokens()));
        part.putArray("annotations");
        body.put("instructions", call.instructions());
        body.putNull("metadata");
        body.put("parallel_tool_calls", true);
        body.putNull("temperature");
        body.put("tool_choice", "auto");
        body.putArray("tools");
        body.putNull("top_p");
        if (call.maxTokens() != null) {
            body.put("max_output_tokens", call.maxTokens());
        } else {
            body.putNull("max_output_tokens");
        }
        ObjectNode usage = body.putObject("usage");
        usage.put("input_tokens", c.promptTokens());
        ObjectNode inputDetails = usage.putObject("input_tokens_details");
        inputDetails.put("cached_tokens", c.cachedTokens());
        // OpenAI's newer field (vLLM omits it); the official client requires it.
        inputDetails.put("cache_write_tokens", 0);
        usage.put("output_tokens", c.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", c.promptTokens() + c.outputTokens());
        kvTransferParams(body);
        return body;
    }

    private ObjectNode envelope(String object) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", call.model());
        return body;
    }

    private ObjectNode usage() {
        long prompt = 0;
        long completion = 0;
        long cached = 0;
        for (Completion c : completions) {
            prompt += c.promptTokens();
            completion += c.outputTokens();
            cached += c.cachedTokens();
        }
        ObjectNode usage = Json.MAPPER.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("total_tokens", prompt + completion);
        usage.put("completion_tokens", completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return usage;
    }

    private void kvTransferParams(ObjectNode body) {
        if (!call.remoteDecode()) {
            body.putNull("kv_transfer_params");
            return;
        }
        ObjectNode kv = body.putObject("kv_transfer_params");
        kv.put("do_remote_prefill", true);
        kv.put("do_remote_decode", false);
        ArrayNode blocks = kv.putArray("remote_block_ids");
        for (int b : completions[0].blockIds()) {
            blocks.add(b);
        }
        kv.put("remote_engine_id", rc.engineId());
        kv.put("remote_host", rc.advertisedHost);
        kv.put("remote_port", rc.port);
        kv.put("tp_size", 1);
    }

    // ------------------------------------------------------------------ streaming

    private void ensureHeaders() {
        if (!headersSent) {
            headersSent = true;
            writer.tryWrite(ResponseHeaders.builder(HttpStatus.OK)
                    .contentType(MediaType.EVENT_STREAM)
                    .add("cache-control", "no-cache")
                    .build());
            if (call.api() == InferenceCall.Api.RESPONSES) {
                ObjectNode created = responsesEvent("response.created");
                ObjectNode response = created.putObject("response");
                response.put("id", id);
                response.put("object", "response");
                response.put("created_at", this.created);
                response.put("model", call.model());
                response.put("status", "in_progress");
                response.putArray("output");
                send("response.created", created);
            }
        }
    }

    private void streamFirst(int index) {
        ensureHeaders();
        if (call.api() == InferenceCall.Api.CHAT) {
            ObjectNode chunk = chunk();
            ObjectNode choice = ((ArrayNode) chunk.get("choices")).addObject();
            choice.put("index", index);
            ObjectNode delta = choice.putObject("delta");
            delta.put("role", "assistant");
            delta.put("content", "");
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            send(null, chunk);
        }
        streamToken(index, 0);
    }

    private void streamToken(int index, int tokenIndex) {
        EngineRequest r = requests.get(index);
        String piece = rc.tokenizer.decode(new int[] {rc.outputTokens.tokenAt(r, tokenIndex)});
        switch (call.api()) {
            case RESPONSES -> {
                streamedText.append(piece);
                ObjectNode event = responsesEvent("response.output_text.delta");
                event.put("item_id", "msg_" + id.substring(5));
                event.put("output_index", 0);
                event.put("content_index", 0);
                event.put("delta", piece);
                send("response.output_text.delta", event);
            }
            case CHAT -> {
                ObjectNode chunk = chunk();
                ObjectNode choice = ((ArrayNode) chunk.get("choices")).addObject();
                choice.put("index", index);
                choice.putObject("delta").put("content", piece);
                choice.putNull("logprobs");
                choice.putNull("finish_reason");
                send(null, chunk);
            }
            case COMPLETIONS -> {
                ObjectNode chunk = chunk();
                ObjectNode choice = ((ArrayNode) chunk.get("choices")).addObject();
                choice.put("index", index);
                choice.put("text", piece);
                choice.putNull("logprobs");
                choice.putNull("finish_reason");
                choice.putNull("stop_reason");
                send(null, chunk);
            }
        }
    }

    private void streamFinish(int index) {
        ensureHeaders();
        if (call.api() == InferenceCall.Api.RESPONSES) {
            return;
        }
        ObjectNode chunk = chunk();
        ObjectNode choice = ((ArrayNode) chunk.get("choices")).addObject();
        choice.put("index", index);
        if (call.api() == InferenceCall.Api.CHAT) {
            choice.putObject("delta").put("content", "");
        } else {
            choice.put("text", "");
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishLabel(index));
        choice.putNull("stop_reason");
        send(null, chunk);
    }

    private void streamEnd() {
        if (call.api() == InferenceCall.Api.RESPONSES) {
            ObjectNode done = responsesEvent("response.completed");
            ObjectNode response = responsesBody();
            done.set("response", response);
            send("response.completed", done);
            writer.close();
            return;
        }
        if (call.includeUsage()) {
            ObjectNode chunk = chunk();
            chunk.set("usage", usage());
            send(null, chunk);
        }
        writer.tryWrite(HttpData.ofUtf8("data: [DONE]\n\n"));
        writer.close();
    }

    private ObjectNode chunk() {
        ObjectNode chunk = envelope(call.api() == InferenceCall.Api.CHAT ? "chat.completion.chunk" : "text_completion");
        chunk.putArray("choices");
        return chunk;
    }

    private ObjectNode responsesEvent(String type) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", type);
        event.put("sequence_number", sequenceNumber++);
        return event;
    }

    private void send(String event, ObjectNode data) {
        String prefix = event == null ? "" : "event: " + event + "\n";
        writer.tryWrite(HttpData.ofUtf8(prefix + "data: " + Json.string(data) + "\n\n"));
    }
}
