package dev.outpost.control.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.outpost.control.error.InvalidInputException;

/** What an API key may do in its organisation; each role can do everything the ones before it can. */
public enum Role {

    /** Reads everything of the organisation, including previews and pages of failing rows. */
    VIEWER,
    /** Also creates, changes, deletes and runs. */
    EDITOR,
    /** Also manages the organisation's API keys. */
    ADMIN;

    /** Whether this role includes {@code needed}. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The name used in the API and the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code label} ({@code admin}, {@code editor}, {@code viewer}), or INVALID_ARGUMENT. */
    public static Role parse(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new InvalidInputException("role '" + (label == null ? "" : label) + "' is not a role: use one of "
                + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
    }
}
