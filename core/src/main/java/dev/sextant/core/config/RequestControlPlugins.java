package dev.sextant.core.config;

import dev.sextant.api.requestcontrol.AdmissionPlugin;
import dev.sextant.api.requestcontrol.PrepareData;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.requestcontrol.ResponseComplete;
import dev.sextant.api.requestcontrol.ResponseReceived;
import dev.sextant.api.requestcontrol.ResponseStreaming;
import java.util.List;

/**
 * The configured plugins of each request-control extension point. Prepare-data plugins are in
 * dependency order (producers before consumers); the others in configuration order.
 */
public record RequestControlPlugins(
        List<PrepareData> prepareData,
        List<AdmissionPlugin> admission,
        List<PreRequest> preRequest,
        List<ResponseReceived> responseReceived,
        List<ResponseStreaming> responseStreaming,
        List<ResponseComplete> responseComplete) {

    public RequestControlPlugins {
        prepareData = List.copyOf(prepareData);
        admission = List.copyOf(admission);
        preRequest = List.copyOf(preRequest);
        responseReceived = List.copyOf(responseReceived);
        responseStreaming = List.copyOf(responseStreaming);
        responseComplete = List.copyOf(responseComplete);
    }
}
