package org.serveline.server.board;

import org.serveline.server.board.internal.SseFanOut;
import org.serveline.server.security.CurrentActor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live board (supervisors, admins) and each operator's own feed, as Server-Sent Events: event {@code board} (a
 * {@link Board.Pushed}) or {@code operator} (an {@link OperatorFeed}) at once and on every change, {@code heartbeat}
 * when idle. 503 when this node serves the most streams it may ({@code serveline.board.max-subscribers}).
 */
@RestController
class BoardController {

    private final BoardStreams streams;
    private final CurrentActor actor;

    BoardController(BoardStreams streams, CurrentActor actor) {
        this.streams = streams;
        this.actor = actor;
    }

    /** The board as it is now (for scripts, and a screen that cannot hold a stream). */
    @GetMapping("/api/v1/board")
    Board.Pushed board() {
        return streams.board();
    }

    @GetMapping(path = "/api/v1/board/stream", produces = {MediaType.TEXT_EVENT_STREAM_VALUE,
        MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<SseEmitter> boardStream() {
        return stream(streams.watchBoard(actor.name()).orElseThrow(() -> full("board")));
    }

    @GetMapping(path = "/api/v1/operators/me/stream", produces = {MediaType.TEXT_EVENT_STREAM_VALUE,
        MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<SseEmitter> operatorStream() {
        return stream(streams.watchFeed(actor.name()).orElseThrow(() -> full("operator")));
    }

    private static ResponseEntity<SseEmitter> stream(SseFanOut.Stream stream) {
        // no proxy buffering (nginx), no caching: each event must reach the browser when it is sent
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Accel-Buffering", "no").body(stream.emitter());
    }

    private static ResponseStatusException full(String what) {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "this node serves as many " + what
                + " streams as it may (serveline.board.max-subscribers / max-operator-subscribers): try again later"
                + " or another node");
    }
}
