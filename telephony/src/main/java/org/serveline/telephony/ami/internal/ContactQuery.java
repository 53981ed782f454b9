package org.serveline.telephony.ami.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.PJSipShowContactsAction;
import org.asteriskjava.manager.event.ContactList;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.serveline.telephony.ami.AmiException;
import org.serveline.telephony.ami.PbxConfig;
import org.serveline.telephony.ami.RegisteredContact;

/** PJSIPShowContacts: the ContactList events of the listing, as records. */
final class ContactQuery {

    private final PbxConfig config;
    private final ManagerConnection connection;

    ContactQuery(PbxConfig config, ManagerConnection connection) {
        this.config = config;
        this.connection = connection;
    }

    List<RegisteredContact> run() {
        try {
            ResponseEvents events = connection.sendEventGeneratingAction(new PJSipShowContactsAction(),
                    config.responseTimeout().toMillis());
            if (events.getResponse() instanceof ManagerError error) {
                throw new AmiException("PJSIPShowContacts refused on PBX " + config.id() + ": " + error.getMessage());
            }
            List<RegisteredContact> contacts = new ArrayList<>();
            for (ResponseEvent event : events.getEvents()) {
                if (event instanceof ContactList contact) {
                    contacts.add(new RegisteredContact(config.id(), text(contact.getEndpoint()),
                            text(contact.getUri()), status(contact)));
                }
            }
            return List.copyOf(contacts);
        } catch (EventTimeoutException e) {
            throw new AmiException("PJSIPShowContacts did not complete within " + config.responseTimeout(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof AmiException ami) {
                throw ami;
            }
            throw new AmiException("PJSIPShowContacts failed on PBX " + config.id(), e);
        }
    }

    private static String status(ContactList contact) {
        if (contact.getStatus() == null) {
            return "Unknown";
        }
        return switch (contact.getStatus()) {
            case REACHABLE -> "Reachable";
            case UNREACHABLE -> "Unreachable";
            case NONQUALIFIED -> "NonQualified";
            case UNKNOWN -> "Unknown";
        };
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
