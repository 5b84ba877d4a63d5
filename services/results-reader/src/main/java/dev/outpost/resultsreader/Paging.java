package dev.outpost.resultsreader;

import java.util.List;

import dev.outpost.edge.InteractiveException;

/** Page numbers and sizes as every paged results request uses them. */
final class Paging {

    /** The contract's cap on page_size: bigger requests get pages of this size. */
    static final int MAX_PAGE_SIZE = 500;

    private Paging() {
    }

    /**
     * Checks a request's paging before anything is read.
     *
     * @throws InteractiveException INVALID_REQUEST for a blank job id or check name, a negative page or a page size
     *     below 1
     */
    static void check(String kind, String jobId, String checkName, int page, int pageSize) {
        if (jobId.isBlank() || checkName.isBlank()) {
            throw InteractiveException.invalidRequest(kind + " needs a job_id and a check_name");
        }
        if (page < 0) {
            throw InteractiveException.invalidRequest("page " + page + " is negative: pages count from 0");
        }
        if (pageSize < 1) {
            throw InteractiveException.invalidRequest("page_size " + pageSize + " is out of range: use 1 to "
                    + MAX_PAGE_SIZE);
        }
    }

    /**
     * Page {@code page} of {@code all}, pages being {@code pageSize} long (capped at {@link #MAX_PAGE_SIZE}); a page
     * past the end is empty rather than an error, so a client can page until it gets an empty one.
     */
    static <T> List<T> slice(List<T> all, int page, int pageSize) {
        int size = Math.min(pageSize, MAX_PAGE_SIZE);
        long from = (long) page * size;
        return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + size));
    }
}
