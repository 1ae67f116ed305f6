package dev.netloom.app.export;

/** The Export view's stylesheet and style class names (export.css). */
public final class ExportStyle {

    public static final String STYLESHEET = ExportStyle.class.getResource("/dev/netloom/app/export/export.css")
            .toExternalForm();

    public static final String VIEW = "export-view";
    public static final String TITLE = "export-title";
    public static final String CARD = "export-card";
    public static final String TABLE = "precision-table";
    public static final String COLUMN_HEAD = "column-head";
    public static final String PRECISION_NAME = "precision-name";
    public static final String GAUGE = "gauge";
    public static final String GAUGE_TEXT = "gauge-text";
    /** A gauge within 80% of its budget. */
    public static final String GAUGE_OK = "gauge-ok";
    /** A gauge between 80% and 100% of its budget. */
    public static final String GAUGE_TIGHT = "gauge-tight";
    /** A gauge over its budget. */
    public static final String GAUGE_OVER = "gauge-over";
    /** A gauge of time, which has no budget. */
    public static final String GAUGE_TIME = "gauge-time";
    public static final String FITS_YES = "fits-yes";
    public static final String FITS_NO = "fits-no";
    /** Fits the budgets, but the accuracy is lost or not checked: no green. */
    public static final String FITS_PLAIN = "fits-plain";
    /** The accuracy mark: measured and kept. */
    public static final String KEEPS_YES = "keeps-yes";
    /** The accuracy mark: measured and lost. */
    public static final String KEEPS_NO = "keeps-no";
    /** The accuracy mark: not measured, or FP32 itself. */
    public static final String KEEPS_UNKNOWN = "keeps-unknown";
    public static final String REPORT_LABEL = "report-label";
    public static final String REPORT_VALUE = "report-value";
    public static final String REPORT_PASSED = "report-passed";
    public static final String REPORT_FAILED = "report-failed";
    public static final String ERROR = "export-error";
    public static final String STATUS = "export-status";

    private ExportStyle() {
    }
}
