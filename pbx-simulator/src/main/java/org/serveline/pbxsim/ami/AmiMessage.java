package org.serveline.pbxsim.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One AMI message (action, response or event): an ordered list of {@code Name: value} headers, the same name
 * possibly repeated ({@code Variable}). Immutable; build with {@link #builder()}.
 */
public final class AmiMessage {

    private static final String CRLF = "\r\n";

    private final List<Header> headers;

    private AmiMessage(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts an event the way Asterisk writes it: {@code Event} then {@code Privilege}. */
    public static Builder event(String name, String privilege) {
        return builder().add("Event", name).add("Privilege", privilege);
    }

    /** Starts a response to {@code action}: {@code Response}, then its ActionID if it had one. */
    public static Builder response(AmiMessage action, String response) {
        Builder builder = builder().add("Response", response);
        action.actionId().ifPresent(id -> builder.add("ActionID", id));
        return builder;
    }

    public static AmiMessage error(AmiMessage action, String message) {
        return response(action, "Error").add("Message", message).build();
    }

    public static AmiMessage success(AmiMessage action, String message) {
        return response(action, "Success").add("Message", message).build();
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of a header, names compared ignoring case as Asterisk does. */
    public Optional<String> get(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return Optional.of(header.value());
            }
        }
        return Optional.empty();
    }

    public String getOrEmpty(String name) {
        return get(name).orElse("");
    }

    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    public Optional<String> actionId() {
        return get("ActionID");
    }

    /** The wire form: each header followed by CR LF, and an empty line that ends the message. */
    public String encode() {
        StringBuilder out = new StringBuilder(headers.size() * 32);
        for (Header header : headers) {
            out.append(header.name()).append(": ").append(header.value()).append(CRLF);
        }
        return out.append(CRLF).toString();
    }

    @Override
    public String toString() {
        return headers.toString();
    }

    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    public static final class Builder {
        private final List<Header> headers = new ArrayList<>(24);

        public Builder add(String name, String value) {
            headers.add(new Header(name, value == null ? "" : value));
            return this;
        }

        public Builder add(String name, long value) {
            return add(name, Long.toString(value));
        }

        public AmiMessage build() {
            return new AmiMessage(headers);
        }
    }
}
