package dev.outpost.planemanager;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import dev.outpost.planemanager.launch.Leadership;

/**
 * Leadership the tests switch by hand, in place of the configured one. A fake because the real election needs a
 * Kubernetes API server, which cannot run here; the Lease election itself is tested against fabric8's mock server
 * ({@code LeaseLeadershipTest}). Leads unless a test says otherwise, as the local launcher's replica always does.
 */
@Alternative
@Priority(1)
@Singleton
public class SwitchableLeadership implements Leadership {

    private static final AtomicBoolean LEADING = new AtomicBoolean(true);

    /** This replica leads from now on (true) or stands by (false). */
    static void lead(boolean leading) {
        LEADING.set(leading);
    }

    @Override
    public boolean isLeader() {
        return LEADING.get();
    }
}
