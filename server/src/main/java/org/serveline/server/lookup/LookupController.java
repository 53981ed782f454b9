package org.serveline.server.lookup;

import org.serveline.server.security.CurrentActor;
import org.serveline.server.task.TaskId;
import org.serveline.server.web.InvalidRequestException;
import org.serveline.server.web.PayloadTooLargeException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The court's known-contact import, and a lookup asked by a person for a party the phone could not reach. */
@RestController
@RequestMapping("/api/v1/lookup")
class LookupController {

    private static final int MAX_CSV_CHARS = 5_000_000;

    private final KnownContacts contacts;
    private final ContactLookup lookup;
    private final CurrentActor actor;

    LookupController(KnownContacts contacts, ContactLookup lookup, CurrentActor actor) {
        this.contacts = contacts;
        this.lookup = lookup;
        this.actor = actor;
    }

    @PostMapping(path = "/contacts", consumes = {"text/csv", "text/plain"})
    KnownContacts.ImportReport importContacts(@RequestBody(required = false) String csv) {
        if (csv == null || csv.isBlank()) {
            throw new InvalidRequestException("csv", "send the contacts as a CSV body (text/csv) with the header "
                    + "court,party_name,id_number,phone,address,source_case");
        }
        if (csv.length() > MAX_CSV_CHARS) {
            throw new PayloadTooLargeException("the file has " + csv.length() + " characters; the limit is "
                    + MAX_CSV_CHARS + " (split it)");
        }
        return contacts.importCsv(csv, actor.name());
    }

    record LookupRequest(String purpose) {
    }

    @PostMapping("/tasks/{id}")
    LookupResult lookUp(@PathVariable long id, @RequestBody LookupRequest request) {
        if (request.purpose() == null || request.purpose().isBlank()) {
            throw new InvalidRequestException("purpose", "say why the party's contacts are looked up");
        }
        if (request.purpose().length() > 200) {
            throw new InvalidRequestException("purpose", "at most 200 characters");
        }
        return lookup.lookup(TaskId.inPath(id), request.purpose().strip(), actor.name());
    }
}
