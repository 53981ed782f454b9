/**
 * Operations: what the people who run Serveline see and rely on. The API description with its browsable UI
 * ({@code /v3/api-docs}, {@code /swagger-ui.html}, every error as an RFC 9457 problem), metrics for Prometheus
 * ({@code /actuator/prometheus}), and the graceful stop: dialling stops, this node's live calls settle (bounded by
 * {@code serveline.operations.call-settle-timeout}), then the application closes and the embedded database last.
 * Health components and meters of a feature live in that feature ({@code pbx}, {@code recording}, {@code delivery});
 * this package holds what belongs to none of them. See ADR 0014.
 */
package org.serveline.server.operations;
