package org.serveline.telephony.ami.internal;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * {@code DeviceStateChange}, read as a response event so that the rows of a {@link DeviceStateListAction} listing
 * (which carry its ActionID) reach the listing; a spontaneous one (no ActionID) goes to subscribers as before.
 * Replaces asterisk-java's class of the same name on Serveline's connections only.
 */
@AsteriskMapping("DeviceStateChange")
public final class DeviceStateChangeEvent extends ResponseEvent {

    private static final long serialVersionUID = 1L;

    private String device;
    private String state;

    public DeviceStateChangeEvent(Object source) {
        super(source);
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }
}
