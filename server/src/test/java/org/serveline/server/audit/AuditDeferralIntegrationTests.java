package org.serveline.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.serveline.server.testsupport.ServelineIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AuditTrail#appendBeforeCommit}: the records of one transaction written together just before it commits,
 * in the order they were asked for, never without the transaction and never lost with a nested one.
 */
@ServelineIntegrationTest
class AuditDeferralIntegrationTests {

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    AuditVerifier verifier;

    @Test
    void deferredRecordsAreWrittenTogetherJustBeforeTheCommit() {
        String a = chain();
        String b = chain();
        long seenInside = new TransactionTemplate(transactionManager).execute(status -> {
            audit.appendBeforeCommit(record(a, "FIRST"));
            audit.appendBeforeCommit(record(b, "OTHER_CHAIN"));
            audit.appendBeforeCommit(record(a, "SECOND"));
            return rows(a) + rows(b);
        });

        assertThat(seenInside).as("nothing written before the commit").isZero();
        assertThat(audit.chain(a)).extracting(AuditEvent::action, AuditEvent::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FIRST", 1L),
                        org.assertj.core.groups.Tuple.tuple("SECOND", 2L));
        assertThat(audit.chain(b)).extracting(AuditEvent::action).containsExactly("OTHER_CHAIN");
        assertThat(audit.chain(a).getFirst().occurredAt()).as("one append for all")
                .isEqualTo(audit.chain(b).getFirst().occurredAt());
        assertThat(verifier.verify(a).valid()).isTrue();
    }

    @Test
    void anAppendLaterInTheTransactionWritesTheDeferredOnesFirst() {
        String a = chain();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            audit.appendBeforeCommit(record(a, "DEFERRED"));
            audit.append(record(a, "DIRECT"));
            audit.appendBeforeCommit(record(a, "DEFERRED_AGAIN"));
            audit.appendAll(List.of(record(a, "BATCH")));
        });

        assertThat(audit.chain(a)).extracting(AuditEvent::action)
                .containsExactly("DEFERRED", "DIRECT", "DEFERRED_AGAIN", "BATCH");
        assertThat(verifier.verify(a).valid()).isTrue();
    }

    @Test
    void aRolledBackTransactionWritesNone() {
        String a = chain();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            audit.appendBeforeCommit(record(a, "NEVER"));
            status.setRollbackOnly();
        });

        assertThat(rows(a)).isZero();
    }

    @Test
    void aNestedTransactionOfItsOwnNeitherWritesNorDropsTheOuterOnesRecords() {
        String outer = chain();
        String inner = chain();
        TransactionTemplate requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        long outerRowsAfterInnerCommit = new TransactionTemplate(transactionManager).execute(status -> {
            audit.appendBeforeCommit(record(outer, "OUTER"));
            requiresNew.executeWithoutResult(s -> audit.appendBeforeCommit(record(inner, "INNER")));
            return rows(outer);
        });

        assertThat(outerRowsAfterInnerCommit).isZero();
        assertThat(audit.chain(inner)).extracting(AuditEvent::action).containsExactly("INNER");
        assertThat(audit.chain(outer)).extracting(AuditEvent::action).containsExactly("OUTER");
    }

    @Test
    void withoutATransactionTheRecordIsWrittenAtOnce() {
        String a = chain();
        audit.appendBeforeCommit(record(a, "AT_ONCE"));

        assertThat(audit.chain(a)).extracting(AuditEvent::action).containsExactly("AT_ONCE");
    }

    private long rows(String chain) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE chain_key = :c").param("c", chain).query(Long.class)
                .single();
    }

    private static String chain() {
        return "test:" + UUID.randomUUID();
    }

    private static AuditRecord record(String chain, String action) {
        return new AuditRecord(chain, "tester", action, chain, null, null, Map.of("k", action));
    }
}
