/**
 * The prefill/decode routing sidecar: an HTTP proxy in front of a decode engine that runs a
 * request's prefill leg on the replica named by {@code x-prefiller-host-port} and then its decode
 * leg on the local engine, following llm-d's {@code nixlv2} connector protocol.
 *
 * <p>The public surface is {@link dev.sextant.sidecar.RoutingSidecar},
 * {@link dev.sextant.sidecar.SidecarOptions} and {@link dev.sextant.sidecar.PrefillTargets};
 * everything else is package-private. Depends on Armeria and Jackson only: the composition root
 * ({@code cli}) supplies the allowed prefill targets, e.g. from an endpoints file.
 */
package dev.sextant.sidecar;
