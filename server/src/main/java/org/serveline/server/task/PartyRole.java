package org.serveline.server.task;

/** A party's role in the case. */
public enum PartyRole {
    PLAINTIFF, DEFENDANT, THIRD_PARTY, APPELLANT, APPELLEE, APPLICANT, RESPONDENT, OTHER
}
