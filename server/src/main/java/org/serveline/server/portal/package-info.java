/**
 * The parties' document portal ({@code /s/{token}}, public): a 6-digit code (kept as a hash, 5 tries, then locked
 * until staff reissue it), the task's documents read and downloaded by id, every view, download and failed code
 * an audit event on the task's chain.
 */
package org.serveline.server.portal;
