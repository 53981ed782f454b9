package org.serveline.telephony.ami.internal;

import java.io.IOException;
import java.net.InetAddress;

import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Wraps asterisk-java's socket to notice lines that are not AMI ({@code Name: value}, empty, banner or command
 * output): asterisk-java drops those silently. A cheap check on the reader thread; reporting is done by
 * {@link EventHandOff#malformedLine(String)}.
 */
final class LineInspectingSocket implements SocketConnectionFacade {

    private final SocketConnectionFacade delegate;
    private final EventHandOff handOff;
    private boolean inCommandOutput;

    LineInspectingSocket(SocketConnectionFacade delegate, EventHandOff handOff) {
        this.delegate = delegate;
        this.handOff = handOff;
    }

    @Override
    public String readLine() throws IOException {
        String line = delegate.readLine();
        if (line != null) {
            inspect(line);
        }
        return line;
    }

    private void inspect(String line) {
        if (inCommandOutput) {
            inCommandOutput = !(line.isEmpty() || line.endsWith("--END COMMAND--"));
            return;
        }
        if (line.equals("Response: Follows")) {
            inCommandOutput = true;
            return;
        }
        boolean header = line.indexOf(": ") > 0 || (line.endsWith(":") && line.indexOf(':') > 0);
        if (line.isEmpty() || header || line.contains("Call Manager")) {
            return;
        }
        handOff.malformedLine(line);
    }

    @Override
    public void write(String s) throws IOException {
        delegate.write(s);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return delegate.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return delegate.getRemoteAddress();
    }

    @Override
    public int getRemotePort() {
        return delegate.getRemotePort();
    }
}
