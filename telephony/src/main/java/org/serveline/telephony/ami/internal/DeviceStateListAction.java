package org.serveline.telephony.ami.internal;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * {@code Action: DeviceStateList} (Asterisk 13+, privilege {@code call,reporting}): every cached device state as a
 * {@code DeviceStateChange} event, then {@code DeviceStateListComplete}. asterisk-java has no class for it.
 */
public final class DeviceStateListAction extends AbstractManagerAction implements EventGeneratingAction {

    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return SentAction.DEVICE_STATE_LIST.action();
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return DeviceStateListCompleteEvent.class;
    }
}
