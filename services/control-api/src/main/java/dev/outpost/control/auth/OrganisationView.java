package dev.outpost.control.auth;

import java.time.Instant;

/**
 * An organisation as the API shows it.
 *
 * @param id        its id
 * @param name      its unique name
 * @param createdAt when it was created
 */
public record OrganisationView(String id, String name, Instant createdAt) {

    static OrganisationView of(Organisation organisation) {
        return new OrganisationView(organisation.id.toString(), organisation.name, organisation.createdAt);
    }
}
