package dev.outpost.testsupport;

import java.lang.reflect.Field;
import java.util.function.Predicate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

/** Does what Quarkus does with a test instance, so resources can be tested without booting an application. */
final class FieldInjector implements TestInjector {

    private final Object target;

    FieldInjector(Object target) {
        this.target = target;
    }

    @Override
    public void injectIntoFields(Object fieldValue, Predicate<Field> predicate) {
        for (Field field : target.getClass().getDeclaredFields()) {
            if (predicate.test(field)) {
                try {
                    field.setAccessible(true);
                    field.set(target, fieldValue);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
