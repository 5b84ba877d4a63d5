package dev.outpost.dq.sql;

import java.util.List;

/**
 * The aggregates and list functions an engine needs to gather samples of failing rows in the scan that counts them
 * (see {@link ScanPlan#aggregateQuery(int)}): a capped list aggregate keeps at most a few values per check, so memory
 * stays bounded however many rows fail.
 */
public interface SampleAggregates {

    /** An aggregate of the {@code limit} smallest values of {@code expression}, as a list; null over no rows. */
    String smallest(String expression, int limit);

    /** A list of the (text) {@code expressions}, nulls kept in place. */
    String list(List<String> expressions);

    /** The element at {@code position} (1-based) of {@code listExpression}. */
    String element(String listExpression, int position);

    /** An unnamed tuple of {@code expressions}, equal to another when all its values are (for keys of several columns). */
    String tuple(List<String> expressions);

    /**
     * True for the values of {@code expressions} in about one in {@code buckets} of their combinations, chosen by a
     * hash: equal values always fall alike.
     */
    String inBucket(List<String> expressions, int buckets);

    /** A set-returning call giving one row per element of {@code listExpression}. */
    String unnest(String listExpression);
}
