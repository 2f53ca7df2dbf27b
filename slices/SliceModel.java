package slices;

import java.util.List;

/**
 * What is saved per slice in the store (JSON): the model specification and its fit. Reload with
 * {@code store.loadObject(SliceStore.key(...), SliceModel.class)}.
 *
 * @param by    slice column
 * @param slice slice value
 * @param y     response column
 * @param x     predictor columns
 * @param na    missing-value strategy ({@code drop|mean|median|mode|knn|regression|mice})
 * @param file  the input file's name (no folder)
 * @param fit   the fit
 */
public record SliceModel(String by, String slice, String y, List<String> x, String na, String file, SliceFit fit) {
    public SliceModel {
        x = List.copyOf(x);
    }
}
