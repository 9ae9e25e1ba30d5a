package com.keystone.crm.scoring.ab.domain;

/**
 * What a scheduled check did with the tenant's running A/B test: its report's verdict decides. A challenger that won
 * with confidence serves in place of the champion; one that lost with confidence stops scoring leads; otherwise the
 * test goes on. With {@code crm.scoring.ab.auto-decide=false} the verdict is only reported and an admin acts.
 *
 * @param action {@code promoted}, {@code stopped}, {@code continues} or {@code reported} (automatic decisions off)
 */
public record AbDecision(String challenger, String verdict, String action, String explanation) {
    public static final String PROMOTED = "promoted";
    public static final String STOPPED = "stopped";
    public static final String CONTINUES = "continues";
    public static final String REPORTED = "reported";

    /** The action a verdict calls for. */
    public static String actionFor(String verdict, boolean automatic) {
        if (!automatic) {
            return REPORTED;
        }
        return switch (verdict) {
            case AbReport.CHALLENGER_BETTER -> PROMOTED;
            case AbReport.CHAMPION_BETTER -> STOPPED;
            default -> CONTINUES;
        };
    }
}
