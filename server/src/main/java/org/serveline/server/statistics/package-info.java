/**
 * Service statistics ({@code GET /api/v1/statistics}) and the streamed CSV exports of tasks and attempts
 * ({@code GET /api/v1/exports/tasks.csv}, {@code /attempts.csv}).
 */
package org.serveline.server.statistics;
