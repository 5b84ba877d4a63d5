package dev.outpost.control.catalog;

/**
 * What one metadata import covers in a data source: a bucket's keys under a prefix, one key, a whole schema, or one
 * table. Re-importing a scope replaces exactly the catalog items inside it.
 *
 * @param container  the bucket or schema
 * @param namePrefix files: the key prefix of a prefix import (may be empty for the whole bucket); otherwise null
 * @param name       one key or table; null for a prefix or a whole schema
 */
record CatalogScope(String container, String namePrefix, String name) {

    /** Whether the object or table {@code itemName} in {@code itemContainer} lies inside this scope. */
    boolean contains(String itemContainer, String itemName) {
        if (!container.equals(itemContainer)) {
            return false;
        }
        if (name != null) {
            return name.equals(itemName);
        }
        return namePrefix == null || itemName.startsWith(namePrefix);
    }
}
