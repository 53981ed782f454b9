package org.serveline.server.postal;

/** Who signed for a mailing, as the carrier reports it. */
public enum SignerRelation {
    /** The party in person (本人签收). */
    PARTY("受送达人本人"),
    /** An adult member of the party's household (同住成年家属代收). */
    ADULT_FAMILY_MEMBER("同住成年家属"),
    /** The party's agent: a lawyer, the unit's mail room (代收人). */
    AGENT("代收人");

    private final String chinese;

    SignerRelation(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
