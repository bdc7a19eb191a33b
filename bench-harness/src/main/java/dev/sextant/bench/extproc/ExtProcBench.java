package dev.sextant.bench.extproc;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientFactoryBuilder;
import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.SessionProtocol;
import dev.sextant.api.time.Clock;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Measures an Endpoint Picker's added latency by playing Envoy's side of ext_proc over real gRPC: each request is
 * one stream carrying an {@link EnvoyScript} (headers, body chunks, then a model server's response), open loop at
 * a fixed rate or closed loop at a fixed concurrency. Works against any picker given its address, Sextant's or
 * GIE's; it only needs the picker to answer as REFERENCE §1 says.
 *
 * <p>The open-loop dispatcher is the calling thread, which sleeps until each request's intended time and never
 * waits for answers; closed loop, each exchange starts its successor from the event loop it ended on. Neither
 * blocks an event loop.
 */
public final class ExtProcBench {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final ExtProcBenchOptions options;
    private final Clock clock;

    /** @param clock the system clock in production */
    public ExtProcBench(ExtProcBenchOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs the warm-up and the measured window, waits up to the drain time for open exchanges, cuts off the rest.
     *
     * @param progress receives a one-line status every few seconds
     */
    public ExtProcBenchResult run(Consumer<String> progress) throws InterruptedException {
        Objects.requireNonNull(progress, "progress");
        List<EnvoyScript> scripts = PromptBodies.of(options.api(), options.model(), options.bodyBytes(),
                        options.distinctBodies(), options.seed()).stream()
                .map(body -> EnvoyScript.of(options.api(), body, options.chunkBytes()))
                .toList();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        ClientFactoryBuilder factoryBuilder = ClientFactory.builder()
                .workerGroup(options.eventLoops());
        if (options.tls()) {
            factoryBuilder.tlsNoVerify();
        }
        try (ClientFactory factory = factoryBuilder.build(); ModelServer modelServer = new ModelServer(options.modelTime())) {
            // HTTP/2 always (h2c or h2): "http" would let the client fall back to HTTP/1.1, where a full-duplex
            // exchange takes one connection per request.
            ExternalProcessorGrpc.ExternalProcessorStub stub = GrpcClients.builder(
                            options.tls() ? SessionProtocol.H2 : SessionProtocol.H2C,
                            Endpoint.of(options.target().getHost(), options.target().getPort()))
                    .factory(factory)
                    .maxResponseMessageLength(0)
                    .maxResponseLength(0)
                    .responseTimeout(Duration.ZERO)
                    .build(ExternalProcessorGrpc.ExternalProcessorStub.class);
            long start = clock.nanos();
            long measureFrom = start + options.warmup().toNanos();
            long end = measureFrom + options.duration().toNanos();
            Run run = new Run(stub, scripts, modelServer, new ResultTally(measureFrom, end), start, end, progress);
            switch (options.load()) {
                case LoadShape.FixedRate rate -> run.openLoop(new FixedRateSchedule(rate.ratePerSecond()));
                case LoadShape.FixedConcurrency c -> run.closedLoop(c.concurrency());
            }
            run.drain(end + options.drain().toNanos());
            return run.tally.result(options.load(), (os.getProcessCpuTime() - cpuStart) / 1e9);
        }
    }

    /** One run's moving parts. */
    private final class Run {
        final ExternalProcessorGrpc.ExternalProcessorStub stub;
        final List<EnvoyScript> scripts;
        final ModelServer modelServer;
        final ResultTally tally;
        final long start;
        final long end;
        final Consumer<String> progress;
        final Set<EnvoyExchange> open = ConcurrentHashMap.newKeySet();
        final AtomicLong started = new AtomicLong();
        final AtomicLong ended = new AtomicLong();
        long nextProgress;

        Run(ExternalProcessorGrpc.ExternalProcessorStub stub, List<EnvoyScript> scripts, ModelServer modelServer,
                ResultTally tally, long start, long end, Consumer<String> progress) {
            this.stub = stub;
            this.scripts = scripts;
            this.modelServer = modelServer;
            this.tally = tally;
            this.start = start;
            this.end = end;
            this.progress = progress;
            this.nextProgress = start + PROGRESS_EVERY.toNanos();
        }

        void openLoop(FixedRateSchedule schedule) {
            for (long i = 0; ; i++) {
                long intended = start + schedule.intendedNanos(i);
                if (intended >= end) {
                    return;
                }
                sleepUntil(intended);
                if (open.size() >= options.maxInFlight()) {
                    tally.overloaded(intended);
                    continue;
                }
                send(intended);
                reportProgress();
            }
        }

        /**
         * Starts {@code concurrency} streams, each sending its next request when the last ended. With a model
         * time the streams start spread evenly over one model time, as independent users would arrive:
         * started together, every stream would wait the same model time and they would stay in lockstep,
         * all {@code concurrency} requests reaching the picker at once every cycle, a burst no real
         * population of users makes.
         */
        void closedLoop(int concurrency) throws InterruptedException {
            long spacing = options.modelTime().toNanos() / concurrency;
            for (int i = 0; i < concurrency; i++) {
                long due = start + i * spacing;
                sleepUntil(due);
                send(due);
            }
            while (clock.nanos() < end) {
                Thread.sleep(Math.max(1, Math.min(100, (end - clock.nanos()) / 1_000_000)));
                reportProgress();
            }
        }

        /** Waits for open exchanges until the deadline, then cuts off what is left. */
        void drain(long deadline) throws InterruptedException {
            while (!open.isEmpty() && clock.nanos() < deadline) {
                Thread.sleep(10);
            }
            for (EnvoyExchange exchange : List.copyOf(open)) {
                exchange.cancel();
            }
        }

        private void send(long intended) {
            long n = started.getAndIncrement();
            EnvoyExchange exchange = new EnvoyExchange(scripts.get((int) (n % scripts.size())), clock, intended,
                    modelServer, this::ended);
            open.add(exchange);
            tally.sent(intended);
            exchange.start(stub);
        }

        private void ended(EnvoyExchange exchange) {
            open.remove(exchange);
            ended.incrementAndGet();
            tally.finished(exchange.times());
            if (options.load() instanceof LoadShape.FixedConcurrency) {
                long now = clock.nanos();
                if (now < end) {
                    send(now);
                }
            }
        }

        private void sleepUntil(long deadline) {
            long wait;
            while ((wait = deadline - clock.nanos()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }

        private void reportProgress() {
            long now = clock.nanos();
            if (now < nextProgress) {
                return;
            }
            nextProgress = now + PROGRESS_EVERY.toNanos();
            progress.accept(String.format(java.util.Locale.ROOT, "%5.0f s  %s  started %,d  ended %,d  open %,d",
                    (now - start) / 1e9, now < start + options.warmup().toNanos() ? "warm-up " : "measured",
                    started.get(), ended.get(), open.size()));
        }
    }
}
