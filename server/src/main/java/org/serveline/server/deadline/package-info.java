/**
 * Statutory clocks: a task's service date and the deadlines it starts ({@code GET /api/v1/tasks/{id}/deadlines}),
 * and the tasks at risk of not being served in time for their hearing ({@code GET /api/v1/tasks/at-risk}).
 */
package org.serveline.server.deadline;
