package com.keystone.crm.workflow.definition.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow definition document bound to Java, after it passed the JSON Schema and the semantic checks of
 * {@code DefinitionChecker}. Immutable once published: running enrollments read the version they started on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Definition(String name, String description, Trigger trigger, String reenrollment,
                         List<String> goalStatuses, ExitOn exitOn, String timeZone, String start, List<Step> steps) {
    public static final String REENROLL_NEVER = "never";

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public boolean reenrollNever() {
        return REENROLL_NEVER.equals(reenrollment);
    }

    public boolean exitOnReply() {
        return exitOn == null || exitOn.reply() == null || exitOn.reply();
    }

    public boolean exitOnOptOut() {
        return exitOn == null || exitOn.optOut() == null || exitOn.optOut();
    }

    public boolean isGoal(String status) {
        return goalStatuses != null && status != null && goalStatuses.contains(status);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(String type, String filter, List<String> from, List<String> to, String tier,
                          Double threshold, String activityType, String every) {
        /** The sweep period of a schedule trigger. */
        public java.time.Duration period() {
            return java.time.Duration.parse(every);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExitOn(Boolean reply, Boolean optOut) {
    }

    /** One step; which fields apply depends on {@link #type()} (the schema enforces it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String id, String type, String next,
                       String channel, String to, String templateKey, Map<String, Object> variables, String category,
                       String title, String taskType, String priority, String dueIn,
                       String duration, String untilTimeOfDay, Integer businessDays,
                       WaitEvent event, String timeout, String timeoutNext,
                       List<Branch> branches, String otherwise,
                       List<Variant> variants,
                       String status, List<String> addTags, List<String> removeTags,
                       String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WaitEvent(String type, List<String> in, String activityType) {
        public static final String REPLY = "reply";
        public static final String STATUS = "status";
        public static final String SCORE_TIER = "scoreTier";
        public static final String ACTIVITY = "activity";
    }

    public record Branch(String when, String next) {
    }

    public record Variant(String name, int weight, String next) {
    }
}
