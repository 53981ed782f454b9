package org.serveline.server.lookup;

import org.serveline.server.web.ConflictException;

/** A lookup for a party the phone has not failed to reach, or with no provider configured (409). */
public class LookupRefusedException extends ConflictException {

    public LookupRefusedException(String message) {
        super(message);
    }
}
