package com.keystone.crm.platform.contracts;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.format.DateTimeFormat;
import com.networknt.schema.format.EmailFormat;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two {@code format}s whose library default does not fit an event contract, replaced in the validator's
 * meta-schema. Both delegate to json-schema-validator's own check and only adjust its edges.
 */
final class ContractFormats {

    private ContractFormats() {
    }

    /** The replacements, registered on the draft 2020-12 meta-schema. */
    static List<Format> all() {
        return List.of(new StrictDateTime(), new Email());
    }

    /**
     * RFC 3339 {@code date-time} with the {@code T} separator. The library also takes the space that RFC 3339
     * allows "for readability", which {@code java.time.Instant.parse} and Jackson's JavaTimeModule reject,
     * so a consumer could not read such an instant.
     */
    static final class StrictDateTime implements Format {
        private final DateTimeFormat delegate = new DateTimeFormat();

        @Override
        public String getName() {
            return "date-time";
        }

        @Override
        public String getMessageKey() {
            return delegate.getMessageKey();
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return value.length() > 10
                    && (value.charAt(10) == 'T' || value.charAt(10) == 't')
                    && delegate.matches(context, value);
        }
    }

    /**
     * RFC 5321 mailbox as the library checks it, plus the domains reserved for testing and documentation
     * (RFC 2606/6761: {@code .test}, {@code .example}, {@code .invalid}, {@code .localhost}), which the
     * library's top-level-domain list rejects although services and their tests use them.
     */
    static final class Email implements Format {
        private static final Set<String> RESERVED_TLDS = Set.of("test", "example", "invalid", "localhost");
        private final EmailFormat delegate = new EmailFormat();

        @Override
        public String getName() {
            return "email";
        }

        @Override
        public String getMessageKey() {
            return delegate.getMessageKey();
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            if (delegate.matches(context, value)) {
                return true;
            }
            int at = value.lastIndexOf('@');
            int dot = value.lastIndexOf('.');
            if (at < 1 || dot < at + 2 || dot == value.length() - 1) {
                return false;
            }
            String tld = value.substring(dot + 1).toLowerCase(Locale.ROOT);
            return RESERVED_TLDS.contains(tld) && delegate.matches(context, value.substring(0, dot + 1) + "com");
        }
    }
}
