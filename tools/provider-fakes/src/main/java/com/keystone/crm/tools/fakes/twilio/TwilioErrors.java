package com.keystone.crm.tools.fakes.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Twilio's error answers: {@code {"code", "message", "more_info", "status"}} and the texts Twilio uses. */
final class TwilioErrors {

    static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(20001, "Invalid parameter"),
            Map.entry(20003, "Authenticate"),
            Map.entry(20004, "Method not allowed"),
            Map.entry(20404, "The requested resource was not found"),
            Map.entry(20429, "Too Many Requests"),
            Map.entry(20500, "An internal server error has occurred"),
            Map.entry(20503, "Service is unavailable. Please try again"),
            Map.entry(21211, "Invalid 'To' Phone Number"),
            Map.entry(21212, "Invalid 'From' Phone Number"),
            Map.entry(21602, "Message body is required."),
            Map.entry(21603, "A 'From' phone number is required."),
            Map.entry(21604, "A 'To' phone number is required."),
            Map.entry(21609, "Invalid StatusCallback url"),
            Map.entry(21610, "Attempt to send to unsubscribed recipient"),
            Map.entry(21612, "The 'To' phone number is not currently reachable via SMS"),
            Map.entry(21614, "'To' number is not a valid mobile number"),
            Map.entry(21617, "The concatenated message body exceeds the 1600 character limit."),
            Map.entry(30003, "Unreachable destination handset"),
            Map.entry(30004, "Message blocked"),
            Map.entry(30005, "Unknown destination handset"),
            Map.entry(30006, "Landline or unreachable carrier"),
            Map.entry(30007, "Message filtered"),
            Map.entry(30008, "Unknown error"));

    private TwilioErrors() {
    }

    static String text(int code) {
        return MESSAGES.getOrDefault(code, "Error " + code);
    }

    static String body(ObjectMapper json, int code, String message, int status) {
        ObjectNode node = json.createObjectNode();
        node.put("code", code);
        node.put("message", message);
        node.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        node.put("status", status);
        return node.toString();
    }
}
