package dev.outpost.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field to receive a server or client from the Outpost test resources of the test:
 * {@code LocalPostgres} from {@link PostgresTestResource}; {@code LocalSqs} or {@code SqsClient} from
 * {@link SqsTestResource}; {@code LocalS3} or {@code S3Client} from {@link S3TestResource}. The field's type chooses.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectLocalCloud {
}
