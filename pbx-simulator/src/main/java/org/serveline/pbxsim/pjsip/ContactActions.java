package org.serveline.pbxsim.pjsip;

import java.util.List;
import java.util.function.Consumer;
import org.serveline.pbxsim.ami.AmiMessage;
import org.serveline.pbxsim.ami.AmiServer;

/**
 * PJSIPShowContacts and DeviceStateList over a configured list of registered contacts (endpoint name, SIP URI):
 * each endpoint listed is registered from the start, i.e. before any manager logs in.
 */
public final class ContactActions {

    /** A registered contact, as {@code pjsip show contacts} lists it. */
    public record Contact(String endpoint, String uri) {
    }

    private final List<Contact> contacts;

    public ContactActions(List<Contact> contacts) {
        this.contacts = List.copyOf(contacts);
    }

    public void registerActions(AmiServer server) {
        server.register("PJSIPShowContacts", this::showContacts);
        server.register("DeviceStateList", this::deviceStates);
    }

    /** Asterisk 22's device state cache: a registered PJSIP endpoint that is not on a call is NOT_INUSE. */
    private void deviceStates(AmiMessage action, Consumer<AmiMessage> reply) {
        reply.accept(AmiMessage.response(action, "Success").add("EventList", "start")
                .add("Message", "Device State Changes will follow").build());
        List<String> devices = contacts.stream().map(c -> "PJSIP/" + c.endpoint()).distinct().toList();
        for (String device : devices) {
            AmiMessage.Builder b = AmiMessage.builder().add("Event", "DeviceStateChange");
            action.actionId().ifPresent(id -> b.add("ActionID", id));
            reply.accept(b.add("Device", device).add("State", "NOT_INUSE").build());
        }
        AmiMessage.Builder done = AmiMessage.builder().add("Event", "DeviceStateListComplete");
        action.actionId().ifPresent(id -> done.add("ActionID", id));
        reply.accept(done.add("EventList", "Complete").add("ListItems", devices.size()).build());
    }

    private void showContacts(AmiMessage action, Consumer<AmiMessage> reply) {
        reply.accept(AmiMessage.response(action, "Success").add("EventList", "start")
                .add("Message", "A listing of Contacts follows, presence events will follow as they change.").build());
        for (Contact contact : contacts) {
            AmiMessage.Builder b = AmiMessage.builder().add("Event", "ContactList");
            action.actionId().ifPresent(id -> b.add("ActionID", id));
            b.add("ObjectType", "contact").add("ObjectName", contact.endpoint() + "/" + contact.uri())
                    .add("ViaAddr", "").add("QualifyTimeout", "3.000000").add("CallId", "")
                    .add("RegServer", "").add("PruneOnBoot", "no").add("Path", "")
                    .add("Endpoint", contact.endpoint()).add("ViaPort", "0").add("AuthenticateQualify", "no")
                    .add("Uri", contact.uri()).add("QualifyFrequency", "60").add("UserAgent", "")
                    .add("ExpirationTime", "0").add("OutboundProxy", "").add("Status", "Reachable")
                    .add("RoundtripUsec", "1000");
            reply.accept(b.build());
        }
        AmiMessage.Builder done = AmiMessage.builder().add("Event", "ContactListComplete");
        action.actionId().ifPresent(id -> done.add("ActionID", id));
        reply.accept(done.add("EventList", "Complete").add("ListItems", contacts.size()).build());
    }
}
