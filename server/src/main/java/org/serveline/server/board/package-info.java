/**
 * The supervisor's live board and the operators' ringing screen, pushed by the server over Server-Sent Events
 * ({@code GET /api/v1/board/stream}, {@code GET /api/v1/operators/me/stream}; ADR 0020): calls live per PBX and trunk,
 * operators with their softphone and current call, campaign progress, AMI link health and backlogs; and, to each
 * operator, the transfers that ring for them. A read model: it reads the shared database (its own queries in
 * {@code internal/}) and this node's PBX links and meters, and changes nothing.
 */
package org.serveline.server.board;
