package dev.outpost.control.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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
 * in place, those gone at the source removed). What lies inside the scope of a newer import that has already
 * succeeded is left as that import left it, so an import that finishes late does not undo a later one.
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
        List<CatalogScope> newer = newerScopes(job, scoped.dataSourceId);
        Predicate<Place> settled = place -> newer.stream().anyMatch(n -> n.contains(place.container(), place.name()));
        for (CatalogItem item : existing) {
            Place place = new Place(item.container, item.name);
            CatalogEntry entry = found.remove(place);
            if (settled.test(place)) {
                continue;
            }
            if (entry == null) {
                item.delete();
            } else {
                fill(item, entry, job);
            }
        }
        found.forEach((place, entry) -> {
            if (!settled.test(place)) {
                CatalogItem item = new CatalogItem();
                item.id = UUID.randomUUID();
                item.organisationId = job.organisationId;
                item.dataSourceId = scoped.dataSourceId;
                item.container = entry.getContainer();
                item.name = entry.getName();
                fill(item, entry, job);
                item.persist();
            }
        });
    }

    /** The scopes of the imports of {@code dataSource} submitted after {@code job} that have already succeeded. */
    private static List<CatalogScope> newerScopes(Job job, UUID dataSource) {
        return CatalogImport.<CatalogImport>list("dataSourceId = ?1 and jobId in (select j.id from Job j "
                + "where j.state = 'SUCCEEDED' and j.submittedAt > ?2)", dataSource, job.submittedAt).stream()
                .map(CatalogImport::scope).toList();
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
