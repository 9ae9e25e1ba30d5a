package com.keystone.crm.tools.fakes.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One SES v2 SendEmail the fake accepted. For Simple content: subject, text, html and the extra headers; for Raw
 * content: {@code raw} (the MIME message) and the subject/text read from it are null.
 */
public record SesEmail(String messageId, String from, List<String> to, List<String> cc, List<String> bcc,
                       List<String> replyTo, String subject, String text, String html,
                       Map<String, String> headers, String raw, Map<String, String> tags, String configurationSet,
                       String accessKeyId, Instant sentAt) {

    public List<String> recipients() {
        return java.util.stream.Stream.of(to, cc, bcc).flatMap(List::stream).toList();
    }
}
