package dev.sextant.core;

import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.DataKey;
import dev.sextant.api.plugin.Plugin;
import dev.sextant.api.plugin.PluginContext;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.PrepareData;
import dev.sextant.api.scheduling.Candidates;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.Filter;
import dev.sextant.api.scheduling.Picker;
import dev.sextant.api.scheduling.ScoredCandidates;
import dev.sextant.api.scheduling.Scorer;
import dev.sextant.api.scheduling.ScorerCategory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Out-of-tree plugins for engine tests, registered through {@code META-INF/services} (which also
 * proves {@link java.util.ServiceLoader} discovery): a data producer/consumer with configurable keys,
 * and plugins that misbehave on purpose.
 */
public final class TestPlugins {
    private TestPlugins() {}

    /** {@code test-data}: a prepare-data plugin producing and consuming the keys named in its parameters. */
    public static final class DataPluginFactory implements PluginFactory {
        @Override
        public String type() {
            return "test-data";
        }

        @Override
        public String description() {
            return "test: produces and consumes the named keys";
        }

        @Override
        public Plugin create(String name, PluginParameters parameters, PluginContext context) {
            Set<DataKey<?>> produces = new HashSet<>();
            parameters.strings("produces").forEach(k -> produces.add(DataKey.of(k, String.class)));
            Set<DataKey<?>> consumes = new HashSet<>();
            parameters.strings("consumes").forEach(k -> consumes.add(DataKey.of(k, String.class)));
            return new DataPlugin(name, Set.copyOf(produces), Set.copyOf(consumes));
        }
    }

    /** Writes each produced key as its own name into the cycle state. */
    public record DataPlugin(String name, Set<DataKey<?>> produces, Set<DataKey<?>> consumes) implements PrepareData {
        @Override
        public String type() {
            return "test-data";
        }

        @Override
        public void prepare(CycleState state, InferenceRequest request, List<EndpointSnapshot> candidates) {
            for (DataKey<?> key : produces) {
                @SuppressWarnings("unchecked")
                DataKey<String> k = (DataKey<String>) key;
                state.put(k, key.name());
            }
        }
    }

    /**
     * {@code test-faulty-filter}, {@code -scorer} and {@code -picker}: plugins that misbehave as their
     * {@code mode} parameter says: {@code throw}, {@code score} (a constant {@code score}),
     * {@code bad-pick} (the same endpoint twice) or {@code drop-all}.
     */
    public record FaultyFactory(String type) implements PluginFactory {
        public FaultyFactory {
            java.util.Objects.requireNonNull(type);
        }

        @Override
        public String description() {
            return "test: misbehaves as told";
        }

        @Override
        public Plugin create(String name, PluginParameters parameters, PluginContext context) {
            String mode = parameters.string("mode", "throw");
            double constant = parameters.number("score", 0.0);
            return switch (type) {
                case "test-faulty-filter" -> new FaultyFilter(name, mode);
                case "test-faulty-scorer" -> new FaultyScorer(name, mode, constant);
                default -> new FaultyPicker(name, mode);
            };
        }
    }

    /** Loaded by the service loader; one factory per faulty role. */
    public static final class FaultyFilterFactory implements PluginFactory {
        private final FaultyFactory delegate = new FaultyFactory("test-faulty-filter");

        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public Plugin create(String name, PluginParameters parameters, PluginContext context) {
            return delegate.create(name, parameters, context);
        }
    }

    /** Loaded by the service loader. */
    public static final class FaultyScorerFactory implements PluginFactory {
        private final FaultyFactory delegate = new FaultyFactory("test-faulty-scorer");

        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public Plugin create(String name, PluginParameters parameters, PluginContext context) {
            return delegate.create(name, parameters, context);
        }
    }

    /** Loaded by the service loader. */
    public static final class FaultyPickerFactory implements PluginFactory {
        private final FaultyFactory delegate = new FaultyFactory("test-faulty-picker");

        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public Plugin create(String name, PluginParameters parameters, PluginContext context) {
            return delegate.create(name, parameters, context);
        }
    }

    /** Drops every candidate ({@code drop-all}) or drops the first and throws ({@code throw}). */
    public record FaultyFilter(String name, String mode) implements Filter {
        @Override
        public String type() {
            return "test-faulty-filter";
        }

        @Override
        public void filter(CycleState state, InferenceRequest request, Candidates candidates) {
            if (mode.equals("drop-all")) {
                for (int i = 0; i < candidates.size(); i++) {
                    candidates.drop(i);
                }
                return;
            }
            candidates.drop(0);
            throw new IllegalStateException("filter exploded");
        }
    }

    /** Scores a constant ({@code score}) or writes 1.0 for the first candidate and throws ({@code throw}). */
    public record FaultyScorer(String name, String mode, double constant) implements Scorer {
        @Override
        public String type() {
            return "test-faulty-scorer";
        }

        @Override
        public ScorerCategory category() {
            return ScorerCategory.BALANCE;
        }

        @Override
        public void score(CycleState state, InferenceRequest request, Candidates candidates, double[] scores) {
            if (mode.equals("throw")) {
                scores[0] = 1.0;
                throw new IllegalStateException("scorer exploded");
            }
            java.util.Arrays.fill(scores, 0, candidates.size(), constant);
        }
    }

    /** Throws ({@code throw}) or returns the first candidate twice ({@code bad-pick}). */
    public record FaultyPicker(String name, String mode) implements Picker {
        @Override
        public String type() {
            return "test-faulty-picker";
        }

        @Override
        public List<EndpointSnapshot> pick(CycleState state, InferenceRequest request, ScoredCandidates candidates) {
            if (mode.equals("throw")) {
                throw new IllegalStateException("picker exploded");
            }
            return List.of(candidates.get(0), candidates.get(0));
        }
    }

    /** {@code test-gatekeeper}: refuses requests carrying {@code x-test-reject}; tags admitted ones with a header. */
    public static final class GatekeeperFactory implements PluginFactory {
        @Override
        public String type() {
            return "test-gatekeeper";
        }

        @Override
        public String description() {
            return "test: admission and pre-request";
        }

        @Override
        public Plugin create(String name, PluginParameters parameters, PluginContext context) {
            return new Gatekeeper(name);
        }
    }

    /** Admission that refuses on a header, and a pre-request hook that sets {@code x-routed-to}. */
    public record Gatekeeper(String name) implements dev.sextant.api.requestcontrol.AdmissionPlugin,
            dev.sextant.api.requestcontrol.PreRequest {
        @Override
        public String type() {
            return "test-gatekeeper";
        }

        @Override
        public dev.sextant.api.requestcontrol.Admission admit(CycleState state, InferenceRequest request,
                List<EndpointSnapshot> candidates) {
            return request.header("x-test-reject") == null ? dev.sextant.api.requestcontrol.Admission.ADMITTED
                    : new dev.sextant.api.requestcontrol.Admission.Rejected(
                            dev.sextant.api.request.ErrorCode.RESOURCE_EXHAUSTED, "test", "rejected by test");
        }

        @Override
        public void preRequest(CycleState state, InferenceRequest request,
                dev.sextant.api.scheduling.SchedulingResult.Scheduled result,
                dev.sextant.api.requestcontrol.HeaderMutations headers) {
            headers.set("X-Routed-To", result.targets().getFirst().id().toString());
            headers.remove("x-secret");
        }
    }
}
