/**
 * The engines behind every front: configuration loading and validation ({@code config}), the plugin
 * registry ({@code registry}) and the scheduler runtime ({@code scheduling}).
 *
 * <p>May depend on {@code sextant-api}, {@code sextant-plugins} and small libraries; never on a front
 * (HTTP, gRPC, Kubernetes).
 */
package dev.sextant.core;
