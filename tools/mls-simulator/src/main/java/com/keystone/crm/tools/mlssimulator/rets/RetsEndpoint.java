package com.keystone.crm.tools.mlssimulator.rets;

import com.keystone.crm.tools.mlssimulator.FaultPlan;
import com.keystone.crm.tools.mlssimulator.SimulatedFeed;
import com.keystone.crm.tools.mlssimulator.SimulatorOptions;
import com.keystone.crm.tools.mlssimulator.http.Endpoint;
import com.keystone.crm.tools.mlssimulator.http.Http;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** RETS 1.7.2 transactions under /rets/ (arrives in the next slice; answers 501 until then). */
public final class RetsEndpoint implements Endpoint {

    public RetsEndpoint(SimulatedFeed feed, FaultPlan faults, SimulatorOptions options, String baseUrl) {
    }

    public static String endpointName(String path) {
        String rest = path.substring(path.indexOf("/rets/") + "/rets/".length()).toLowerCase();
        return switch (rest) {
            case "login", "logout", "getmetadata", "search", "getobject" -> "rets/" + rest;
            default -> "rets/other";
        };
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        Http.sendText(ex, 501, "RETS is not implemented yet");
    }
}
