package org.serveline.server.security.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session's open event streams (the live board, an operator's feed) end when the session ends: signed out, timed
 * out, or ended by {@link SessionRecheck} because an administrator disabled the person. A stream is a request held
 * open for many minutes; without this it would go on pushing to whoever had signed out. The console's EventSource
 * then reconnects, is refused, and shows the sign-in form (events.js).
 */
@Component
public class SessionStreams extends OncePerRequestFilter implements HttpSessionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionStreams.class);

    private final Map<String, Set<AsyncContext>> open = new ConcurrentHashMap<>();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        HttpSession session = request.getSession(false);
        String type = response.getContentType();
        if (session == null || !request.isAsyncStarted() || type == null
                || !type.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            return;
        }
        String id = session.getId();
        AsyncContext context = request.getAsyncContext();
        open.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(context);
        context.addListener(new Forget(id, context));
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Set<AsyncContext> streams = open.remove(event.getSession().getId());
        if (streams == null) {
            return;
        }
        for (AsyncContext context : streams) {
            try {
                context.complete();
            } catch (RuntimeException alreadyEnded) {
                log.debug("a stream of an ended session had ended already: {}", alreadyEnded.toString());
            }
        }
    }

    /** How many streams are open for sessions (for tests). */
    public int size() {
        return open.values().stream().mapToInt(Set::size).sum();
    }

    private final class Forget implements AsyncListener {

        private final String id;
        private final AsyncContext context;

        Forget(String id, AsyncContext context) {
            this.id = id;
            this.context = context;
        }

        private void forget() {
            open.computeIfPresent(id, (key, streams) -> {
                streams.remove(context);
                return streams.isEmpty() ? null : streams;
            });
        }

        @Override
        public void onComplete(AsyncEvent event) {
            forget();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            forget();
        }

        @Override
        public void onError(AsyncEvent event) {
            forget();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the same request started again: it stays registered
        }
    }
}
