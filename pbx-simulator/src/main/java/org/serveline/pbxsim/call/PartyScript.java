package org.serveline.pbxsim.call;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.serveline.pbxsim.party.PartyBehaviour;

/**
 * The party's side of an answered call: it keys its digits once a prompt has ended and the line stayed quiet
 * for the DTMF delay, and hangs up at its hold time. Runs on the call's event loop.
 */
final class PartyScript {

    static final long DIGIT_MILLIS = 250;

    private final SimCall call;
    private final PartyBehaviour party;
    private final List<String> keys;
    private int nextKeys;
    private int promptsStarted;
    private boolean stopped;
    private ScheduledFuture<?> holdTimer;
    private ScheduledFuture<?> keysTimer;
    private ScheduledFuture<?> earlyKeyTimer;

    PartyScript(SimCall call, PartyBehaviour party) {
        this.call = call;
        this.party = party;
        this.keys = party.keysPerPrompt();
    }

    void answered() {
        armHoldTimer();
    }

    /** The party gives up after its hold time of quiet line: counted from answer, then from each prompt. */
    private void armHoldTimer() {
        if (holdTimer != null) {
            holdTimer.cancel(false);
        }
        if (!stopped) {
            holdTimer = call.schedule(party.timing().holdTime(), call::partyHangsUp);
        }
    }

    void promptStarted() {
        cancelKeys();
        armHoldTimer();
        promptsStarted++;
        if (party instanceof PartyBehaviour.HangUp && !stopped) {
            call.partyHangsUp();
        }
        if (party instanceof PartyBehaviour.KeysDuringGreeting early && !stopped) {
            keysDuringGreeting(early);
        }
    }

    /** The early key: timed from the greeting's start; without consent, the party leaves when the question starts. */
    private void keysDuringGreeting(PartyBehaviour.KeysDuringGreeting early) {
        if (promptsStarted == 1) {
            earlyKeyTimer = call.schedule(early.into(), () -> {
                if (!stopped) {
                    call.keyDigit('1');
                }
            });
        } else if (promptsStarted == 2 && !early.consentsAtQuestion()) {
            call.partyHangsUp();
        }
    }

    void promptEnded() {
        armHoldTimer();
        if (stopped || nextKeys >= keys.size()) {
            return;
        }
        cancelKeys();
        keysTimer = call.schedule(party.timing().dtmfDelay(), this::keyNext);
    }

    private void keyNext() {
        if (stopped || nextKeys >= keys.size()) {
            return;
        }
        keyFrom(keys.get(nextKeys++), 0);
    }

    private void keyFrom(String digits, int index) {
        if (stopped || index >= digits.length()) {
            return;
        }
        call.keyDigit(digits.charAt(index));
        if (index + 1 < digits.length()) {
            keysTimer = call.schedule(party.timing().interDigit(), () -> keyFrom(digits, index + 1));
        }
    }

    private void cancelKeys() {
        if (keysTimer != null) {
            keysTimer.cancel(false);
            keysTimer = null;
        }
    }

    void stop() {
        stopped = true;
        cancelKeys();
        if (earlyKeyTimer != null) {
            earlyKeyTimer.cancel(false);
        }
        if (holdTimer != null) {
            holdTimer.cancel(false);
        }
    }
}
