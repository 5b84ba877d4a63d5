package dev.outpost.control.datasource;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A data source as the REST API shows it.
 *
 * @param id        its id
 * @param name      its unique name
 * @param edgeId    the edge whose compute plane reads it
 * @param bucket    the S3 bucket in the customer's account
 * @param prefix    the key prefix (every object under it is part of the data set) or one full key
 * @param format    {@code csv} (with a header row; {@code .gz} allowed) or {@code parquet}
 * @param createdAt when it was registered
 * @param updatedAt when it was last changed (absent if never)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSourceView(String id, String name, String edgeId, String bucket, String prefix, String format,
        Instant createdAt, Instant updatedAt) {
}
