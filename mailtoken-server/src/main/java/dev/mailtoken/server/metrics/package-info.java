/**
 * {@code /metrics} (issue 11 §7): Micrometer's Prometheus registry and listener adapters. Only
 * listens to the other features' events; one public facade.
 */
package dev.mailtoken.server.metrics;
