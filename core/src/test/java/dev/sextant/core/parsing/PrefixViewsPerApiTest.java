package dev.sextant.core.parsing;

import static dev.sextant.core.parsing.RequestBodyParser.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.request.ApiKind;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.time.ManualClock;
import dev.sextant.plugins.scorer.prefix.PrefixCacheScorer;
import dev.sextant.plugins.scorer.prefix.PrefixCacheSettings;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The prompt view of every API, as the parser builds it, through the approximate prefix scorer: two
 * requests that share a long leading part (system prompt, instructions, first items) share blocks,
 * and requests that differ from the start share none.
 */
class PrefixViewsPerApiTest {
    private static final String LONG = "Answer as a ship's navigator would, citing the almanac. ".repeat(30);
    private static final HeaderMutations NO_HEADERS = new HeaderMutations() {
        @Override
        public void set(String name, String value) {}

        @Override
        public void remove(String name) {}
    };

    private final EndpointSnapshot holder = EndpointSnapshot.of(Endpoint.of("10.0.0.1:8000"));
    private final EndpointSnapshot other = EndpointSnapshot.of(Endpoint.of("10.0.0.2:8000"));
    private final PrefixCacheScorer scorer = new PrefixCacheScorer("p", PrefixCacheSettings.DEFAULTS, new ManualClock());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            COMPLETIONS      | {"model":"m","prompt":"%s %s"}
            CHAT_COMPLETIONS | {"model":"m","messages":[{"role":"system","content":"%s"},{"role":"user","content":"%s"}]}
            RESPONSES        | {"model":"m","instructions":"%s","input":"%s"}
            CONVERSATIONS    | {"items":[{"type":"message","role":"system","content":"%s"},{"type":"message","role":"user","content":"%s"}]}
            EMBEDDINGS       | {"model":"m","input":["%s","%s"]}
            """)
    void requestsSharingALongLeadingPartShareCachedBlocks(ApiKind api, String template) {
        InferenceRequest first = request(api, template.formatted(LONG, "first question"));
        send(first, holder);
        double[] sharing = score(request(api, template.formatted(LONG, "another question entirely")));
        assertThat(sharing[0]).as("holder").isGreaterThan(0.5);
        assertThat(sharing[1]).as("other").isZero();
        double[] different = score(request(api, template.formatted("Something else. " + LONG, "first question")));
        assertThat(different[0]).as("no shared leading block").isZero();
    }

    private static InferenceRequest request(ApiKind api, String json) {
        ParsedBody body = RequestBodyParser.parse(api, utf8(json));
        return InferenceRequest.builder("r").apiKind(api).model(body.model().isEmpty() ? "m" : body.model())
                .prompt(body.prompt()).cacheSalt(body.cacheSalt()).build();
    }

    private double[] score(InferenceRequest request) {
        double[] scores = new double[2];
        scorer.score(new CycleState(), request, new Two(holder, other), scores);
        return scores;
    }

    private void send(InferenceRequest request, EndpointSnapshot target) {
        CycleState state = new CycleState();
        scorer.score(state, request, new Two(holder, other), new double[2]);
        scorer.preRequest(state, request, new SchedulingResult.Scheduled("default",
                ProfileResults.EMPTY.with(new ProfileResult.Picked("default", List.of(target)))), NO_HEADERS);
    }

    private record Two(EndpointSnapshot a, EndpointSnapshot b) implements Candidates {
        @Override
        public int size() {
            return 2;
        }

        @Override
        public EndpointSnapshot get(int index) {
            return index == 0 ? a : b;
        }

        @Override
        public void drop(int index) {}

        @Override
        public boolean isDropped(int index) {
            return false;
        }
    }
}
