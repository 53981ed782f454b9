package org.serveline.server.intake;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.serveline.server.task.PartyRole;

/** A party as the case-management system sends it. Phone numbers are tried in the order given. */
public record PartyRequest(
        @NotNull PartyRole role,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 40) String idNumber,
        @Size(max = 5) List<String> phones,
        @Email @Size(max = 254) String email,
        @Size(max = 500) String address,
        @Size(max = 64) String timeZone) {

    public PartyRequest {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }
}
