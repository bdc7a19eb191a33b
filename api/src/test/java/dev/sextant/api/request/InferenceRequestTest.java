package dev.sextant.api.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceRequestTest {

    @Test
    void headersAreLowerCasedAndDefaultsApplied() {
        InferenceRequest r = InferenceRequest.builder("req-1")
                .model("llama")
                .headers(Map.of("X-Gateway-Inference-Objective", "chat"))
                .fairnessId(" ")
                .build();
        assertThat(r.headers()).containsOnlyKeys("x-gateway-inference-objective");
        assertThat(r.header("X-GATEWAY-INFERENCE-OBJECTIVE")).isEqualTo("chat");
        assertThat(r.targetModel()).isEqualTo("llama");
        assertThat(r.fairnessId()).isEqualTo(InferenceRequest.DEFAULT_FAIRNESS_ID);
        assertThat(r.isSheddable()).isFalse();
        assertThat(r.toBuilder().priority(-1).build().isSheddable()).isTrue();
    }

    @Test
    void targetModelMayDifferFromIncoming() {
        InferenceRequest r = InferenceRequest.builder("r").model("base").targetModel("base-lora-1").build();
        assertThat(r.incomingModel()).isEqualTo("base");
        assertThat(r.targetModel()).isEqualTo("base-lora-1");
    }

    @Test
    void apiKindIsFoundByPath() {
        assertThat(ApiKind.ofPath("/v1/chat/completions?x=1")).contains(ApiKind.CHAT_COMPLETIONS);
        assertThat(ApiKind.ofPath("/v1/completions/")).contains(ApiKind.COMPLETIONS);
        assertThat(ApiKind.ofPath("/v1/models")).isEmpty();
    }
}
