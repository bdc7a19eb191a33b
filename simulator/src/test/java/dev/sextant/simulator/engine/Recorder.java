package dev.sextant.simulator.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records what an engine reports, for tests. */
final class Recorder implements EngineListener, KvEventSink {
    final Map<String, Completion> completions = new HashMap<>();
    final Map<String, Long> firstTokens = new HashMap<>();
    final Map<String, Integer> tokens = new HashMap<>();
    final List<KvEvent> events = new ArrayList<>();
    final List<Long> batchTimes = new ArrayList<>();

    @Override
    public void firstToken(EngineRequest request, long nanos, int cachedTokens) {
        if (firstTokens.put(request.id(), nanos) != null) {
            throw new AssertionError("two first tokens for " + request.id());
        }
        tokens.merge(request.id(), 1, Integer::sum);
    }

    @Override
    public void token(EngineRequest request, long nanos, int outputTokens) {
        int seen = tokens.merge(request.id(), 1, Integer::sum);
        if (seen != outputTokens) {
            throw new AssertionError(request.id() + ": token " + outputTokens + " after " + (seen - 1));
        }
    }

    @Override
    public void finished(Completion completion) {
        if (completions.put(completion.request().id(), completion) != null) {
            throw new AssertionError("finished twice: " + completion.request().id());
        }
    }

    @Override
    public void publish(long nanos, List<KvEvent> batch) {
        batchTimes.add(nanos);
        events.addAll(batch);
    }

    Completion completion(String id) {
        Completion c = completions.get(id);
        if (c == null) {
            throw new AssertionError("not finished: " + id);
        }
        return c;
    }
}
