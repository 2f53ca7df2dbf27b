package model;

import stats.CvResult;
import stats.Encoding;
import stats.Metrics;
import stats.ModelKind;
import storage.Metadata;
import storage.StorageException;
import storage.Store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What production needs to know about a fitted exposure model, saved through the storage service as JSON
 * (versioned: every {@link #save} adds a version; {@link #load} reads the latest or a pinned one).
 * Enough to score new people ({@link Predictor}) and to check them for drift:
 * <ul>
 * <li>model type, family, link, formula, the spec (transforms, references, missing strategy, unseen policy)
 *     and the fitted stats.Encoding (levels, imputation values, indicator columns, and for KNN / regression /
 *     chained-equations imputation the fitted impute.FittedImputer: donors, models, rounds), so
 *     {@link Predictor} fills new people's missing values exactly as the training rows were filled;</li>
 * <li>coefficients with standard errors and 95% intervals (and NB2's alpha), the covariance type they
 *     come from and the covariance matrix itself;</li>
 * <li>what the predictive distribution of a new person needs: NB2's alpha (Poisson: none) or OLS's
 *     residual SD, so {@link Predictor} writes a 90% predictive interval and P(0) per person;</li>
 * <li>in-sample and cross-validated metrics, with the mean-only baseline;</li>
 * <li>the training data's fingerprint: row counts and SHA-256 of the input files;</li>
 * <li>training distributions (binned) of every input column and of the predictions, for drift (PSI).</li>
 * </ul>
 * Plain fields only: {@code storage.Json.mapper()} round-trips it (a test checks equality).
 */
public record ModelCard(int schemaVersion, String modelKind, String family, String link, String response, String formula,
                        String createdAt, ExposureSpec spec, Encoding encoding, List<CardCoefficient> coefficients,
                        double alpha, double alphaSe, CardMetrics inSample, CardCv crossValidation, TrainingData training,
                        List<Profile> features, Profile predictions, List<String> whyThisModel,
                        String covarianceType, double residualSd, List<List<Double>> covariance) {

    public static final int SCHEMA = 1;
    /** The key analysis.java saves the exposure model under. */
    public static final String DEFAULT_KEY = "models/exposure/card";

    public ModelCard {
        coefficients = List.copyOf(coefficients);
        features = List.copyOf(features);
        whyThisModel = whyThisModel == null ? List.of() : List.copyOf(whyThisModel);
        // cards saved before these fields existed read them as null / 0: "not recorded"
        if (covarianceType == null) covarianceType = "nonrobust";
        if (!(residualSd > 0)) residualSd = Double.NaN;
        covariance = covariance == null ? List.of() : covariance.stream().map(List::copyOf).toList();
    }

    /** A card without the inference fields (covariance nonrobust, not recorded; no residual SD). */
    public ModelCard(int schemaVersion, String modelKind, String family, String link, String response, String formula,
                     String createdAt, ExposureSpec spec, Encoding encoding, List<CardCoefficient> coefficients,
                     double alpha, double alphaSe, CardMetrics inSample, CardCv crossValidation, TrainingData training,
                     List<Profile> features, Profile predictions, List<String> whyThisModel) {
        this(schemaVersion, modelKind, family, link, response, formula, createdAt, spec, encoding, coefficients, alpha, alphaSe,
                inSample, crossValidation, training, features, predictions, whyThisModel, null, Double.NaN, null);
    }

    /** The card of model {@code kind} from a fit; {@code inputs} fingerprint the training files (may be empty). */
    public static ModelCard of(ExposureModelResult r, ModelKind kind, List<InputFingerprint> inputs) {
        double[][] c = r.coefficientTable(kind);
        List<CardCoefficient> coefs = new ArrayList<>();
        for (int j = 0; j < r.names().size(); j++) coefs.add(new CardCoefficient(r.names().get(j), c[0][j], c[1][j], c[2][j], c[3][j]));
        CvResult cv = r.cv(kind);
        List<Double> fold = cv.folds().stream().map(Metrics::poissonDeviance).toList();
        CardCv cvm = new CardCv(cv.k(), cv.seed(), cv.meanRmse(), cv.meanMae(), cv.meanR2(), cv.meanDeviance(), cv.devianceSe(),
                cv.baselineRmse(), cv.baselineDeviance(), fold);
        double alpha = kind == ModelKind.NEGATIVE_BINOMIAL ? r.negativeBinomial().alpha() : 0;
        double alphaSe = kind == ModelKind.NEGATIVE_BINOMIAL ? r.negativeBinomial().alphaSe() : Double.NaN;
        List<String> why = new ArrayList<>();
        if (kind == r.choice().recommended()) why.addAll(r.choice().reasons());
        else why.add("Chosen by the caller; the workflow recommended " + (r.choice().recommended() == null ? "none" : r.choice().recommended().label()) + ".");
        return new ModelCard(SCHEMA, kind.name(), kind.label(), kind == ModelKind.OLS ? "identity" : "log", r.spec().response(),
                r.spec().formula(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), r.spec(), r.encoding(), coefs, alpha, alphaSe,
                r.inSample().get(kind), cvm, new TrainingData(r.rowsInTable(), r.rowsUsed(), r.rowsDropped(), inputs),
                r.featureProfiles(), r.prediction(kind).profile(), why,
                r.fitted(kind).covarianceType(), kind == ModelKind.OLS ? r.ols().residualSe() : Double.NaN,
                java.util.Arrays.stream(r.fitted(kind).table().covariance()).map(row -> java.util.Arrays.stream(row).boxed().toList()).toList());
    }

    public ModelKind kind() { return ModelKind.valueOf(modelKind); }

    /** Saves a new version under {@code key}; returns its metadata (version number, SHA-256). */
    public Metadata save(Store store, String key) {
        return store.saveObject(key, this);
    }

    /** The latest version under {@code key}. */
    public static ModelCard load(Store store, String key) {
        return load(store, key, Store.LATEST);
    }

    /** A version under {@code key} ({@link Store#LATEST} for the newest); a clear one-line error when absent. */
    public static ModelCard load(Store store, String key, long version) {
        ModelCard card;
        try {
            card = store.loadObject(key, version, ModelCard.class);
        } catch (StorageException.NotFound e) {
            String parent = key.contains("/") ? key.substring(0, key.lastIndexOf('/')) : "";
            List<String> near;
            try {
                near = store.list(parent);
            } catch (RuntimeException ignored) {
                near = List.of();
            }
            throw new ModelException("no model card at key '" + key + "'" + (version == Store.LATEST ? "" : " version " + version)
                    + " in store " + store.uri() + "; keys under '" + parent + "': " + near
                    + (version == Store.LATEST ? "" : "; versions of the key: " + store.versions(key)), e);
        } catch (StorageException.WrongType e) {
            throw new ModelException("key '" + key + "' in store " + store.uri() + " does not hold a model card: " + e.getMessage(), e);
        }
        if (card.schemaVersion() != SCHEMA) {
            throw new ModelException("model card at '" + key + "' has schema version " + card.schemaVersion() + "; this code reads version " + SCHEMA);
        }
        return card;
    }

    /** Coefficient vector in the encoding's design order (const first when there is an intercept). */
    double[] beta() {
        return coefficients.stream().mapToDouble(CardCoefficient::estimate).toArray();
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Model card (schema %d): %s, %s link, created %s%n", schemaVersion, family, link, createdAt));
        sb.append("Formula: ").append(formula).append('\n');
        sb.append(String.format(Locale.ROOT, "Training: %,d people, %,d used, %,d dropped%n", training.rowsInTable(), training.rowsUsed(), training.rowsDropped()));
        for (InputFingerprint f : training.files()) {
            sb.append(String.format(Locale.ROOT, "  %s: %,d bytes, %,d rows read, %,d accepted, sha256 %s%n", f.file(), f.bytes(), f.rowsRead(), f.rowsAccepted(), f.sha256()));
        }
        sb.append(String.format(Locale.ROOT, "%-32s %12s %10s %12s %12s%n", "term", "coef", "std err", "[0.025", "0.975]"));
        for (CardCoefficient c : coefficients) {
            sb.append(String.format(Locale.ROOT, "%-32s %12.6g %10.4g %12.6g %12.6g%n", c.name(), c.estimate(), c.standardError(), c.lower(), c.upper()));
        }
        sb.append("Covariance: ").append(covarianceType).append('\n');
        if (alpha > 0) sb.append(String.format(Locale.ROOT, "alpha (NB2) %.5g (SE %.3g)%n", alpha, alphaSe));
        sb.append("Predictive distribution per person: ").append(switch (kind()) {
            case OLS -> String.format(Locale.ROOT, "Normal(prediction, %.4g)", residualSd);
            case POISSON -> "Poisson(prediction)";
            case NEGATIVE_BINOMIAL -> String.format(Locale.ROOT, "NB2(prediction, alpha %.5g)", alpha);
        }).append(" (90% interval and P(0) written by predict)\n");
        sb.append(String.format(Locale.ROOT, "In-sample: RMSE %.4g, MAE %.4g, R2 %.4f, Poisson deviance %.5g, AIC %.6g%n",
                inSample.rmse(), inSample.mae(), inSample.r2(), inSample.poissonDeviance(), inSample.aic()));
        sb.append(String.format(Locale.ROOT, "%d-fold CV (seed %d): RMSE %.4g, MAE %.4g, R2 %.4f, Poisson deviance %.5g +/- %.2g (baseline %.5g)%n",
                crossValidation.k(), crossValidation.seed(), crossValidation.rmse(), crossValidation.mae(), crossValidation.r2(),
                crossValidation.poissonDeviance(), crossValidation.devianceSe(), crossValidation.baselineDeviance()));
        sb.append("Drift baselines: ").append(features.stream().map(Profile::name).toList()).append(" and the predictions (deciles)\n");
        for (String w : whyThisModel) sb.append("  - ").append(w).append('\n');
        return sb.toString();
    }
}
