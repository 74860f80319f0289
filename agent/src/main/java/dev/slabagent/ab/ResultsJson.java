package dev.slabagent.ab;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.slabagent.stats.Comparison;
import java.io.IOException;

/**
 * {@code results.json}: the plan, one object per collector and strategy ({@code results}) and every run
 * ({@code runs}), numbers as numbers ({@code null} where there is none).
 */
final class ResultsJson {

    private ResultsJson() {
    }

    static void write(AbReport report, JsonGenerator json) throws IOException {
        AbPlan plan = report.plan();
        json.writeStartObject();
        json.writeArrayFieldStart("command");
        for (String arg : plan.command()) {
            json.writeString(arg);
        }
        json.writeEndArray();
        json.writeStringField("config", plan.config().toString());
        json.writeStringField("metric", plan.metricName());
        json.writeBooleanField("higherIsBetter", plan.higherIsBetter());
        json.writeNumberField("rounds", plan.rounds());
        json.writeNumberField("seed", plan.seed());
        json.writeArrayFieldStart("results");
        for (StrategyResult r : report.results()) {
            json.writeStartObject();
            json.writeStringField("gc", r.collector());
            json.writeStringField("strategy", r.strategy());
            json.writeNumberField("runs", r.runs());
            json.writeNumberField("failed", r.failed());
            number(json, "median", r.median());
            Comparison c = r.comparison();
            if (c != null) {
                number(json, "ratio", c.ratio());
                number(json, "low", c.low());
                number(json, "high", c.high());
                number(json, "p", c.p());
            }
            json.writeStringField("verdict", r.verdictCell());
            json.writeStringField("status", r.status());
            number(json, "hitsPercent", r.hitsPercent());
            number(json, "gcsPerRun", r.gcs());
            number(json, "bytesPerRun", r.bytesPerRun());
            json.writeStringField("failure", r.failure());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("runs");
        for (RunRecord run : report.runs()) {
            writeRun(json, run);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRun(JsonGenerator json, RunRecord run) throws IOException {
        json.writeStartObject();
        json.writeStringField("gc", run.collector());
        json.writeStringField("strategy", run.strategy());
        json.writeNumberField("round", run.round());
        json.writeStringField("failure", run.failure());
        number(json, "metric", run.metric());
        number(json, "seconds", run.seconds());
        json.writeNumberField("jvms", run.jvms());
        json.writeNumberField("gcCount", run.gcCount());
        json.writeNumberField("gcMillis", run.gcMillis());
        json.writeNumberField("allocBytes", run.allocBytes());
        json.writeArrayFieldStart("caches");
        for (CacheRecord c : run.caches()) {
            json.writeStartObject();
            json.writeStringField("name", c.name());
            json.writeNumberField("allocs", c.allocs());
            json.writeNumberField("hits", c.hits());
            json.writeStringField("state", c.state());
            json.writeNumberField("hazards", c.hazards());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (!run.ok()) {
            json.writeStringField("stderrTail", run.stderrTail());
        }
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }
}
