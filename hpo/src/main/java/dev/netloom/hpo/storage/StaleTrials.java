package dev.netloom.hpo.storage;

import java.time.Duration;
import java.time.Instant;

/** The words every storage uses when it fails a trial whose worker went silent. */
final class StaleTrials {

    private StaleTrials() {
    }

    static String reason(Instant lastHeartbeat, Duration timeout) {
        return "worker stopped heart-beating: last heartbeat " + lastHeartbeat
                + ", more than " + timeout.toMillis() + " ms ago";
    }
}
