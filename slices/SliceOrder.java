package slices;

import java.util.Collection;
import java.util.Comparator;

/**
 * The order slices are written in: numerically when every slice value is a number (so 2, 10, 100), otherwise
 * by their text (String order). The same rule everywhere (whole run, --list-slices, --combine) keeps every
 * path's output identical.
 */
public final class SliceOrder {
    private SliceOrder() {}

    public static Comparator<String> forKeys(Collection<String> keys) {
        boolean numeric = !keys.isEmpty() && keys.stream().allMatch(Cells::isNumber);
        if (numeric) {
            return Comparator.<String>comparingDouble(Cells::parse).thenComparing(Comparator.naturalOrder());
        }
        return Comparator.naturalOrder();
    }
}
