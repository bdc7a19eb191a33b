package dev.sextant.plugins.scorer.prefix;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.request.PromptView;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.TestPluginContext;
import java.util.List;
import java.util.Map;

/** Requests, scheduling results and plugin creation shared by the prefix-routing tests. */
final class PrefixFixtures {
    static final HeaderMutations NO_HEADERS = new HeaderMutations() {
        @Override
        public void set(String name, String value) {}

        @Override
        public void remove(String name) {}
    };

    private PrefixFixtures() {}

    /** A completions request for {@code model} with a plain-text prompt. */
    static InferenceRequest request(String model, String salt, String prompt) {
        return InferenceRequest.builder("r").model(model).cacheSalt(salt).prompt(PromptView.ofText(prompt)).build();
    }

    /** {@code blocks} blocks of 64 chars (16 tokens × 4), block i filled with character {@code first + i}. */
    static String blocks(char first, int blocks) {
        StringBuilder b = new StringBuilder(blocks * 64);
        for (int i = 0; i < blocks; i++) {
            b.repeat(String.valueOf((char) (first + i)), 64);
        }
        return b.toString();
    }

    /** Scores {@code endpoints} for {@code request} in a fresh cycle state, which is returned with the scores. */
    static Scored score(Scorer scorer, InferenceRequest request, List<EndpointSnapshot> endpoints) {
        CycleState state = new CycleState();
        return score(scorer, state, request, endpoints);
    }

    static Scored score(Scorer scorer, CycleState state, InferenceRequest request, List<EndpointSnapshot> endpoints) {
        double[] scores = new double[endpoints.size()];
        scorer.score(state, request, new TestCandidates(endpoints), scores);
        return new Scored(state, scores);
    }

    record Scored(CycleState state, double[] scores) {}

    /** A scheduling result where each named profile picked the given endpoint; the first is primary. */
    static SchedulingResult.Scheduled picked(Map.Entry<String, EndpointSnapshot>... profiles) {
        ProfileResults results = ProfileResults.EMPTY;
        for (Map.Entry<String, EndpointSnapshot> p : profiles) {
            results = results.with(new ProfileResult.Picked(p.getKey(), List.of(p.getValue())));
        }
        return new SchedulingResult.Scheduled(profiles[0].getKey(), results);
    }

    /** Creates a plugin through {@code factory}, failing on any parameter problem. */
    static <T> T create(dev.sextant.api.plugin.PluginFactory factory, Class<T> type, TestPluginContext ctx,
            Map<String, ?> params) {
        PluginParameters p = PluginParameters.of(params);
        Object plugin = factory.create("p", p, ctx);
        if (!p.problems().isEmpty() || !p.unknownKeys().isEmpty()) {
            throw new AssertionError("problems " + p.problems() + ", unknown " + p.unknownKeys());
        }
        return type.cast(plugin);
    }

    /** The problems reported when creating a plugin through {@code factory} with {@code params}. */
    static List<String> problems(dev.sextant.api.plugin.PluginFactory factory, Map<String, ?> params) {
        PluginParameters p = PluginParameters.of(params);
        factory.create("p", p, TestPluginContext.seeded(1));
        return p.problems();
    }
}
