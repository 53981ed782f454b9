package org.serveline.telephony.ami.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.serveline.telephony.ami.AmiException;
import org.serveline.telephony.ami.PbxConfig;
import org.serveline.telephony.ami.RegisteredContact;

/**
 * Which PJSIP endpoints are registered, from {@code DeviceStateList} (privilege {@code call,reporting}): a PJSIP
 * endpoint with no reachable contact is {@code UNAVAILABLE}, one with a registered contact {@code NOT_INUSE} (or
 * busy, ringing ...). PJSIPShowContacts would say the same but needs {@code write=system}, which also grants
 * DBPut, ModuleLoad, DialplanExtensionAdd and GetConfig; see {@code config/asterisk/manager.conf}.
 */
final class ContactQuery {

    private static final String PJSIP = "PJSIP/";

    /** Asterisk's own words for the device states (devstate2str, as {@code core show hints} prints them). */
    private static final Map<String, String> STATE_TEXT = Map.of("NOT_INUSE", "Not in use", "INUSE", "In use",
            "BUSY", "Busy", "INVALID", "Invalid", "UNAVAILABLE", "Unavailable", "RINGING", "Ringing",
            "RINGINUSE", "Ring+Inuse", "ONHOLD", "On Hold", "UNKNOWN", "Unknown");

    private final PbxConfig config;
    private final ManagerConnection connection;

    ContactQuery(PbxConfig config, ManagerConnection connection) {
        this.config = config;
        this.connection = connection;
    }

    /** Lets asterisk-java read the listing's events; once per connection, before it logs in. */
    static void registerEvents(ManagerConnection connection) {
        connection.registerUserEventClass(DeviceStateChangeEvent.class);
        connection.registerUserEventClass(DeviceStateListCompleteEvent.class);
    }

    List<RegisteredContact> run() {
        try {
            ResponseEvents events = connection.sendEventGeneratingAction(new DeviceStateListAction(),
                    config.responseTimeout().toMillis());
            if (events.getResponse() instanceof ManagerError error) {
                throw new AmiException("DeviceStateList refused on PBX " + config.id() + ": " + error.getMessage());
            }
            List<RegisteredContact> contacts = new ArrayList<>();
            for (ResponseEvent event : events.getEvents()) {
                if (event instanceof DeviceStateChangeEvent device && device.getDevice() != null
                        && device.getDevice().regionMatches(true, 0, PJSIP, 0, PJSIP.length())) {
                    String state = device.getState() == null ? "UNKNOWN" : device.getState().toUpperCase(Locale.ROOT);
                    contacts.add(new RegisteredContact(config.id(), device.getDevice().substring(PJSIP.length()), "",
                            STATE_TEXT.getOrDefault(state, state)));
                }
            }
            return List.copyOf(contacts);
        } catch (EventTimeoutException e) {
            throw new AmiException("DeviceStateList did not complete within " + config.responseTimeout(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof AmiException ami) {
                throw ami;
            }
            throw new AmiException("DeviceStateList failed on PBX " + config.id(), e);
        }
    }
}
