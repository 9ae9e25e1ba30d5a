package com.keystone.crm.tools.fakes.sink;

import java.util.List;

/** The sink page's HTML (plain, self-contained, refreshed every 5 s). */
final class SinkPage {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    private SinkPage() {
    }

    static String render(List<SinkEntry> entries, boolean canReply, String defaultSmsNumber) {
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Keystone message sink</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
                table{border-collapse:collapse;width:100%}
                th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top;font-size:.9rem}
                th{background:#f4f4f4}
                .email{color:#1b5e20}.sms{color:#0d47a1}.push{color:#6a1b9a}.inbound{background:#fff8e1}
                pre{white-space:pre-wrap;margin:0;font-family:inherit}
                form.reply{display:flex;gap:.3rem}
                </style>
                <script>
                // refresh every 5 s, unless a reply is being typed
                setInterval(function () {
                  var typing = Array.prototype.some.call(document.querySelectorAll('input[name=body],input[name=from]'),
                      function (i) { return i.value !== '' || i === document.activeElement; });
                  if (!typing) { location.replace('/'); }
                }, 5000);
                </script></head><body>
                <h1>Message sink</h1>
                <p>Every email, SMS and push the system sent to the provider fakes, newest first
                (<a href="/api/messages">JSON</a>).</p>
                """);
        if (canReply) {
            html.append("<form class=\"reply\" method=\"post\" action=\"/reply\"><strong>Text the system:</strong>")
                    .append("<input name=\"from\" placeholder=\"from +14155550100\" required>")
                    .append("<input name=\"to\" value=\"").append(esc(defaultSmsNumber)).append("\" required>")
                    .append("<input name=\"body\" placeholder=\"message\" size=\"40\" required>")
                    .append("<button>Send</button></form>\n");
        }
        html.append("<table><thead><tr><th>When (UTC)</th><th>Channel</th><th>Provider</th><th>From</th><th>To</th>")
                .append("<th>Subject / title</th><th>Body</th><th>Status</th>")
                .append(canReply ? "<th>Reply</th>" : "").append("</tr></thead><tbody>\n");
        if (entries.isEmpty()) {
            html.append("<tr><td colspan=\"9\">Nothing yet.</td></tr>\n");
        }
        for (SinkEntry e : entries) {
            html.append("<tr class=\"").append(esc(e.channel())).append(e.direction().equals("inbound") ? " inbound" : "")
                    .append("\"><td>").append(esc(TIME.format(e.at()))).append("</td><td>").append(esc(e.channel()))
                    .append(e.direction().equals("inbound") ? " (in)" : "")
                    .append("</td><td>").append(esc(e.provider())).append("</td><td>").append(esc(e.from()))
                    .append("</td><td>").append(esc(e.to())).append("</td><td>").append(esc(e.subject()))
                    .append("</td><td><pre>").append(esc(e.body())).append("</pre></td><td>").append(esc(e.status()))
                    .append("</td>");
            if (canReply) {
                html.append("<td>");
                if (e.channel().equals("sms") && e.provider().equals("twilio") && e.direction().equals("outbound")) {
                    String replyTo = e.from() != null && e.from().startsWith("+") ? e.from() : defaultSmsNumber;
                    html.append("<form class=\"reply\" method=\"post\" action=\"/reply\">")
                            .append("<input type=\"hidden\" name=\"from\" value=\"").append(esc(e.to())).append("\">")
                            .append("<input type=\"hidden\" name=\"to\" value=\"").append(esc(replyTo)).append("\">")
                            .append("<input name=\"body\" placeholder=\"reply as ").append(esc(e.to()))
                            .append("\" required><button>Reply</button></form>");
                }
                html.append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></body></html>\n");
        return html.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
