package dev.sextant.plugins;

import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.plugins.datalayer.metrics.MetricsDataSource;
import dev.sextant.plugins.datalayer.metrics.MetricsExtractor;
import dev.sextant.plugins.disagg.AlwaysDisaggPdDecider;
import dev.sextant.plugins.disagg.DisaggProfileHandler;
import dev.sextant.plugins.disagg.PrefixBasedPdDecider;
import dev.sextant.plugins.filter.LabelSelectorFilter;
import dev.sextant.plugins.filter.RoleFilter;
import dev.sextant.plugins.flowcontrol.ConcurrencyDetector;
import dev.sextant.plugins.flowcontrol.EdfOrderingPolicy;
import dev.sextant.plugins.flowcontrol.FcfsOrderingPolicy;
import dev.sextant.plugins.flowcontrol.GlobalStrictFairnessPolicy;
import dev.sextant.plugins.flowcontrol.RoundRobinFairnessPolicy;
import dev.sextant.plugins.flowcontrol.UtilizationDetector;
import dev.sextant.plugins.picker.MaxScorePicker;
import dev.sextant.plugins.picker.RandomPicker;
import dev.sextant.plugins.picker.RoundRobinPicker;
import dev.sextant.plugins.picker.WeightedRandomPicker;
import dev.sextant.plugins.precise.PrecisePrefixCacheScorer;
import dev.sextant.plugins.profile.SingleProfileHandler;
import dev.sextant.plugins.scorer.ActiveRequestScorer;
import dev.sextant.plugins.scorer.KvCacheUtilizationScorer;
import dev.sextant.plugins.scorer.LoadAwareScorer;
import dev.sextant.plugins.scorer.LoraAffinityScorer;
import dev.sextant.plugins.scorer.NoHitLruScorer;
import dev.sextant.plugins.scorer.QueueScorer;
import dev.sextant.plugins.scorer.RunningRequestsSizeScorer;
import dev.sextant.plugins.scorer.SessionAffinityScorer;
import dev.sextant.plugins.scorer.prefix.PrefixCacheScorer;
import java.util.List;

/** Every plugin type that ships with Sextant; the engine registers these explicitly. */
public final class BuiltinPlugins {
    private BuiltinPlugins() {}

    /** The built-in factories, in the order documentation lists them. */
    public static List<PluginFactory> factories() {
        return List.of(
                QueueScorer.FACTORY,
                RunningRequestsSizeScorer.FACTORY,
                KvCacheUtilizationScorer.FACTORY,
                LoraAffinityScorer.FACTORY,
                LoadAwareScorer.FACTORY,
                ActiveRequestScorer.FACTORY,
                PrefixCacheScorer.FACTORY,
                PrecisePrefixCacheScorer.FACTORY,
                NoHitLruScorer.FACTORY,
                SessionAffinityScorer.FACTORY,
                LabelSelectorFilter.FACTORY,
                RoleFilter.DECODE_FACTORY,
                RoleFilter.PREFILL_FACTORY,
                MaxScorePicker.FACTORY,
                RandomPicker.FACTORY,
                RoundRobinPicker.FACTORY,
                WeightedRandomPicker.FACTORY,
                SingleProfileHandler.FACTORY,
                DisaggProfileHandler.FACTORY,
                PrefixBasedPdDecider.FACTORY,
                AlwaysDisaggPdDecider.FACTORY,
                UtilizationDetector.FACTORY,
                ConcurrencyDetector.FACTORY,
                FcfsOrderingPolicy.FACTORY,
                EdfOrderingPolicy.FACTORY,
                GlobalStrictFairnessPolicy.FACTORY,
                RoundRobinFairnessPolicy.FACTORY,
                MetricsDataSource.FACTORY,
                MetricsExtractor.FACTORY);
    }
}
