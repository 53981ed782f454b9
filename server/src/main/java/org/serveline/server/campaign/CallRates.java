package org.serveline.server.campaign;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Calls-per-second budgets shared by all nodes: one token bucket per trunk in the database (one second's worth of
 * burst, refilled continuously by the database's clock). A node reserves what it may dial in the coming tick and
 * gives back what it did not use ({@link #release}) — fewer tasks claimed than reserved, or the trunk granting fewer
 * than the campaign — so another node may dial it: the nodes together use the whole rate and never more.
 */
@Component
class CallRates {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    CallRates(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Takes up to {@code wanted} calls from the trunk's budget ({@code pbx/trunk}); returns how many were granted. */
    public int reserveTrunk(String trunk, double callsPerSecond, int wanted) {
        return reserve("trunk:" + trunk, callsPerSecond, wanted);
    }

    /** Takes up to {@code wanted} calls from the campaign's own budget; returns how many were granted. */
    public int reserveCampaign(long campaignId, double callsPerSecond, int wanted) {
        return reserve("campaign:" + campaignId, callsPerSecond, wanted);
    }

    /** Gives {@code unused} calls back to the trunk's budget, reserved by {@link #reserveTrunk} and not dialled. */
    public void releaseTrunk(String trunk, int unused) {
        release("trunk:" + trunk, unused);
    }

    /** Gives {@code unused} calls back to the campaign's budget, reserved by {@link #reserveCampaign} and not dialled. */
    public void releaseCampaign(long campaignId, int unused) {
        release("campaign:" + campaignId, unused);
    }

    /**
     * Puts back tokens taken by {@link #reserve} and not used. One statement on the bucket's row; the bucket never
     * holds more than its burst afterwards, because every read caps it there.
     */
    void release(String budgetKey, int unused) {
        if (unused > 0) {
            jdbc.sql("UPDATE call_rate SET tokens = tokens + :n WHERE budget_key = :key")
                    .param("n", unused).param("key", budgetKey).update();
        }
    }

    /** Takes up to {@code wanted} tokens from the bucket {@code budgetKey}; returns how many were granted. */
    int reserve(String budgetKey, double callsPerSecond, int wanted) {
        if (wanted <= 0) {
            return 0;
        }
        double burst = Math.max(1, callsPerSecond);
        if (!created.contains(budgetKey)) {
            // a statement of its own, outside the transaction below: its shared lock on an existing row ends with
            // it, instead of two nodes both holding one and both asking to raise it to the exclusive lock
            jdbc.sql("INSERT IGNORE INTO call_rate (budget_key, tokens, refilled_at) VALUES (:key, :burst, NOW(6))")
                    .param("key", budgetKey).param("burst", burst).update();
            created.add(budgetKey);
        }
        Integer granted = transactions.execute(status -> {
            double tokens = jdbc.sql("""
                    SELECT LEAST(:burst, tokens + GREATEST(0, TIMESTAMPDIFF(MICROSECOND, refilled_at, NOW(6))) / 1e6 * :cps)
                      FROM call_rate WHERE budget_key = :key FOR UPDATE""")
                    .param("burst", burst).param("cps", callsPerSecond).param("key", budgetKey)
                    .query(Double.class).single();
            int taken = (int) Math.min(wanted, Math.floor(Math.max(0, tokens)));
            // NOW(6) is when the statement started, possibly before the lock was granted: never move time back
            jdbc.sql("UPDATE call_rate SET tokens = :left, refilled_at = GREATEST(refilled_at, NOW(6)) "
                            + "WHERE budget_key = :key")
                    .param("left", tokens - taken).param("key", budgetKey).update();
            return taken;
        });
        return granted == null ? 0 : granted;
    }
}
