package dev.outpost.control.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.outpost.control.browse.MetadataViews;
import dev.outpost.control.job.Job;
import dev.outpost.control.job.JobSucceeded;
import dev.outpost.proto.job.v1.CatalogEntry;

/**
 * Files a succeeded metadata-import job's result into the catalog, in the transaction that records the job's
 * success: the items of the import's scope are replaced by what the job found (new ones added, existing ones updated
 * in place, those gone at the source removed). Items written by a newer import than this one are left as they are,
 * so an import that finishes late does not undo a later one.
 */
@ApplicationScoped
public class CatalogImporter {

    private static final Logger LOG = Logger.getLogger(CatalogImporter.class);

    /** An item's identity within its data source. */
    private record Place(String container, String name) {
    }

    void file(@Observes JobSucceeded succeeded) {
        Job job = succeeded.job();
        CatalogImport scoped = CatalogImport.findById(job.id);
        if (scoped == null) {
            return;
        }
        CatalogScope scope = scoped.scope();
        Map<Place, CatalogEntry> found = new LinkedHashMap<>();
        int outside = 0;
        for (CatalogEntry entry : succeeded.result().getCatalogList()) {
            if (scope.contains(entry.getContainer(), entry.getName())) {
                found.put(new Place(entry.getContainer(), entry.getName()), entry);
            } else {
                outside++;
            }
        }
        if (outside > 0) {
            LOG.warnf("Metadata-import job %s reported %d entries outside its scope; they were left out", job.id,
                    outside);
        }
        List<CatalogItem> existing = CatalogItem.<CatalogItem>list("dataSourceId = ?1 and container = ?2",
                scoped.dataSourceId, scope.container()).stream()
                .filter(item -> scope.contains(item.container, item.name)).toList();
        Set<UUID> newer = newerJobs(job, existing);
        for (CatalogItem item : existing) {
            CatalogEntry entry = found.remove(new Place(item.container, item.name));
            if (newer.contains(item.jobId)) {
                continue;
            }
            if (entry == null) {
                item.delete();
            } else {
                fill(item, entry, job);
            }
        }
        for (CatalogEntry entry : found.values()) {
            CatalogItem item = new CatalogItem();
            item.id = UUID.randomUUID();
            item.organisationId = job.organisationId;
            item.dataSourceId = scoped.dataSourceId;
            item.container = entry.getContainer();
            item.name = entry.getName();
            fill(item, entry, job);
            item.persist();
        }
    }

    /** The jobs among those that wrote {@code items} that were submitted after {@code job}. */
    private static Set<UUID> newerJobs(Job job, List<CatalogItem> items) {
        Set<UUID> writers = items.stream().map(item -> item.jobId).filter(id -> !id.equals(job.id))
                .collect(Collectors.toSet());
        if (writers.isEmpty()) {
            return Set.of();
        }
        return Job.<Job>list("id in ?1 and submittedAt > ?2", writers, job.submittedAt).stream()
                .map(newer -> newer.id).collect(Collectors.toSet());
    }

    private static void fill(CatalogItem item, CatalogEntry entry, Job job) {
        item.kind = entry.getKind();
        item.columns.clear();
        entry.getColumnsList().forEach(c -> item.columns.add(new CatalogItem.CatalogColumn(c.getName(), c.getType())));
        item.rowCount = entry.getRowCount();
        item.rowCountKind = MetadataViews.rowCountKind(entry.getRowCountKind());
        item.sizeBytes = entry.getSizeBytes();
        item.error = entry.getError().isEmpty() ? null : entry.getError();
        item.importedAt = job.finishedAt;
        item.jobId = job.id;
    }
}
