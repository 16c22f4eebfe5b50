package sediment.spark.merge;

/**
 * Sorts row numbers by a comparator over primitive arrays, without boxing: a bottom-up merge sort
 * over insertion-sorted runs that skips merges of runs already in order, so input that arrives
 * mostly sorted (rows of one file in arrival order, timestamps that mostly increase) costs close to
 * one pass. Not stable; callers make every order total by comparing arrival last.
 */
final class IndexSort {
    private IndexSort() {
    }

    @FunctionalInterface
    interface Comparator {
        int compare(int a, int b);
    }

    private static final int RUN = 32;

    static void sort(int[] a, int from, int to, int[] scratch, Comparator c) {
        if (to - from < 2) {
            return;
        }
        for (int lo = from; lo < to; lo += RUN) {
            insertionSort(a, lo, Math.min(lo + RUN, to), c);
        }
        int[] src = a;
        int[] dst = scratch;
        for (int width = RUN; width < to - from; width *= 2) {
            for (int lo = from; lo < to; lo += 2 * width) {
                int mid = Math.min(lo + width, to);
                int hi = Math.min(lo + 2 * width, to);
                if (mid >= hi || c.compare(src[mid - 1], src[mid]) <= 0) {
                    System.arraycopy(src, lo, dst, lo, hi - lo);
                } else {
                    merge(src, dst, lo, mid, hi, c);
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, from, a, from, to - from);
        }
    }

    private static void insertionSort(int[] a, int lo, int hi, Comparator c) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && c.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, Comparator c) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            dst[k++] = c.compare(src[i], src[j]) <= 0 ? src[i++] : src[j++];
        }
        while (i < mid) {
            dst[k++] = src[i++];
        }
        while (j < hi) {
            dst[k++] = src[j++];
        }
    }
}
