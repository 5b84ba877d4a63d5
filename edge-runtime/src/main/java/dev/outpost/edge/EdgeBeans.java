package dev.outpost.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.outpost.crypto.EnvelopeCipher;
import dev.outpost.crypto.KeyProvider;
import dev.outpost.crypto.KeyProviders;
import dev.outpost.sqs.QueueClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Producers for the beans every compute-plane service shares. */
@ApplicationScoped
public class EdgeBeans {

    @Produces
    @ApplicationScoped
    QueueClient queueClient(SqsClient sqs, QueuesConfig config) {
        return new QueueClient(sqs, config.prefix());
    }

    @Produces
    @ApplicationScoped
    KeyProvider keyProvider(KeysConfig config) {
        return KeyProviders.fromSettings(new KeyProviders.Settings(config.localFile(), config.kmsKeyId(),
                config.kmsEndpoint(), config.kmsRegion()));
    }

    @Produces
    @ApplicationScoped
    EnvelopeCipher envelopeCipher(KeyProvider keys) {
        return new EnvelopeCipher(keys);
    }
}
