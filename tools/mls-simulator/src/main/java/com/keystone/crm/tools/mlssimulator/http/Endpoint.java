package com.keystone.crm.tools.mlssimulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One handler of the simulator; the router applies faults and records stats around it. */
@FunctionalInterface
public interface Endpoint {
    void handle(HttpExchange exchange) throws IOException;
}
