package dev.outpost.control.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.outpost.control.ControlConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives a new installation its first admin key: at start, when no API key exists, creates the organisation
 * {@code default} (unless an upgrade already made it for the rows that existed before organisations) and an admin key,
 * and writes the key to {@code outpost.control.bootstrap.admin-key-file} (mode 0600). The key is written before the
 * transaction commits, so a key that could not be written is never stored either.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    /** Serialises the bootstrap of control-api replicas that start together. */
    private static final long LOCK = 0x6f70_6b62L;

    private final ControlConfig config;
    private final ApiKeyService keys;

    BootstrapAdmin(ControlConfig config, ApiKeyService keys) {
        this.config = config;
        this.keys = keys;
    }

    @Transactional
    void onStart(@Observes StartupEvent start) {
        Path file = config.bootstrap().adminKeyFile().orElse(null);
        if (file == null) {
            return;
        }
        Panache.getEntityManager().createNativeQuery("select count(*) from pg_advisory_xact_lock(:lock)")
                .setParameter("lock", LOCK).getSingleResult();
        if (ApiKey.count() > 0) {
            LOG.debugf("API keys exist; %s is left as it is", file);
            return;
        }
        Organisation organisation = Organisation.<Organisation>find("name", OrganisationService.DEFAULT)
                .firstResultOptional().orElseGet(() -> OrganisationService.create(OrganisationService.DEFAULT));
        ApiKeyService.CreatedKey admin = keys.issue(organisation.id, OrganisationService.FIRST_ADMIN_KEY, Role.ADMIN);
        write(file, admin.key());
        LOG.infof("Created the admin key %s of organisation '%s' and wrote it to %s", admin.apiKey().prefix(),
                organisation.name, file);
    }

    private static void write(Path file, String key) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".admin-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, key + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bootstrap admin key to " + file + " (set "
                    + "outpost.control.bootstrap.admin-key-file to a writable path): " + e.getMessage(), e);
        }
    }
}
