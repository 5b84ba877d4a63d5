package dev.outpost.control.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the REST request being served, set by {@link ApiKeyFilter} before any resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The authenticated caller. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no caller: the request did not pass ApiKeyFilter");
        }
        return caller;
    }
}
